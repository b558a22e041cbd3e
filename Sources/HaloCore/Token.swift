/// The kinds of token the lexer produces. Plain value types, as in Crafting Interpreters.
public enum TokenKind: Equatable, Sendable {
    case identifier(String)
    case int(Int)
    case double(Double)
    /// A double-quoted string: text and `<<expr>>` parts. Single-quoted strings are one text part.
    case string([StringPart])
    /// A bare request path such as `/api/tickets/<<id>>`, lexed only after `get`, `post`, `delete`, `all`.
    case path([StringPart])
    case keyword(Keyword)
    case symbol(Symbol)
    case newline
    case eof
}

/// A piece of a string or path literal: literal text or the source of an interpolated expression.
public enum StringPart: Equatable, Sendable {
    case text(String)
    case code(String, line: Int, column: Int)
}

public enum Keyword: String, CaseIterable, Sendable {
    case `if`, `else`, `for`, `in`, `while`, `break`, `continue`, `fn`, `return`
    case print, assert, fail, `try`, `catch`, `import`, param
    case and, or, not, `true`, `false`, null
    case auth, get, post, delete
}

public enum Symbol: String, CaseIterable, Sendable {
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}", comma = ",", colon = ":", semicolon = ";"
    case caret = "^", arrow = "->", assign = "=", plusAssign = "+=", minusAssign = "-="
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case coalesce = "??", dot = "."
}

public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var line: Int
    public var column: Int
    public init(_ kind: TokenKind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }
}

extension TokenKind {
    /// How a token is named in "expected X, found Y" messages.
    public var description: String {
        switch self {
        case .identifier(let n): "'\(n)'"
        case .int(let i): "number \(i)"
        case .double(let d): "number \(d)"
        case .string: "string"
        case .path: "path"
        case .keyword(let k): "'\(k.rawValue)'"
        case .symbol(let s): "'\(s.rawValue)'"
        case .newline: "end of line"
        case .eof: "end of input"
        }
    }
}
