/// Gives every variable a slot before anything runs, so the interpreter reads and writes frames by
/// index, and reports unknown names (with a suggestion) without running the script.
///
/// Scoping rule: a name assigned inside a function is local to it unless an enclosing scope
/// already has it; loop variables, `catch` names, parameters and `response`/`status` are always local.
final class Resolver {
    private let builtins: [String: BuiltinFunction]
    private let loader: ModuleLoader?
    private let file: String
    private var scope: Scope
    private var loopDepth = 0
    private var functionDepth = 0

    init(scope: Scope, builtins: [String: BuiltinFunction], loader: ModuleLoader?, file: String) {
        self.scope = scope
        self.builtins = builtins
        self.loader = loader
        self.file = file
    }

    /// Resolves a module's (or a REPL entry's) top-level statements in its module scope.
    func resolveTopLevel(_ statements: [Stmt]) throws -> [Stmt] {
        try declare(statements)
        return try statements.map(resolve)
    }

    // MARK: - Declarations (first pass over a scope's body)

    private func declareAssigned(_ name: String) {
        if scope.isFunction, scope.enclosingOwns(name) { return }
        scope.declare(name)
    }

    private func declare(_ statements: [Stmt]) throws {
        for statement in statements { try declare(statement) }
    }

    private func declare(_ statement: Stmt) throws {
        switch statement {
        case .expression(let e, _): declare(e)
        case .assign(let b, let e), .compound(let b, _, let e, _):
            declareAssigned(b.name)
            declare(e)
        case .assignChild(_, let keys, let e, _):
            for case .computed(let k) in keys { declare(k) }
            declare(e)
        case .ifElse(let c, let then, let otherwise):
            declare(c)
            try declare(then)
            if let otherwise { try declare(otherwise) }
        case .forIn(let first, let second, let iterable, let body, _):
            scope.declare(first.name)
            if let second { scope.declare(second.name) }
            declare(iterable)
            try declare(body)
        case .whileLoop(let c, let body):
            declare(c)
            try declare(body)
        case .function(let b, _): scope.declare(b.name)
        case .returnValue(let e, _): if let e { declare(e) }
        case .print(let es): es.forEach(declare)
        case .assert(let c, let m, _, _):
            declare(c)
            if let m { declare(m) }
        case .fail(let e, _): declare(e)
        case .tryCatch(let body, let error, let handler):
            try declare(body)
            if let error { scope.declare(error.name) }
            try declare(handler)
        case .importModule(let decl):
            guard let loader else {
                throw ScriptError(.syntax, "import is not available here", at: decl.location)
            }
            let module = try loader.load(decl.path, from: file, at: decl.location)
            decl.module = module
            for export in module.exports { scope.declare(export.name) }
        case .param(let b, let d):
            scope.declare(b.name)
            if let d { declare(d) }
        case .auth(let e, _, _): if let e { declare(e) }
        case .breakLoop, .continueLoop: break
        }
    }

    /// Finds the names an expression introduces: request results, output variables, comprehension variables.
    private func declare(_ expr: Expr) {
        switch expr {
        case .literal, .name, .local, .outer, .builtin, .function: break
        case .string(let parts): for case .expr(let e) in parts { declare(e) }
        case .list(let es): es.forEach(declare)
        case .object(let entries): entries.forEach { declare($0.value) }
        case .comprehension(let element, let binding, let iterable, let condition):
            scope.declare(binding.name)
            declare(element)
            declare(iterable)
            if let condition { declare(condition) }
        case .child(let base, let key, _):
            declare(base)
            if case .computed(let k) = key { declare(k) }
        case .unary(_, let e, _): declare(e)
        case .binary(_, let a, let b, _), .and(let a, let b), .or(let a, let b), .coalesce(let a, let b):
            declare(a)
            declare(b)
        case .call(let callee, let args, _):
            declare(callee)
            args.forEach(declare)
        case .request(let r):
            scope.declare("response")
            scope.declare("status")
            declare(r.target)
            if let a = r.argument { declare(a) }
            for output in r.outputs {
                declareAssigned(output.binding.name)
                declare(output.value)
            }
        }
    }

    // MARK: - Resolution (second pass)

    private func bind(_ binding: Binding) throws -> Binding {
        guard let (depth, slot) = scope.lookup(binding.name) else {
            throw unknownName(binding.name, at: binding.location)
        }
        var b = binding
        b.depth = depth
        b.slot = slot
        return b
    }

    private func unknownName(_ name: String, at location: SourceLocation) -> ScriptError {
        var message = "unknown name '\(name)'"
        if let suggestion = Suggestions.closest(to: name, among: scope.allVisibleNames + Array(builtins.keys)) {
            message += "; did you mean '\(suggestion)'?"
        }
        return ScriptError(.syntax, message, at: location)
    }

    private func resolve(_ statements: [Stmt]) throws -> [Stmt] { try statements.map(resolve) }

    private func resolve(_ statement: Stmt) throws -> Stmt {
        switch statement {
        case .expression(let e, let loc): return .expression(try resolve(e), loc)
        case .assign(let b, let e): return .assign(try bind(b), try resolve(e))
        case .assignChild(let b, let keys, let e, let loc):
            return .assignChild(try bind(b), try keys.map(resolve), try resolve(e), loc)
        case .compound(let b, let op, let e, let loc): return .compound(try bind(b), op, try resolve(e), loc)
        case .ifElse(let c, let then, let otherwise):
            return .ifElse(condition: try resolve(c), then: try resolve(then), otherwise: try otherwise.map(resolve))
        case .forIn(let first, let second, let iterable, let body, let loc):
            let iterable = try resolve(iterable)
            loopDepth += 1
            defer { loopDepth -= 1 }
            return .forIn(first: try bind(first), second: try second.map(bind), iterable: iterable,
                          body: try resolve(body), loc)
        case .whileLoop(let c, let body):
            loopDepth += 1
            defer { loopDepth -= 1 }
            return .whileLoop(condition: try resolve(c), body: try resolve(body))
        case .breakLoop(let loc), .continueLoop(let loc):
            guard loopDepth > 0 else {
                let word = if case .breakLoop = statement { "break" } else { "continue" }
                throw ScriptError(.syntax, "'\(word)' outside a loop", at: loc)
            }
            return statement
        case .function(let b, let decl):
            let bound = try bind(b)
            try resolveFunction(decl)
            return .function(bound, decl)
        case .returnValue(let e, let loc):
            guard functionDepth > 0 else { throw ScriptError(.syntax, "'return' outside a function", at: loc) }
            return .returnValue(try e.map(resolve), loc)
        case .print(let es): return .print(try es.map(resolve))
        case .assert(let c, let m, let loc, let source):
            return .assert(try resolve(c), message: try m.map(resolve), loc, source: source)
        case .fail(let e, let loc): return .fail(try resolve(e), loc)
        case .tryCatch(let body, let error, let handler):
            return .tryCatch(body: try resolve(body), error: try error.map(bind), handler: try resolve(handler))
        case .importModule(let decl):
            decl.bindings = try (decl.module?.exports ?? []).map { export in
                (export, try bind(Binding(name: export.name, location: decl.location)))
            }
            return statement
        case .param(let b, let d): return .param(try bind(b), defaultValue: try d.map(resolve))
        case .auth(let e, let profile, let loc): return .auth(try e.map(resolve), profile: profile, loc)
        }
    }

    private func resolve(_ key: ChildKey) throws -> ChildKey {
        if case .computed(let e) = key { return .computed(try resolve(e)) }
        return key
    }

    private func resolve(_ expr: Expr) throws -> Expr {
        switch expr {
        case .literal, .local, .outer, .builtin: return expr
        case .string(let parts):
            return .string(try parts.map { part in
                if case .expr(let e) = part { return .expr(try resolve(e)) }
                return part
            })
        case .list(let es): return .list(try es.map(resolve))
        case .object(let entries): return .object(try entries.map { ObjectEntry(key: $0.key, value: try resolve($0.value)) })
        case .comprehension(let element, let binding, let iterable, let condition):
            return .comprehension(element: try resolve(element), binding: try bind(binding),
                                  iterable: try resolve(iterable), condition: try condition.map(resolve))
        case .name(let name, let loc):
            if let (depth, slot) = scope.lookup(name) {
                return depth == 0 ? .local(slot: slot, name: name, loc) : .outer(depth: depth, slot: slot, name: name, loc)
            }
            if let builtin = builtins[name] { return .builtin(builtin) }
            throw unknownName(name, at: loc)
        case .child(let base, let key, let loc): return .child(try resolve(base), try resolve(key), loc)
        case .unary(let op, let e, let loc): return .unary(op, try resolve(e), loc)
        case .binary(let op, let a, let b, let loc): return .binary(op, try resolve(a), try resolve(b), loc)
        case .and(let a, let b): return .and(try resolve(a), try resolve(b))
        case .or(let a, let b): return .or(try resolve(a), try resolve(b))
        case .coalesce(let a, let b): return .coalesce(try resolve(a), try resolve(b))
        case .call(let callee, let args, let loc): return .call(try resolve(callee), try args.map(resolve), loc)
        case .function(let decl):
            try resolveFunction(decl)
            return expr
        case .request(var r):
            r.target = try resolve(r.target)
            r.argument = try r.argument.map(resolve)
            r.response = try bind(r.response)
            r.status = try bind(r.status)
            r.outputs = try r.outputs.map { OutputClause(binding: try bind($0.binding), value: try resolve($0.value)) }
            return .request(r)
        }
    }

    private func resolveFunction(_ decl: FunctionDecl) throws {
        let outer = scope
        let outerLoops = loopDepth
        scope = Scope(parent: outer)
        functionDepth += 1
        loopDepth = 0
        defer {
            scope = outer
            functionDepth -= 1
            loopDepth = outerLoops
        }
        for p in decl.parameters { scope.declare(p.binding.name) }
        try declare(decl.body)
        decl.parameters = try decl.parameters.map { Parameter(binding: try bind($0.binding), defaultValue: try $0.defaultValue.map(resolve)) }
        decl.body = try resolve(decl.body)
        decl.frameSize = scope.count
    }
}
