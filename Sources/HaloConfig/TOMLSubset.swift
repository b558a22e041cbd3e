/// The part of TOML that halo's config file needs, parsed without a dependency:
///
/// - `# comments`, blank lines, a comment after a value;
/// - tables `[name]` and `[dotted.name]` with bare keys (`A-Z a-z 0-9 _ -`);
/// - `key = "basic string"` with the escapes `\" \\ \n \t \r \b \f \uXXXX \UXXXXXXXX`,
///   `key = 'literal string'` (no escapes), `key = true|false`, `key = 42` (`_` separators allowed).
///
/// Arrays, inline tables, floats, dates and multi-line strings are refused with the line they are on.
public enum TOMLSubset {
    public enum Value: Equatable, Sendable {
        case string(String)
        case bool(Bool)
        case integer(Int)

        /// For messages: "a string", "a boolean", "an integer".
        public var kind: String {
            switch self {
            case .string: "a string"
            case .bool: "a boolean"
            case .integer: "an integer"
            }
        }
    }

    public struct Entry: Equatable, Sendable {
        public var key: String
        public var value: Value
        public var line: Int
    }

    /// Keys before any header live in the table with the empty path.
    public struct Table: Equatable, Sendable {
        public var path: [String]
        public var line: Int
        public var entries: [Entry]
    }

    /// A syntax error on a 1-based line.
    public struct ParseError: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    /// Tables in file order, the root first.
    public static func parse(_ text: String) throws(ParseError) -> [Table] {
        var tables = [Table(path: [], line: 0, entries: [])]
        var lineNumber = 0
        // "\r\n" is one Character in Swift, so it must be named as a separator of its own.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var cursor = Cursor(raw, line: lineNumber)
            cursor.skipSpaces()
            if cursor.atEndOrComment { continue }
            if cursor.peek == "[" {
                let path = try cursor.header()
                if let earlier = tables.first(where: { $0.path == path }) {
                    throw ParseError(line: lineNumber, message: "table [\(path.joined(separator: "."))] is already defined on line \(earlier.line)")
                }
                tables.append(Table(path: path, line: lineNumber, entries: []))
                continue
            }
            let key = try cursor.bareKey()
            cursor.skipSpaces()
            guard cursor.take("=") else { throw cursor.error("expected '=' after key '\(key)'") }
            cursor.skipSpaces()
            let value = try cursor.value()
            cursor.skipSpaces()
            guard cursor.atEndOrComment else { throw cursor.error("unexpected text after the value of '\(key)'") }
            if let earlier = tables[tables.count - 1].entries.first(where: { $0.key == key }) {
                throw ParseError(line: lineNumber, message: "duplicate key '\(key)' (first set on line \(earlier.line))")
            }
            tables[tables.count - 1].entries.append(Entry(key: key, value: value, line: lineNumber))
        }
        return tables
    }

    /// Reads one line left to right.
    private struct Cursor {
        private var rest: Substring
        let line: Int

        init(_ text: Substring, line: Int) {
            self.rest = text
            self.line = line
        }

        var peek: Character? { rest.first }
        var atEndOrComment: Bool { rest.isEmpty || rest.first == "#" }

        func error(_ message: String) -> ParseError { ParseError(line: line, message: message) }

        mutating func skipSpaces() {
            rest = rest.drop(while: { $0 == " " || $0 == "\t" })
        }

        mutating func take(_ c: Character) -> Bool {
            guard rest.first == c else { return false }
            rest.removeFirst()
            return true
        }

        static func isKeyCharacter(_ c: Character) -> Bool {
            c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
        }

        mutating func bareKey() throws(ParseError) -> String {
            let key = rest.prefix(while: Self.isKeyCharacter)
            guard !key.isEmpty else {
                if rest.first == "\"" || rest.first == "'" { throw error("quoted keys are not supported; use letters, digits, '_' and '-'") }
                throw error("expected a key (letters, digits, '_' or '-'), a [table] or a # comment")
            }
            rest = rest.dropFirst(key.count)
            return String(key)
        }

        /// `[a.b]` → ["a", "b"].
        mutating func header() throws(ParseError) -> [String] {
            _ = take("[")
            if rest.first == "[" { throw error("arrays of tables ([[...]]) are not supported") }
            var path: [String] = []
            repeat {
                skipSpaces()
                path.append(try bareKey())
                skipSpaces()
            } while take(".")
            guard take("]") else { throw error("expected ']' to close the table name") }
            skipSpaces()
            guard atEndOrComment else { throw error("unexpected text after the table name") }
            return path
        }

        mutating func value() throws(ParseError) -> Value {
            switch rest.first {
            case "\"":
                if rest.hasPrefix("\"\"\"") { throw error("multi-line strings are not supported") }
                return .string(try basicString())
            case "'":
                if rest.hasPrefix("'''") { throw error("multi-line strings are not supported") }
                rest.removeFirst()
                guard let end = rest.firstIndex(of: "'") else { throw error("unterminated string") }
                defer { rest = rest[rest.index(after: end)...] }
                return .string(String(rest[..<end]))
            case "[", "{":
                throw error("arrays and inline tables are not supported")
            case nil, "#":
                throw error("missing value")
            default:
                let word = rest.prefix(while: { !" \t#".contains($0) })
                rest = rest.dropFirst(word.count)
                if word == "true" { return .bool(true) }
                if word == "false" { return .bool(false) }
                let digits = word.filter { $0 != "_" }
                if !word.hasPrefix("_"), !word.hasSuffix("_"), !word.contains("__"), let n = Int(digits) {
                    return .integer(n)
                }
                throw error("unsupported value '\(word)': use a \"string\", true/false or an integer")
            }
        }

        private mutating func basicString() throws(ParseError) -> String {
            rest.removeFirst()
            var text = ""
            while let c = rest.first {
                rest.removeFirst()
                switch c {
                case "\"": return text
                case "\\": text.append(try escape())
                default: text.append(c)
                }
            }
            throw error("unterminated string")
        }

        private mutating func escape() throws(ParseError) -> Character {
            guard let c = rest.first else { throw error("unterminated string") }
            rest.removeFirst()
            switch c {
            case "\"": return "\""
            case "\\": return "\\"
            case "n": return "\n"
            case "t": return "\t"
            case "r": return "\r"
            case "b": return "\u{8}"
            case "f": return "\u{C}"
            case "u", "U":
                let count = c == "u" ? 4 : 8
                let hex = rest.prefix(count)
                guard hex.count == count, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                    throw error("invalid \\\(c) escape: expected \(count) hex digits of a Unicode scalar")
                }
                rest = rest.dropFirst(count)
                return Character(scalar)
            default:
                throw error("invalid escape '\\\(c)' in a string")
            }
        }
    }
}
