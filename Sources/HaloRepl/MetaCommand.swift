import Foundation

/// The REPL's own commands, typed with a leading colon.
public enum MetaCommand: Equatable {
    case help
    case vars
    case save(String)
    case load(String)
    /// The last value as JSON, when it was shown as a table.
    case json
    case quit

    /// nil when the line is code; `.failure` with a message for a mistyped command.
    public static func parse(_ line: String) -> Result<MetaCommand, MetaCommandError>? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(":") else { return nil }
        let parts = trimmed.dropFirst().split(separator: " ", maxSplits: 1)
        let name = parts.first.map(String.init) ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "help", "h", "?": return .success(.help)
        case "vars": return .success(.vars)
        case "json": return .success(.json)
        case "quit", "q", "exit": return .success(.quit)
        case "save", "load":
            guard !argument.isEmpty else { return .failure(MetaCommandError(message: ":\(name) needs a file name, e.g. :\(name) session.halo")) }
            return .success(name == "save" ? .save(argument) : .load(argument))
        default:
            return .failure(MetaCommandError(message: "unknown command :\(name) (try :help)"))
        }
    }
}

public struct MetaCommandError: Error, Equatable {
    public let message: String
}
