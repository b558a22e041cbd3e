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

    static let metaCommands = ["help", "vars", "save", "load", "quit"]

    public static func complete(_ line: String, state: CompletionState) -> [Completion] {
        let wordStart = line.lastIndex(where: { wordBreaks.contains($0) }).map(line.index(after:)) ?? line.startIndex
        let word = String(line[wordStart...])
        let before = line[..<wordStart]
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
        guard let value = follow(base, state: state) else { return [] }
        var seen = Set<String>(), keys: [String] = []
        func add(_ object: HaloObject) {
            for key in object.keys where seen.insert(key).inserted { keys.append(key) }
        }
        switch value {
        case .object(let o): add(o)
        case .list(let items):
            // `list^name` maps over the elements, so their keys complete (the first 100 are enough).
            for case .object(let o) in items.prefix(100) { add(o) }
        default: return []
        }
        return keys.map(spelled).filter { $0.hasPrefix(word) }.map { Completion($0) }
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
