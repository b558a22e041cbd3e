/// Refuses syntax trees deeper than `maximum` levels, measured without recursion.
///
/// Operator chains parse in a loop, but `1 + 1 + ... + 1` still makes a tree as deep as it is
/// long, and every later pass (resolver, compiler, `halo check`'s outline, the compiled closures
/// when they run) recurses once per level: 10,000 terms overflowed the stack of `check` and
/// `describe`. Checking the depth once per top-level statement keeps all of them within bounds.
enum SyntaxDepth {
    /// Levels of statements and expressions along one path; 1,000 closures deep runs in well
    /// under the 512 KB stack of a secondary thread.
    static let maximum = 1000

    static var message: String { "nested too deeply (more than \(maximum) levels)" }

    fileprivate enum Node {
        case statement(Stmt)
        case expression(Expr)
    }

    static func check(_ statement: Stmt, at start: SourceLocation) throws {
        var pending: [(node: Node, depth: Int, location: SourceLocation)] = [(.statement(statement), 1, start)]
        while let (node, depth, inherited) = pending.popLast() {
            let location = node.location ?? inherited
            guard depth <= maximum else { throw ScriptError(.syntax, message, at: location) }
            for child in node.children { pending.append((child, depth + 1, location)) }
        }
    }
}

fileprivate extension SyntaxDepth.Node {
    /// Where the node is written, when the tree records it.
    var location: SourceLocation? {
        switch self {
        case .statement(let s):
            switch s {
            case .expression(_, let loc), .assignChild(_, _, _, let loc), .compound(_, _, _, let loc),
                 .forIn(_, _, _, _, let loc), .breakLoop(let loc), .continueLoop(let loc), .returnValue(_, let loc),
                 .assert(_, _, let loc, _), .fail(_, let loc), .auth(_, _, let loc):
                return loc
            case .assign(let b, _), .param(let b, _), .function(let b, _): return b.location
            case .importModule(let decl): return decl.location
            case .ifElse, .whileLoop, .print, .tryCatch: return nil
            }
        case .expression(let e): return e.location
        }
    }

    var children: [SyntaxDepth.Node] {
        switch self {
        case .statement(let s): Self.children(of: s)
        case .expression(let e): Self.children(of: e)
        }
    }

    private static func children(of s: Stmt) -> [SyntaxDepth.Node] {
        switch s {
        case .expression(let e, _), .assign(_, let e), .compound(_, _, let e, _), .fail(let e, _):
            return [.expression(e)]
        case .assignChild(_, let keys, let e, _): return keys.compactMap(computed) + [.expression(e)]
        case .ifElse(let c, let then, let otherwise):
            return [.expression(c)] + then.map(Self.statement) + (otherwise ?? []).map(Self.statement)
        case .forIn(_, _, let iterable, let body, _): return [.expression(iterable)] + body.map(Self.statement)
        case .whileLoop(let c, let body): return [.expression(c)] + body.map(Self.statement)
        case .function(_, let decl): return children(of: decl)
        case .returnValue(let e, _), .param(_, let e), .auth(let e, _, _): return e.map { [.expression($0)] } ?? []
        case .print(let es): return es.map(Self.expression)
        case .assert(let c, let m, _, _): return [.expression(c)] + (m.map { [.expression($0)] } ?? [])
        case .tryCatch(let body, _, let handler): return (body + handler).map(Self.statement)
        case .breakLoop, .continueLoop, .importModule: return []
        }
    }

    private static func children(of e: Expr) -> [SyntaxDepth.Node] {
        switch e {
        case .literal, .name, .local, .outer, .builtin: return []
        case .string(let parts):
            return parts.compactMap { if case .expr(let e) = $0 { .expression(e) } else { nil } }
        case .list(let es): return es.map(Self.expression)
        case .object(let entries): return entries.map { .expression($0.value) }
        case .comprehension(let element, _, let iterable, let condition):
            return [.expression(element), .expression(iterable)] + (condition.map { [.expression($0)] } ?? [])
        case .child(let base, let key, _): return [.expression(base)] + [key].compactMap(computed)
        case .unary(_, let e, _): return [.expression(e)]
        case .binary(_, let a, let b, _), .and(let a, let b), .or(let a, let b), .coalesce(let a, let b):
            return [.expression(a), .expression(b)]
        case .call(let callee, let args, _): return [.expression(callee)] + args.map(Self.expression)
        case .function(let decl): return children(of: decl)
        case .request(let r):
            return [.expression(r.target)] + (r.argument.map { [.expression($0)] } ?? []) + r.outputs.map { .expression($0.value) }
        }
    }

    private static func children(of decl: FunctionDecl) -> [SyntaxDepth.Node] {
        decl.parameters.compactMap { $0.defaultValue.map(Self.expression) } + decl.body.map(Self.statement)
    }

    private static func computed(_ key: ChildKey) -> SyntaxDepth.Node? {
        if case .computed(let e) = key { return .expression(e) }
        return nil
    }
}
