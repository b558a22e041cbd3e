import Foundation
import HaloCore

/// One TAB candidate: the text that replaces the word before the cursor, and what to append when
/// it is the only match ("(" after a function, " " after a keyword, nothing after a key).
public struct Completion: Equatable, Sendable, CustomStringConvertible {
    public var text: String
    public var suffix: String
    public init(_ text: String, suffix: String = "") {
        self.text = text
        self.suffix = suffix
    }
    public var description: String { text }
}

/// What completion may look at: the session's variables with their live values, and the built-ins.
public struct CompletionState {
    public var variables: [(name: String, value: Value)]
    public var builtins: [String]
    public init(variables: [(name: String, value: Value)], builtins: [String]) {
        self.variables = variables
        self.builtins = builtins
    }
}

/// TAB completion, as a pure function of the session's state and the line up to the cursor.
/// It never runs code: `response^clients^0^` is followed through the variable's current value.
public enum Completer {
    /// Characters that end a word. `^` is one, so after `response^` the word is the key alone and
    /// the candidate list shows keys; `/` is not, so a path is one word.
    public static let wordBreaks = " \t\n\"'`@$><=;|&{}()[],+-*%!?:^#"

    static let metaCommands = ["help", "vars", "json", "save", "load", "quit"]

    /// - Parameter directory: where file names after `:save`/`:load` are looked up.
    public static func complete(_ line: String, state: CompletionState, directory: String = ".") -> [Completion] {
        let wordStart = line.lastIndex(where: { wordBreaks.contains($0) }).map(line.index(after:)) ?? line.startIndex
        let word = String(line[wordStart...])
        let before = line[..<wordStart]
        if let file = fileArgument(line) { return files(matching: file, in: directory) }
        if before == ":" {
            return metaCommands.filter { $0.hasPrefix(word) }.map { Completion($0, suffix: " ") }
        }
        if before.hasSuffix("^") {
            return keys(after: before.dropLast(), word: word, state: state)
        }
        if word.hasPrefix("/") {
            guard let previous = before.split(whereSeparator: \.isWhitespace).last,
                  ["get", "post", "delete", "all"].contains(previous) else { return [] }
            return HaloEndpoints.paths.filter { $0.hasPrefix(word) }.map { Completion($0, suffix: " ") }
        }
        return names(word, state: state)
    }

    /// The file name typed after `:save ` or `:load `, if that is what the line is.
    private static func fileArgument(_ line: String) -> String? {
        for command in [":save ", ":load "] where line.hasPrefix(command) {
            return String(String(line.dropFirst(command.count)).trimmingPrefix(while: { $0 == " " }))
        }
        return nil
    }

    /// Files and directories (with a `/`) that start with `typed`, relative to the working directory.
    /// The candidates are whole words from the line's last break, as libedit replaces that word.
    private static func files(matching typed: String, in base: String) -> [Completion] {
        let slash = typed.lastIndex(of: "/")
        let directory = slash.map { String(typed[...$0]) } ?? ""
        let prefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let listed = directory.hasPrefix("/") || directory.hasPrefix("~") ? directory : base + "/" + directory
        let path = (listed as NSString).expandingTildeInPath
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        // libedit replaces the word after the line's last break (`-` is one), so that is what a candidate holds.
        let wordOffset = typed.lastIndex(where: { wordBreaks.contains($0) }).map { typed.distance(from: typed.startIndex, to: $0) + 1 } ?? 0
        return names.filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }.sorted().map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory)
            return Completion(String((directory + name).dropFirst(wordOffset)), suffix: isDirectory.boolValue ? "/" : " ")
        }
    }

    /// Keywords, built-ins and the session's variables and functions.
    private static func names(_ word: String, state: CompletionState) -> [Completion] {
        var result: [String: String] = [:]
        for keyword in Keyword.allCases { result[keyword.rawValue] = " " }
        for builtin in state.builtins { result[builtin] = "(" }
        for (name, value) in state.variables {
            if case .function = value { result[name] = "(" } else { result[name] = "" }
        }
        return result.filter { $0.key.hasPrefix(word) }.sorted { $0.key < $1.key }.map { Completion($0.key, suffix: $0.value) }
    }

    /// The keys of the live value that `base` (such as `response^clients^0`) names.
    private static func keys(after base: Substring, word: String, state: CompletionState) -> [Completion] {
        guard let value = follow(base, state: state), let keys = keys(of: value) else { return [] }
        return keys.map(spelled).filter { $0.hasPrefix(word) }.map { Completion($0) }
    }

    /// The keys `^` can take on a value: an object's, or those of a list's objects, since `list^name`
    /// maps over the elements (the first 100 are enough). nil for anything else.
    static func keys(of value: Value) -> [String]? {
        var seen = Set<String>(), keys: [String] = []
        func add(_ object: HaloObject) {
            for key in object.keys where seen.insert(key).inserted { keys.append(key) }
        }
        switch value {
        case .object(let o): add(o)
        case .list(let items): for case .object(let o) in items.prefix(100) { add(o) }
        default: return nil
        }
        return keys
    }

    /// A key as it is written after `^`: bare when it is a name or an index, quoted otherwise.
    private static func spelled(_ key: String) -> String {
        let isName = key.first.map { $0 == "_" || $0.isLetter } == true && key.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        let isIndex = !key.isEmpty && key.allSatisfy(\.isASCII) && key.allSatisfy(\.isNumber)
        return isName || isIndex ? key : JSON.write(.string(key))
    }

    /// Reads a `name^key^0^"quoted key"` chain backwards from its end and follows it through the
    /// variable's value. Anything else (calls, computed keys) gives nil: completion runs no code.
    static func follow(_ chain: Substring, state: CompletionState) -> Value? {
        var segments: [Substring] = []
        var rest = chain
        while true {
            guard let segment = trailingSegment(of: rest) else { return nil }
            segments.append(segment)
            rest = rest[..<segment.startIndex]
            if rest.hasSuffix("^") {
                rest = rest.dropLast()
                continue
            }
            break
        }
        guard let baseName = segments.popLast(),
              let base = state.variables.last(where: { $0.name == baseName })?.value else { return nil }
        return segments.reversed().reduce(base) { value, segment in child(of: value, segment) }
    }

    /// The last segment of a chain: a quoted key, a (possibly negative) index, or a name.
    private static func trailingSegment(of text: Substring) -> Substring? {
        if text.hasSuffix("\"") {
            let body = text.dropLast()
            guard let open = body.lastIndex(of: "\"") else { return nil }
            return text[open...]
        }
        var start = text.endIndex
        while start > text.startIndex {
            let previous = text.index(before: start)
            let c = text[previous]
            guard c == "_" || c.isLetter || c.isNumber || (c == "-" && text[start...].first?.isNumber == true) else { break }
            start = previous
        }
        return start == text.endIndex ? nil : text[start...]
    }

    /// One `^` step with the language's meaning: a name maps over a list, an index counts from either end.
    private static func child(of value: Value, _ segment: Substring) -> Value {
        if segment.hasPrefix("\""), let key = try? JSON.parse(String(segment)), case .string(let name) = key {
            return child(of: value, named: name)
        }
        if let index = Int(segment) {
            guard case .list(let items) = value else { return child(of: value, named: String(segment)) }
            let i = index < 0 ? items.count + index : index
            return items.indices.contains(i) ? items[i] : .null
        }
        return child(of: value, named: String(segment))
    }

    private static func child(of value: Value, named name: String) -> Value {
        switch value {
        case .object(let o): return o[name] ?? .null
        case .list(let items): return .list(items.map { child(of: $0, named: name) })
        default: return .null
        }
    }
}
