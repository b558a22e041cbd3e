import HaloCore

/// Gathers the lines of one entry: an unclosed `(`, `[` or `{`, an unfinished string, or a line
/// that ends in an operator continues on the `...` prompt.
public struct InputAccumulator {
    public private(set) var lines: [String] = []

    public init() {}

    public var isContinuing: Bool { !lines.isEmpty }

    /// Adds a line; returns the whole entry once it is complete, and starts over.
    public mutating func add(_ line: String) -> String? {
        lines.append(line)
        let source = lines.joined(separator: "\n")
        if Self.needsMore(source) { return nil }
        lines = []
        return source
    }

    public mutating func reset() { lines = [] }

    /// Decided on the language's own tokens, so brackets in strings and comments do not count.
    public static func needsMore(_ source: String) -> Bool {
        let tokens: [Token]
        do {
            tokens = try Lexer.tokenize(source, file: "<input>")
        } catch let error as ScriptError {
            return error.message.hasPrefix("unterminated")
        } catch {
            return false
        }
        var depth = 0
        for token in tokens {
            guard case .symbol(let s) = token.kind else { continue }
            switch s {
            case .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace: depth -= 1
            default: break
            }
        }
        if depth > 0 { return true }
        let last = tokens.last { $0.kind != .eof && $0.kind != .newline }
        switch last?.kind {
        case .symbol(let s)?:
            return ![.rightParen, .rightBracket, .rightBrace, .semicolon].contains(s)
        case .keyword(let k)?:
            return [.and, .or, .not, .in].contains(k)
        default:
            return false
        }
    }
}
