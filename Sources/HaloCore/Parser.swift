/// Recursive-descent parser: one method per precedence level, loosest first.
///
/// Newlines end statements; inside `( )`, `[ ]` and object literals they are ignored. That is a
/// stack of modes, because a function literal inside parentheses holds a block again.
public struct Parser {
    private let tokens: [Token]
    private let file: String
    private let lines: [Substring]
    private var index = 0
    private var newlineModes: [Bool] = [false]   // true = newlines are insignificant
    /// Nesting of expressions and blocks; bounded so that no input can exhaust the stack.
    private var depth = 0
    private static let maxDepth = 200
    /// An upper bound on the depth of the tree being built, kept so that no deep tree is ever
    /// built: a left-associative chain (`1 + 1 + ... + 1`) parses in a loop but is as deep as it
    /// is long, and releasing a tree 100,000 levels deep recurses as deeply. `level` is the depth
    /// of the node being parsed; `reach` the deepest level met since the current chain began.
    private var level = 0
    private var reach = 0

    public init(tokens: [Token], file: String, source: String) {
        self.tokens = tokens
        self.file = file
        self.lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Parses a whole file or REPL entry.
    public static func parse(_ source: String, file: String) throws -> [Stmt] {
        var parser = Parser(tokens: try Lexer.tokenize(source, file: file), file: file, source: source)
        return try parser.parseProgram()
    }

    public mutating func parseProgram() throws -> [Stmt] {
        var statements: [Stmt] = []
        skipTerminators()
        while !check(.eof) {
            let start = here()
            let statement = try parseStatement(topLevel: true)
            try SyntaxDepth.check(statement, at: start)
            statements.append(statement)
            try expectStatementEnd()
            skipTerminators()
        }
        return statements
    }

    // MARK: - Token access

    private var ignoresNewlines: Bool { newlineModes[newlineModes.count - 1] }

    private mutating func current() -> Token {
        if ignoresNewlines {
            while tokens[index].kind == .newline { index += 1 }
        }
        return tokens[index]
    }

    private mutating func check(_ kind: TokenKind) -> Bool { current().kind == kind }
    private mutating func check(_ symbol: Symbol) -> Bool { current().kind == .symbol(symbol) }
    private mutating func check(_ keyword: Keyword) -> Bool { current().kind == .keyword(keyword) }

    @discardableResult
    private mutating func advance() -> Token {
        let token = current()
        if token.kind != .eof { index += 1 }
        return token
    }

    private mutating func match(_ symbol: Symbol) -> Bool {
        guard check(symbol) else { return false }
        advance()
        return true
    }

    private mutating func match(_ keyword: Keyword) -> Bool {
        guard check(keyword) else { return false }
        advance()
        return true
    }

    private func location(_ token: Token) -> SourceLocation {
        SourceLocation(file: file, line: token.line, column: token.column)
    }

    private mutating func here() -> SourceLocation { location(current()) }

    private mutating func error(_ message: String, at token: Token? = nil) -> ScriptError {
        let t = token ?? current()
        return ScriptError(.syntax, message, at: location(t))
    }

    @discardableResult
    private mutating func expect(_ symbol: Symbol, _ context: String) throws -> Token {
        guard check(symbol) else {
            throw error("expected '\(symbol.rawValue)' \(context), found \(current().kind.description)")
        }
        return advance()
    }

    private mutating func expectName(_ context: String) throws -> (String, SourceLocation) {
        let token = current()
        guard case .identifier(let name) = token.kind else {
            if case .keyword(let k) = token.kind {
                throw error("'\(k.rawValue)' is a keyword and cannot be used as \(context)")
            }
            throw error("expected \(context), found \(token.kind.description)")
        }
        advance()
        return (name, location(token))
    }

    private mutating func withNewlines<T>(ignored: Bool, _ body: (inout Parser) throws -> T) rethrows -> T {
        newlineModes.append(ignored)
        defer { newlineModes.removeLast() }
        return try body(&self)
    }

    private mutating func skipTerminators() {
        while tokens[index].kind == .newline || tokens[index].kind == .symbol(.semicolon) { index += 1 }
    }

    private mutating func expectStatementEnd() throws {
        let token = tokens[index]
        switch token.kind {
        case .newline, .symbol(.semicolon): index += 1
        case .eof, .symbol(.rightBrace): break
        default:
            // A block's closing brace may end a statement on a line: `if x { a } b`.
            if index > 0, tokens[index - 1].kind == .symbol(.rightBrace) { return }
            throw error("expected end of statement, found \(token.kind.description)", at: token)
        }
    }

    /// True when the token cannot start an expression (used to see whether an optional operand follows).
    private func endsClause(_ token: Token) -> Bool {
        switch token.kind {
        case .newline, .eof: return true
        case .symbol(let s): return ![.leftParen, .leftBracket, .leftBrace, .minus].contains(s)
        case .keyword(let k): return ![.true, .false, .null, .not, .fn, .get, .post, .delete].contains(k)
        default: return false
        }
    }

    // MARK: - Statements

    private mutating func parseBlock() throws -> [Stmt] {
        let open = try expect(.leftBrace, "to open a block")
        return try nested { p in try p.withNewlines(ignored: false) { p in
            var statements: [Stmt] = []
            p.skipTerminators()
            while !p.check(.symbol(.rightBrace)) {
                if p.check(.eof) { throw p.error("expected '}' to close the block opened at \(open.line):\(open.column), found end of input") }
                statements.append(try p.parseStatement(topLevel: false))
                try p.expectStatementEnd()
                p.skipTerminators()
            }
            p.advance()
            return statements
        } }
    }

    private mutating func parseStatement(topLevel: Bool) throws -> Stmt {
        let token = current()
        let loc = location(token)
        switch token.kind {
        case .keyword(.if): advance(); return try parseIf()
        case .keyword(.for): advance(); return try parseFor(loc)
        case .keyword(.while):
            advance()
            let condition = try parseExpression()
            return .whileLoop(condition: condition, body: try parseBlock())
        case .keyword(.break): advance(); return .breakLoop(loc)
        case .keyword(.continue): advance(); return .continueLoop(loc)
        case .keyword(.fn) where isNamedFunction():
            advance()
            let (name, nameLoc) = try expectName("a function name")
            let decl = try parseFunctionRest(name: name, loc)
            return .function(Binding(name: name, location: nameLoc), decl)
        case .keyword(.return):
            advance()
            return .returnValue(endsClause(tokens[index]) ? nil : try parseExpression(), loc)
        case .keyword(.print):
            advance()
            var values: [Expr] = []
            if !endsClause(tokens[index]) {
                values.append(try parseExpression())
                while match(.comma) { values.append(try parseExpression()) }
            }
            return .print(values)
        case .keyword(.assert): advance(); return try parseAssert(loc)
        case .keyword(.fail): advance(); return .fail(try parseExpression(), loc)
        case .keyword(.try): advance(); return try parseTry()
        case .keyword(.import):
            advance()
            guard case .string(let parts) = current().kind, parts.count == 1, case .text(let path) = parts[0] else {
                throw error("expected a module path string after 'import', such as import \"halo/tickets\"")
            }
            advance()
            return .importModule(ImportDecl(path: path, location: loc))
        case .keyword(.param):
            guard topLevel else { throw error("'param' belongs at the top level of a runbook") }
            advance()
            let (name, nameLoc) = try expectName("a parameter name")
            let defaultValue = match(.assign) ? try parseExpression() : nil
            return .param(Binding(name: name, location: nameLoc), defaultValue: defaultValue)
        case .keyword(.auth):
            advance()
            if case .identifier("profile") = current().kind, !endsClause(tokens[index + 1]) {
                advance()
                return .auth(try parseExpression(), profile: true, loc)
            }
            return .auth(endsClause(tokens[index]) ? nil : try parseExpression(), profile: false, loc)
        default:
            return try parseSimpleStatement(loc)
        }
    }

    /// `fn name(` declares; `fn (` is a function literal. A keyword in the name spot is reported as such.
    private func isNamedFunction() -> Bool {
        switch tokens[index + 1].kind {
        case .identifier, .keyword: return true
        default: return false
        }
    }

    private mutating func parseIf() throws -> Stmt {
        let condition = try parseExpression()
        let then = try parseBlock()
        // `else` may sit on the next line after the closing brace.
        var look = index
        while tokens[look].kind == .newline { look += 1 }
        guard tokens[look].kind == .keyword(.else) else { return .ifElse(condition: condition, then: then, otherwise: nil) }
        index = look + 1
        if match(.if) {
            return .ifElse(condition: condition, then: then, otherwise: [try prefixed { p in try p.parseIf() }])
        }
        return .ifElse(condition: condition, then: then, otherwise: try parseBlock())
    }

    private mutating func parseFor(_ loc: SourceLocation) throws -> Stmt {
        let (first, firstLoc) = try expectName("a loop variable")
        var second: Binding? = nil
        if match(.comma) {
            let (name, nameLoc) = try expectName("a second loop variable")
            second = Binding(name: name, location: nameLoc)
        }
        guard match(.in) else { throw error("expected 'in' after the loop variable, found \(current().kind.description)") }
        let iterable = try parseExpression()
        let body = try parseBlock()
        return .forIn(first: Binding(name: first, location: firstLoc), second: second, iterable: iterable, body: body, loc)
    }

    private mutating func parseAssert(_ loc: SourceLocation) throws -> Stmt {
        let start = current()
        let condition = try parseExpression()
        let source = sourceText(from: start, to: tokens[index])
        let message = match(.comma) ? try parseExpression() : nil
        return .assert(condition, message: message, loc, source: source)
    }

    private mutating func parseTry() throws -> Stmt {
        let body = try parseBlock()
        var look = index
        while tokens[look].kind == .newline { look += 1 }
        guard tokens[look].kind == .keyword(.catch) else { throw error("expected 'catch' after the try block") }
        index = look + 1
        var binding: Binding? = nil
        if case .identifier(let name) = current().kind {
            binding = Binding(name: name, location: here())
            advance()
        }
        return .tryCatch(body: body, error: binding, handler: try parseBlock())
    }

    /// An expression statement, or an assignment when `=`, `+=` or `-=` follows.
    private mutating func parseSimpleStatement(_ loc: SourceLocation) throws -> Stmt {
        let expr = try parseExpression()
        let token = tokens[index]
        guard case .symbol(let s) = token.kind, [.assign, .plusAssign, .minusAssign].contains(s) else {
            return .expression(expr, loc)
        }
        advance()
        let value = try parseExpression()
        guard let (root, keys) = assignmentTarget(expr) else {
            throw ScriptError(.syntax, "can only assign to a name or to a name's ^ child", at: loc)
        }
        if s == .assign {
            return keys.isEmpty ? .assign(root, value) : .assignChild(root, keys, value, location(token))
        }
        let op: BinaryOperator = s == .plusAssign ? .add : .subtract
        guard keys.isEmpty else { throw ScriptError(.syntax, "'\(s.rawValue)' works on a name, not a ^ child", at: location(token)) }
        return .compound(root, op, value, location(token))
    }

    /// A loop, not recursion: this runs before the statement's depth is checked.
    private func assignmentTarget(_ expr: Expr) -> (Binding, [ChildKey])? {
        var keys: [ChildKey] = [], e = expr
        while true {
            switch e {
            case .name(let name, let loc): return (Binding(name: name, location: loc), keys.reversed())
            case .child(let base, let key, _):
                keys.append(key)
                e = base
            default: return nil
            }
        }
    }

    // MARK: - Functions

    private mutating func parseFunctionRest(name: String, _ loc: SourceLocation) throws -> FunctionDecl {
        try expect(.leftParen, "before the parameters")
        let parameters = try withNewlines(ignored: true) { p in
            var parameters: [Parameter] = []
            while !p.check(.symbol(.rightParen)) {
                let (pname, ploc) = try p.expectName("a parameter name")
                if parameters.contains(where: { $0.binding.name == pname }) {
                    throw ScriptError(.syntax, "duplicate parameter '\(pname)'", at: ploc)
                }
                let defaultValue = p.match(.assign) ? try p.parseExpression() : nil
                if defaultValue == nil, parameters.last?.defaultValue != nil {
                    throw ScriptError(.syntax, "parameter '\(pname)' needs a default: it follows one that has a default", at: ploc)
                }
                parameters.append(Parameter(binding: Binding(name: pname, location: ploc), defaultValue: defaultValue))
                if !p.match(.comma) { break }
            }
            try p.expect(.rightParen, "after the parameters")
            return parameters
        }
        return FunctionDecl(name: name, parameters: parameters, body: try parseBlock(), location: loc)
    }

    // MARK: - Expressions, loosest first

    public mutating func parseExpression() throws -> Expr {
        try nested { p in try p.parseOr() }
    }

    private mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw error("nested too deeply (more than \(Self.maxDepth) levels)") }
        return try prefixed(body)
    }

    /// One level deeper in the tree: brackets, and recursion without one (`not not x`, `- -x`, `else if`).
    private mutating func prefixed<T>(_ body: (inout Parser) throws -> T) throws -> T {
        try deeper(to: level + 1)
        defer { level -= 1 }
        return try body(&self)
    }

    private mutating func deeper(to newLevel: Int) throws {
        guard newLevel <= SyntaxDepth.maximum else { throw error(SyntaxDepth.message) }
        level = newLevel
        reach = max(reach, level)
    }

    /// Before a chain's first operand: measures the operand on its own; returns what `endChain` restores.
    private mutating func beginChain() -> (level: Int, reach: Int) {
        defer { reach = level }
        return (level, reach)
    }

    /// Before each further operand of a chain: the node it makes sits above everything parsed so
    /// far in the chain, so the operand starts one level below the deepest of them.
    private mutating func link() throws {
        try deeper(to: reach + 1)
    }

    private mutating func endChain(_ saved: (level: Int, reach: Int)) {
        level = saved.level
        reach = max(saved.reach, reach)
    }

    private mutating func parseOr() throws -> Expr {
        let chain = beginChain()
        defer { endChain(chain) }
        var left = try parseAnd()
        while match(.or) {
            try link()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws -> Expr {
        let chain = beginChain()
        defer { endChain(chain) }
        var left = try parseNot()
        while match(.and) {
            try link()
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws -> Expr {
        let token = current()
        if match(.not) { return .unary(.not, try prefixed { p in try p.parseNot() }, location(token)) }
        return try parseComparison()
    }

    private static let comparisons: [Symbol: BinaryOperator] = [
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
        .greater: .greater, .greaterEqual: .greaterEqual,
    ]

    private mutating func parseComparison() throws -> Expr {
        let chain = beginChain()
        defer { endChain(chain) }
        var left = try parseCoalesce()
        while true {
            let token = current()
            if case .symbol(let s) = token.kind, let op = Self.comparisons[s] {
                try link()
                advance()
                left = .binary(op, left, try parseCoalesce(), location(token))
            } else if token.kind == .keyword(.in) {
                try link()
                advance()
                left = .binary(.in, left, try parseCoalesce(), location(token))
            } else if token.kind == .keyword(.not), tokens[index + 1].kind == .keyword(.in) {
                try link()
                try link()   // `not` above `in`
                advance(); advance()
                left = .unary(.not, .binary(.in, left, try parseCoalesce(), location(token)), location(token))
            } else {
                return left
            }
        }
    }

    private mutating func parseCoalesce() throws -> Expr {
        let chain = beginChain()
        defer { endChain(chain) }
        var left = try parseAdditive()
        while match(.coalesce) {
            try link()
            left = .coalesce(left, try parseAdditive())
        }
        return left
    }

    private mutating func parseAdditive() throws -> Expr {
        let chain = beginChain()
        defer { endChain(chain) }
        var left = try parseMultiplicative()
        while true {
            let token = current()
            guard case .symbol(let s) = token.kind, s == .plus || s == .minus else { return left }
            try link()
            advance()
            left = .binary(s == .plus ? .add : .subtract, left, try parseMultiplicative(), location(token))
        }
    }

    private mutating func parseMultiplicative() throws -> Expr {
        let chain = beginChain()
        defer { endChain(chain) }
        var left = try parseUnary()
        while true {
            let token = current()
            guard case .symbol(let s) = token.kind, [.star, .slash, .percent].contains(s) else { return left }
            try link()
            advance()
            let op: BinaryOperator = s == .star ? .multiply : s == .slash ? .divide : .remainder
            left = .binary(op, left, try parseUnary(), location(token))
        }
    }

    private mutating func parseUnary() throws -> Expr {
        let token = current()
        if match(.minus) {
            let operand = try prefixed { p in try p.parseUnary() }
            switch operand {
            case .literal(.int(let i)): return .literal(.int(-i))
            case .literal(.double(let d)): return .literal(.double(-d))
            default: return .unary(.negate, operand, location(token))
            }
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws -> Expr {
        let start = current()
        let chain = beginChain()
        defer { endChain(chain) }
        var expr = try parsePrimary()
        while true {
            let token = tokens[index]   // a call or ^ must be on the same line
            if token.kind == .symbol(.leftParen) {
                try link()
                advance()
                let args = try withNewlines(ignored: true) { p in
                    var args: [Expr] = []
                    while !p.check(.symbol(.rightParen)) {
                        args.append(try p.parseExpression())
                        if !p.match(.comma) { break }
                    }
                    try p.expect(.rightParen, "to close the call opened at \(token.line):\(token.column)")
                    return args
                }
                expr = .call(expr, args, location(start))
            } else if token.kind == .symbol(.caret) {
                try link()
                advance()
                expr = .child(expr, try parseChildKey(), location(token))
            } else if token.kind == .symbol(.dot) {
                throw error("'.' does not read a child here: write ^ as Halo does, e.g. response^clients", at: token)
            } else {
                return expr
            }
        }
    }

    private mutating func parseChildKey() throws -> ChildKey {
        let token = tokens[index]
        switch token.kind {
        case .identifier(let name): advance(); return .name(name)
        case .keyword(let k): advance(); return .name(k.rawValue)
        case .int(let i): advance(); return .index(i)
        case .symbol(.minus):
            if case .int(let i) = tokens[index + 1].kind {
                advance(); advance()
                return .index(-i)
            }
        case .string(let parts):
            advance()
            if parts.count == 1, case .text(let key) = parts[0] { return .name(key) }
            return .computed(try stringExpr(parts))
        case .symbol(.leftParen):
            advance()
            let key = try withNewlines(ignored: true) { p in
                let e = try p.parseExpression()
                try p.expect(.rightParen, "to close the ^( ) key")
                return e
            }
            return .computed(key)
        default: break
        }
        throw error("expected a name, an index, a string or ( ) after '^', found \(token.kind.description)", at: token)
    }

    private mutating func parsePrimary() throws -> Expr {
        let token = current()
        let loc = location(token)
        switch token.kind {
        case .int(let i): advance(); return .literal(.int(i))
        case .double(let d): advance(); return .literal(.double(d))
        case .string(let parts): advance(); return try stringExpr(parts)
        case .keyword(.true): advance(); return .literal(.bool(true))
        case .keyword(.false): advance(); return .literal(.bool(false))
        case .keyword(.null): advance(); return .literal(.null)
        case .identifier(let name): advance(); return .name(name, loc)
        case .keyword(.fn):
            advance()
            return .function(try parseFunctionRest(name: "fn", loc))
        case .keyword(.get), .keyword(.post), .keyword(.delete):
            return try nested { p in try p.parseRequest() }   // its path may be a request again: a bracket of sorts
        case .symbol(.leftParen):
            advance()
            return try withNewlines(ignored: true) { p in
                let e = try p.parseExpression()
                try p.expect(.rightParen, "to close the parenthesis")
                return e
            }
        case .symbol(.leftBracket):
            advance()
            return try withNewlines(ignored: true) { p in try p.parseListRest(opened: token) }
        case .symbol(.leftBrace):
            advance()
            return try withNewlines(ignored: true) { p in try p.parseObjectRest(opened: token) }
        case .path:
            throw error("a bare path must follow get, post or delete; quote it to use it as a string")
        default:
            throw error("expected an expression, found \(token.kind.description)")
        }
    }

    private mutating func parseListRest(opened: Token) throws -> Expr {
        var elements: [Expr] = []
        if match(.rightBracket) { return .list([]) }
        let first = try parseExpression()
        if match(.for) {
            let (name, nameLoc) = try expectName("a loop variable")
            guard match(.in) else { throw error("expected 'in' in the comprehension, found \(current().kind.description)") }
            let iterable = try parseExpression()
            let condition = match(.if) ? try parseExpression() : nil
            try expect(.rightBracket, "to close the comprehension")
            return .comprehension(element: first, binding: Binding(name: name, location: nameLoc),
                                  iterable: iterable, condition: condition)
        }
        elements.append(first)
        while match(.comma) {
            if check(.symbol(.rightBracket)) { break }
            elements.append(try parseExpression())
        }
        try expect(.rightBracket, "to close the list opened at \(opened.line):\(opened.column)")
        return .list(elements)
    }

    private mutating func parseObjectRest(opened: Token) throws -> Expr {
        var entries: [ObjectEntry] = []
        while !check(.symbol(.rightBrace)) {
            let token = current()
            let key: String
            switch token.kind {
            case .identifier(let name): key = name
            case .keyword(let k): key = k.rawValue
            case .string(let parts):
                guard parts.count == 1, case .text(let text) = parts[0] else {
                    throw error("an object key cannot interpolate <<...>>", at: token)
                }
                key = text
            case .int(let i): key = String(i)
            default: throw error("expected a key in the object, found \(token.kind.description)")
            }
            advance()
            try expect(.colon, "after the key '\(key)'")
            entries.append(ObjectEntry(key: key, value: try parseExpression()))
            if !match(.comma) { break }
        }
        try expect(.rightBrace, "to close the object opened at \(opened.line):\(opened.column)")
        return .object(entries)
    }

    private mutating func parseRequest() throws -> Expr {
        let token = advance()
        let loc = location(token)
        let method: RequestMethod = token.kind == .keyword(.get) ? .get : token.kind == .keyword(.post) ? .post : .delete
        var all = false
        if method == .get, case .identifier("all") = current().kind { advance(); all = true }
        let target: Expr
        var templateLocations: [SourceLocation]?
        if case .path(let parts) = current().kind {
            advance()
            target = try stringExpr(parts)
            templateLocations = interpolationLocations(parts)
        } else {
            if endsClause(tokens[index]) { throw error("expected a path after '\(method.rawValue.lowercased())', such as /api/client") }
            let first = current(), start = index
            target = try parseCoalesce()
            if case .string(let parts) = first.kind, index == start + 1 {
                templateLocations = interpolationLocations(parts)
            }
        }
        let argument = endsClause(tokens[index]) ? nil : try parseCoalesce()
        if method == .post, argument == nil {
            throw ScriptError(.syntax, "post needs a body: an object or a list, e.g. post /api/tickets {summary: \"...\"}", at: loc)
        }
        var outputs: [OutputClause] = []
        while tokens[index].kind == .symbol(.arrow) {
            advance()
            let (name, nameLoc) = try expectName("an output variable name after '->'")
            try expect(.assign, "after the output variable '\(name)'")
            let valueToken = current()
            let value = try parseExpression()
            guard leftmostName(value) == "response" else {
                throw error("an output variable's value must start with 'response', as in Halo: -> \(name) = response^...", at: valueToken)
            }
            outputs.append(OutputClause(binding: Binding(name: name, location: nameLoc), value: value))
        }
        return .request(RequestExpr(method: method, all: all, target: target, templateLocations: templateLocations,
                                    argument: argument, outputs: outputs,
                                    response: Binding(name: "response", location: loc),
                                    status: Binding(name: "status", location: loc), location: loc))
    }

    /// Where each `<<...>>` of a path or string token was written.
    private func interpolationLocations(_ parts: [StringPart]) -> [SourceLocation] {
        parts.compactMap { part in
            if case .code(_, let line, let column) = part { return SourceLocation(file: file, line: line, column: column) }
            return nil
        }
    }

    /// A loop, not recursion: this runs before the statement's depth is checked.
    private func leftmostName(_ expr: Expr) -> String? {
        var e = expr
        while true {
            switch e {
            case .name(let n, _): return n
            case .child(let left, _, _), .binary(_, let left, _, _), .coalesce(let left, _), .call(let left, _, _): e = left
            default: return nil
            }
        }
    }

    // MARK: - Strings

    private func stringExpr(_ parts: [StringPart]) throws -> Expr {
        if parts.count == 1, case .text(let text) = parts[0] { return .literal(.string(text)) }
        var result: [InterpolationPart] = []
        for part in parts {
            switch part {
            case .text(let text): result.append(.text(text))
            case .code(let code, let line, let column):
                let tokens = try Lexer.tokenize(code, file: file, line: line, column: column)
                var sub = Parser(tokens: tokens, file: file, source: "")
                let expr = try sub.withNewlines(ignored: true) { p in try p.parseExpression() }
                guard sub.check(.eof) else {
                    throw sub.error("unexpected \(sub.current().kind.description) in <<...>>")
                }
                result.append(.expr(expr))
            }
        }
        return .string(result)
    }

    /// The source of an assert's condition, shown when the assert fails.
    private func sourceText(from start: Token, to end: Token) -> String {
        guard start.line >= 1, start.line <= lines.count else { return "" }
        let line = lines[start.line - 1]
        let chars = Array(line)
        let from = max(0, start.column - 1)
        let to = end.line == start.line ? min(chars.count, max(from, end.column - 1)) : chars.count
        guard from < to else { return "" }
        return String(chars[from..<to]).trimmingCharacters(in: " \t,")
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set)
        var s = Substring(self)
        while let f = s.first, scalars.contains(f) { s.removeFirst() }
        while let l = s.last, scalars.contains(l) { s.removeLast() }
        return String(s)
    }
}
