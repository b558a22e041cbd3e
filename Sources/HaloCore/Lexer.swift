/// Turns source text into tokens. Works on UTF-8 bytes; columns count characters.
///
/// Newlines end statements, so the lexer emits them, except where a statement plainly goes on:
/// after an operator, a comma or an opening bracket, and before a line that starts with `->`.
/// The parser ignores the newlines that remain inside `( )`, `[ ]` and object literals.
public struct Lexer {
    private let bytes: [UInt8]
    private let file: String
    private var pos = 0
    private var line: Int
    private var column: Int
    private var tokens: [Token] = []

    public init(_ source: String, file: String, line: Int = 1, column: Int = 1) {
        self.bytes = Array(source.utf8)
        self.file = file
        self.line = line
        self.column = column
    }

    public static func tokenize(_ source: String, file: String, line: Int = 1, column: Int = 1) throws -> [Token] {
        var lexer = Lexer(source, file: file, line: line, column: column)
        return try lexer.run()
    }

    private mutating func run() throws -> [Token] {
        while true {
            skipSpacesAndComments()
            guard let c = peek() else { break }
            let startLine = line, startColumn = column
            if c == UInt8(ascii: "\n") {
                advance()
                if !continuesAfter(tokens.last), !nextLineStartsWithArrow(), tokens.last?.kind != .newline, !tokens.isEmpty {
                    tokens.append(Token(.newline, line: startLine, column: startColumn))
                }
                continue
            }
            let kind = try lexToken(c)
            tokens.append(Token(kind, line: startLine, column: startColumn))
        }
        tokens.append(Token(.eof, line: line, column: column))
        return tokens
    }

    // MARK: - Characters

    private func peek(_ offset: Int = 0) -> UInt8? {
        let i = pos + offset
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func advance() {
        let c = bytes[pos]
        pos += 1
        if c == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if c & 0xC0 != 0x80 {
            column += 1
        }
    }

    private func error(_ message: String, line: Int? = nil, column: Int? = nil) -> ScriptError {
        ScriptError(.syntax, message, at: SourceLocation(file: file, line: line ?? self.line, column: column ?? self.column))
    }

    private mutating func skipSpacesAndComments() {
        while let c = peek() {
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") {
                advance()
            } else if c == UInt8(ascii: "#") {
                while let d = peek(), d != UInt8(ascii: "\n") { advance() }
            } else {
                return
            }
        }
    }

    /// A newline after these tokens cannot end a statement.
    private func continuesAfter(_ token: Token?) -> Bool {
        guard let token else { return true }
        switch token.kind {
        case .symbol(let s):
            return ![.rightParen, .rightBracket, .rightBrace, .semicolon].contains(s)
        case .keyword(let k):
            return [.and, .or, .not, .in].contains(k)
        default:
            return false
        }
    }

    /// Looks past blank and comment lines for a line that starts with `->`.
    private func nextLineStartsWithArrow() -> Bool {
        var i = pos
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "\n") {
                i += 1
            } else if c == UInt8(ascii: "#") {
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            } else {
                return c == UInt8(ascii: "-") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: ">")
            }
        }
        return false
    }

    // MARK: - Tokens

    private mutating func lexToken(_ c: UInt8) throws -> TokenKind {
        if isIdentifierStart(c) { return lexWord() }
        if isDigit(c) { return try lexNumber() }
        if c == UInt8(ascii: "\"") { return .string(try lexDoubleQuoted()) }
        if c == UInt8(ascii: "'") { return .string(try lexSingleQuoted()) }
        if c == UInt8(ascii: "/"), pathMayFollow() { return .path(try lexPath()) }
        return .symbol(try lexSymbol(c))
    }

    private func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_")
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private mutating func lexWord() -> TokenKind {
        let start = pos
        while let c = peek(), isIdentifierStart(c) || isDigit(c) { advance() }
        let word = String(decoding: bytes[start..<pos], as: UTF8.self)
        if let k = Keyword(rawValue: word) { return .keyword(k) }
        return .identifier(word)
    }

    private mutating func lexNumber() throws -> TokenKind {
        let startLine = line, startColumn = column
        let start = pos
        var isDouble = false
        while let c = peek(), isDigit(c) { advance() }
        if peek() == UInt8(ascii: "."), let d = peek(1), isDigit(d) {
            isDouble = true
            advance()
            while let c = peek(), isDigit(c) { advance() }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var offset = 1
            if let s = peek(1), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { offset = 2 }
            if let d = peek(offset), isDigit(d) {
                isDouble = true
                for _ in 0..<offset { advance() }
                while let c = peek(), isDigit(c) { advance() }
            }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if !isDouble {
            // Never a double in disguise: an id past 64 bits would silently lose its last digits.
            guard let i = Int(text) else {
                throw error("integer \(text) is outside the 64-bit range (at most 9223372036854775807; "
                    + "write the smallest as -9223372036854775807 - 1)", line: startLine, column: startColumn)
            }
            return .int(i)
        }
        guard let d = Double(text), d.isFinite else {
            throw error("number \(text) is out of range", line: startLine, column: startColumn)
        }
        return .double(d)
    }

    private mutating func lexSingleQuoted() throws -> [StringPart] {
        let startLine = line, startColumn = column
        advance()
        let start = pos
        while let c = peek(), c != UInt8(ascii: "'") { advance() }
        guard peek() != nil else { throw error("unterminated string", line: startLine, column: startColumn) }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        advance()
        return [.text(text)]
    }

    private mutating func lexDoubleQuoted() throws -> [StringPart] {
        let startLine = line, startColumn = column
        advance()
        var parts: [StringPart] = []
        var text: [UInt8] = []
        while true {
            guard let c = peek() else { throw error("unterminated string", line: startLine, column: startColumn) }
            if c == UInt8(ascii: "\"") { advance(); break }
            if c == UInt8(ascii: "\\") {
                guard peek(1) != nil else { throw error("unterminated string", line: startLine, column: startColumn) }
                try lexEscape(into: &text)
            } else if c == UInt8(ascii: "<"), peek(1) == UInt8(ascii: "<") {
                if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))); text = [] }
                parts.append(try lexInterpolation())
            } else {
                text.append(c)
                advance()
            }
        }
        if !text.isEmpty || parts.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
        return parts
    }

    private mutating func lexEscape(into text: inout [UInt8]) throws {
        let escLine = line, escColumn = column
        advance()
        guard let e = peek() else { throw error("unterminated string") }
        advance()
        switch e {
        case UInt8(ascii: "n"): text.append(10)
        case UInt8(ascii: "t"): text.append(9)
        case UInt8(ascii: "r"): text.append(13)
        case UInt8(ascii: "b"): text.append(8)
        case UInt8(ascii: "f"): text.append(12)
        case UInt8(ascii: "0"): text.append(0)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "'"): text.append(e)
        case UInt8(ascii: "<"):
            text.append(e)
            if peek() == UInt8(ascii: "<") { text.append(e); advance() }
        case UInt8(ascii: "u"):
            var scalar = try lexHex4(escLine, escColumn)
            if (0xD800..<0xDC00).contains(scalar), peek() == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") {
                advance(); advance()
                let low = try lexHex4(escLine, escColumn)
                guard (0xDC00..<0xE000).contains(low) else {
                    throw error("invalid surrogate pair in \\u escape", line: escLine, column: escColumn)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let u = Unicode.Scalar(scalar) else {
                throw error("invalid \\u escape", line: escLine, column: escColumn)
            }
            text.append(contentsOf: Array(String(Character(u)).utf8))
        default:
            throw error("unknown escape \\\(Character(Unicode.Scalar(e)))", line: escLine, column: escColumn)
        }
    }

    private mutating func lexHex4(_ escLine: Int, _ escColumn: Int) throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let h = peek(), let digit = hexValue(h) else {
                throw error("\\u needs four hex digits", line: escLine, column: escColumn)
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    private func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(c - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `<<expr>>`: captures the expression's source; the parser parses it with this position.
    private mutating func lexInterpolation() throws -> StringPart {
        let startLine = line, startColumn = column
        advance(); advance()
        let codeLine = line, codeColumn = column
        let start = pos
        while true {
            guard let c = peek(), c != UInt8(ascii: "\n") else {
                throw error("unterminated <<...>> interpolation", line: startLine, column: startColumn)
            }
            if c == UInt8(ascii: ">"), peek(1) == UInt8(ascii: ">") { break }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                advance()
                while let d = peek(), d != c, d != UInt8(ascii: "\n") {
                    if d == UInt8(ascii: "\\") { advance() }
                    if peek() != nil { advance() }
                }
                if peek() == c { advance() }
                continue
            }
            advance()
        }
        let code = String(decoding: bytes[start..<pos], as: UTF8.self)
        advance(); advance()
        if code.allSatisfy({ $0 == " " }) { throw error("empty <<>> interpolation", line: startLine, column: startColumn) }
        return .code(code, line: codeLine, column: codeColumn)
    }

    /// A `/` right after a request keyword starts a path, never a division.
    private func pathMayFollow() -> Bool {
        guard let last = tokens.last else { return false }
        switch last.kind {
        case .keyword(.get), .keyword(.post), .keyword(.delete): return true
        case .identifier("all"):
            if tokens.count >= 2, case .keyword(.get) = tokens[tokens.count - 2].kind { return true }
            return false
        default: return false
        }
    }

    private mutating func lexPath() throws -> [StringPart] {
        var parts: [StringPart] = []
        var text: [UInt8] = []
        let stops: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
                                 UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: ","),
                                 UInt8(ascii: ";"), UInt8(ascii: "\"")]
        while let c = peek(), !stops.contains(c) {
            if c == UInt8(ascii: "<"), peek(1) == UInt8(ascii: "<") {
                if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))); text = [] }
                parts.append(try lexInterpolation())
            } else {
                text.append(c)
                advance()
            }
        }
        if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
        return parts
    }

    private mutating func lexSymbol(_ c: UInt8) throws -> Symbol {
        let startLine = line, startColumn = column
        if let next = peek(1) {
            let pair = String(decoding: [c, next], as: UTF8.self)
            if let s = Symbol(rawValue: pair) {
                advance(); advance()
                return s
            }
        }
        let single = String(decoding: [c], as: UTF8.self)
        if let s = Symbol(rawValue: single) {
            advance()
            return s
        }
        if c == UInt8(ascii: "!") {
            throw error("unexpected '!': write 'not' for negation", line: startLine, column: startColumn)
        }
        guard c >= 0x20, c != 0x7F else {
            let hex = String(c, radix: 16, uppercase: true)
            throw error("unexpected control character U+\(String(repeating: "0", count: 4 - hex.count) + hex)",
                        line: startLine, column: startColumn)
        }
        let scalarText = String(decoding: bytes[pos..<min(bytes.count, pos + 4)], as: UTF8.self).first.map(String.init) ?? "?"
        throw error("unexpected character '\(scalarText)'", line: startLine, column: startColumn)
    }
}
