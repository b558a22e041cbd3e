import Foundation
import HaloConfig

/// Asks before a POST or DELETE reaches a profile marked `production = true`. On a terminal it asks
/// on /dev/tty (stdin may be the script); in batch mode it refuses unless `--yes` was given, since
/// nobody is there to answer.
struct ProductionGuard {
    let assumeYes: Bool
    var isInteractive: () -> Bool = { Terminal.stdinIsTerminal && Terminal.stdoutIsTerminal }
    var ask: (String) -> String? = ProductionGuard.askOnTerminal

    /// - Parameters:
    ///   - records: the number of objects in a POST body; nil for DELETE.
    ///   - preview: the write's plan lines, shown before the question; only worked out when asking.
    func confirm(method: String, path: String, records: Int?, profile: Profile,
                 preview: () throws -> [String] = { [] }) throws {
        guard profile.production, !assumeYes else { return }
        let count = records.map { " (\($0) record\($0 == 1 ? "" : "s"))" } ?? ""
        let what = "\(method) \(path) to production profile '\(profile.name)'\(count)"
        guard isInteractive() else {
            throw ConfigError("refusing \(what): not on a terminal to confirm; add --yes to allow writes to production profiles in batch mode")
        }
        let lines = try preview()
        let shown = lines.prefix(20).map { "  " + $0 + "\n" }.joined()
            + (lines.count > 20 ? "  ... and \(lines.count - 20) more\n" : "")
        let answer = ask("\(shown)\(what)? [y/N] ")?.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else {
            throw ConfigError("\(what): not sent (not confirmed)")
        }
    }

    /// Writes the question to the terminal and reads one line of answer from it.
    static func askOnTerminal(_ question: String) -> String? {
        guard let tty = fopen("/dev/tty", "r+") else { return nil }
        defer { fclose(tty) }
        Terminal.flush()
        fputs(question, tty)
        fflush(tty)
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        guard getline(&line, &capacity, tty) > 0, let line else { return nil }
        return String(cString: line).trimmingCharacters(in: .newlines)
    }
}
