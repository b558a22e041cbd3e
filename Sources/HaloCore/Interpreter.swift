import Foundation

/// Settings an embedder gives the interpreter.
public struct InterpreterOptions {
    /// Where `import "halo/x"` looks (HALO_PATH entries, then the stdlib next to the binary).
    public var searchPaths: [String] = []
    /// Program output (`print`); stdout in batch mode.
    public var output: (String) -> Void = { print($0) }
    /// Executes `auth`, `get`, `post`, `delete`; nil makes them errors.
    public var performer: RequestPerformer? = nil
    /// Built-ins the embedder adds (for example REPL helpers).
    public var extraBuiltins: [BuiltinFunction] = []
    /// Deepest allowed chain of script function calls. Each level costs native stack: the default
    /// fits an ordinary 8 MB thread; the `halo` command runs on a large stack and allows more.
    public var maxCallDepth = 400
    public init() {}
}

/// A tree-walking interpreter over resolved syntax trees. Variables live in frame slots that the
/// resolver numbered, so running code never looks a name up.
public final class Interpreter: BuiltinContext {
    public let sources = SourceStore()
    public var performer: RequestPerformer?
    public private(set) var assertionsPassed = 0
    let loader: ModuleLoader
    let builtins: [String: BuiltinFunction]
    private let output: (String) -> Void
    private let maxCallDepth: Int
    private var callDepth = 0
    /// The main program's globals; REPL entries add to them.
    private let mainScope = Scope(parent: nil)
    private let mainFrame = Frame(size: 0, parent: nil)

    public init(_ options: InterpreterOptions = InterpreterOptions()) {
        var table: [String: BuiltinFunction] = [:]
        for b in Builtins.all() + options.extraBuiltins { table[b.name] = b }
        self.builtins = table
        self.output = options.output
        self.performer = options.performer
        self.maxCallDepth = options.maxCallDepth
        self.loader = ModuleLoader(searchPaths: options.searchPaths, sources: sources, builtins: table)
    }

    // MARK: - Entry points

    /// Parses and resolves without running: the syntax and unknown-name errors of `halo check`.
    public func check(source: String, file: String) throws {
        sources.add(source, file: file)
        let scope = Scope(parent: nil)
        let parsed = try Parser.parse(source, file: file)
        _ = try loader.asMain(file) {
            try Resolver(scope: scope, builtins: builtins, loader: loader, file: file).resolveTopLevel(parsed)
        }
    }

    /// The `param` names a program declares, in order, with whether each has a default.
    public static func parameters(of source: String, file: String) throws -> [(name: String, hasDefault: Bool)] {
        try Parser.parse(source, file: file).compactMap { stmt in
            if case .param(let b, let d) = stmt { return (b.name, d != nil) }
            return nil
        }
    }

    /// Runs a program in the main module. `overrides` replace `param` defaults (`--set`).
    /// Returns the value of the last expression statement (the REPL shows it).
    @discardableResult
    public func run(source: String, file: String, overrides: [String: Value] = [:]) throws -> Value? {
        sources.add(source, file: file)
        let parsed = try Parser.parse(source, file: file)
        try checkOverrides(overrides, against: parsed)
        let statements = try loader.asMain(file) {
            try Resolver(scope: mainScope, builtins: builtins, loader: loader, file: file).resolveTopLevel(parsed)
        }
        mainFrame.grow(to: mainScope.count)
        self.overrides = overrides
        var last: Value? = nil
        for statement in statements {
            if case .expression(let e, _) = statement {
                last = try eval(e, mainFrame)
                continue
            }
            last = nil
            if case .returnValue = try exec(statement, mainFrame) { break }
        }
        return last
    }

    /// The names and current values of the main program's variables (for the REPL and `--json`).
    public var globals: [(name: String, value: Value)] {
        mainScope.names.enumerated().compactMap { slot, name in
            guard slot < mainFrame.slots.count, let value = mainFrame.slots[slot] else { return nil }
            return (name, value)
        }
    }

    public var builtinNames: [String] { builtins.keys.sorted() }

    private var overrides: [String: Value] = [:]

    private func checkOverrides(_ overrides: [String: Value], against statements: [Stmt]) throws {
        let declared = statements.compactMap { stmt -> String? in
            if case .param(let b, _) = stmt { return b.name }
            return nil
        }
        for name in overrides.keys.sorted() where !declared.contains(name) {
            let known = declared.isEmpty ? "it declares no params" : "it declares: " + declared.joined(separator: ", ")
            throw ScriptError(.usage, "--set \(name): the runbook has no 'param \(name)' (\(known))")
        }
    }

    // MARK: - BuiltinContext

    public func call(_ function: Value, _ arguments: [Value]) throws -> Value {
        try callValue(function, arguments, at: nil)
    }

    public func writeOutput(_ text: String) { output(text) }

    public func resolvePath(_ path: String) -> String { path }

    // MARK: - Statements

    enum Flow {
        case normal, breakLoop, continueLoop
        case returnValue(Value)
    }

    @inline(__always)
    private func execBlock(_ statements: [Stmt], _ frame: Frame) throws -> Flow {
        for statement in statements {
            let flow = try exec(statement, frame)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    @inline(__always)
    private func store(_ value: Value, _ binding: Binding, _ frame: Frame) {
        if binding.depth == 0 {
            frame.slots[binding.slot] = value
        } else {
            frame.ancestor(binding.depth).slots[binding.slot] = value
        }
    }

    private func exec(_ statement: Stmt, _ frame: Frame) throws -> Flow {
        switch statement {
        case .expression(let e, _):
            _ = try eval(e, frame)
        case .assign(let b, let e):
            store(try eval(e, frame), b, frame)
        case .assignChild(let b, let keys, let e, let loc):
            try assignChild(b, keys, e, loc, frame)
        case .compound(let b, let op, let e, let loc):
            try compound(b, op, e, loc, frame)
        case .ifElse(let condition, let then, let otherwise):
            if try eval(condition, frame).isTruthy {
                return try execBlock(then, frame)
            } else if let otherwise {
                return try execBlock(otherwise, frame)
            }
        case .forIn(let first, let second, let iterable, let body, let loc):
            return try execFor(first, second, iterable, body, loc, frame)
        case .whileLoop(let condition, let body):
            while try eval(condition, frame).isTruthy {
                switch try execBlock(body, frame) {
                case .breakLoop: return .normal
                case .returnValue(let v): return .returnValue(v)
                case .normal, .continueLoop: continue
                }
            }
        case .breakLoop: return .breakLoop
        case .continueLoop: return .continueLoop
        case .function(let b, let decl):
            store(.function(Closure(decl: decl, captured: frame)), b, frame)
        case .returnValue(let e, _):
            return .returnValue(try e.map { try eval($0, frame) } ?? .null)
        case .print(let exprs):
            output(try exprs.map { try eval($0, frame).display }.joined(separator: " "))
        case .assert(let condition, let message, let loc, let source):
            try execAssert(condition, message, loc, source, frame)
        case .fail(let e, let loc):
            throw ScriptError(.failure, try eval(e, frame).display, at: loc)
        case .tryCatch(let body, let binding, let handler):
            do {
                return try execBlock(body, frame)
            } catch let error as ScriptError where error.kind == .runtime || error.kind == .failure {
                if let binding { store(.object(errorObject(error)), binding, frame) }
                return try execBlock(handler, frame)
            }
        case .importModule(let decl):
            try execImport(decl, frame)
        case .param(let b, let defaultValue):
            if let value = overrides[b.name] {
                store(value, b, frame)
            } else if let defaultValue {
                store(try eval(defaultValue, frame), b, frame)
            } else {
                throw ScriptError(.usage, "the runbook needs a value for '\(b.name)': pass --set \(b.name)=VALUE", at: b.location)
            }
        case .auth(let e, let profile, let loc):
            guard let performer else { throw noConnection(loc) }
            var options = try e.map { try eval($0, frame) }
            if profile, let name = options { options = .object(HaloObject([("profile", name)])) }
            try located(loc) { try performer.authenticate(options) }
        }
        return .normal
    }

    private func execFor(_ first: Binding, _ second: Binding?, _ iterable: Expr, _ body: [Stmt],
                         _ loc: SourceLocation, _ frame: Frame) throws -> Flow {
        // `for i in range(...)` counts without building the list.
        if case .call(.builtin(let f), let args, let callLoc) = iterable, f.name == "range", second == nil {
            let bounds = try located(callLoc) { try RangeBounds(try args.map { try eval($0, frame) }) }
            var i = bounds.first
            while let current = i {
                store(.int(current), first, frame)
                switch try execBlock(body, frame) {
                case .breakLoop: return .normal
                case .returnValue(let v): return .returnValue(v)
                case .normal, .continueLoop: break
                }
                i = bounds.next(after: current)
            }
            return .normal
        }
        let collection = try eval(iterable, frame)
        func each(_ a: Value, _ b: Value?) throws -> Flow? {
            if let second, let b {
                store(a, first, frame)
                store(b, second, frame)
            } else {
                store(b ?? a, first, frame)
            }
            switch try execBlock(body, frame) {
            case .breakLoop: return .normal
            case .returnValue(let v): return .returnValue(v)
            case .normal, .continueLoop: return nil
            }
        }
        switch collection {
        case .list(let items):
            for (i, item) in items.enumerated() {
                if let flow = try each(second == nil ? item : .int(i), second == nil ? nil : item) { return flow }
            }
        case .object(let o):
            for (k, v) in o.pairs {
                if let flow = try each(.string(k), second == nil ? nil : v) { return flow }
            }
        case .string(let s):
            for (i, c) in s.enumerated() {
                if let flow = try each(second == nil ? .string(String(c)) : .int(i), second == nil ? nil : .string(String(c))) { return flow }
            }
        case .null:
            throw ScriptError(.runtime, "cannot loop over null (is the value missing?)", at: loc)
        default:
            throw ScriptError(.runtime, "cannot loop over \(collection.typeName)", at: loc)
        }
        return .normal
    }

    private func assignChild(_ b: Binding, _ keys: [ChildKey], _ e: Expr, _ loc: SourceLocation, _ frame: Frame) throws {
        let value = try eval(e, frame)
        let keyValues: [Value] = try keys.map { key in
            switch key {
            case .name(let n): return .string(n)
            case .index(let i): return .int(i)
            case .computed(let expr): return try eval(expr, frame)
            }
        }
        let owner = frame.ancestor(b.depth)
        guard var container = owner.slots[b.slot] else { throw unassigned(b.name, b.location) }
        owner.slots[b.slot] = nil   // keep the collection uniquely owned so the write does not copy it
        defer { owner.slots[b.slot] = container }
        try located(loc) { try ChildAccess.write(&container, keys: keyValues[...], value: value) }
    }

    private func compound(_ b: Binding, _ op: BinaryOperator, _ e: Expr, _ loc: SourceLocation, _ frame: Frame) throws {
        let rhs = try eval(e, frame)
        let owner = frame.ancestor(b.depth)
        guard var current = owner.slots[b.slot] else { throw unassigned(b.name, b.location) }
        owner.slots[b.slot] = nil
        defer { owner.slots[b.slot] = current }
        // Appending in place keeps `items += [x]` linear over a loop.
        switch (op, current, rhs) {
        case (.add, .list(var items), .list(let more)):
            current = .null
            items.append(contentsOf: more)
            current = .list(items)
        case (.add, .string(var text), .string(let more)):
            current = .null
            text += more
            current = .string(text)
        default:
            current = try located(loc) { try Operators.apply(op, current, rhs) }
        }
    }

    private func execAssert(_ condition: Expr, _ message: Expr?, _ loc: SourceLocation, _ source: String,
                            _ frame: Frame) throws {
        var notes: [String] = []
        let passed: Bool
        if case .binary(let op, let l, let r, let opLoc) = condition {
            let left = try eval(l, frame), right = try eval(r, frame)
            passed = try located(opLoc) { try Operators.apply(op, left, right) }.isTruthy
            notes = ["left:  \(left.display)", "right: \(right.display)"]
        } else {
            passed = try eval(condition, frame).isTruthy
        }
        if passed {
            assertionsPassed += 1
            return
        }
        var text = source
        if let message { text = try eval(message, frame).display + " (" + source + ")" }
        throw ScriptError(.assertion, text, at: loc, notes: notes)
    }

    private func execImport(_ decl: ImportDecl, _ frame: Frame) throws {
        guard let module = decl.module else { return }
        switch module.state {
        case .done: break
        case .running: throw ScriptError(.runtime, "import cycle through \(decl.path)", at: decl.location)
        case .loaded:
            module.state = .running
            do {
                for statement in module.statements { _ = try exec(statement, module.frame) }
                module.state = .done
            } catch {
                module.state = .loaded
                throw error
            }
        }
        for (export, binding) in decl.bindings {
            if let value = module.frame.slots[export.slot] { store(value, binding, frame) }
        }
    }

    private func errorObject(_ error: ScriptError) -> HaloObject {
        var o = HaloObject([("message", .string(error.message)),
                            ("kind", .string(error.kind == .failure ? "fail" : "runtime"))])
        if let loc = error.location {
            o["file"] = .string(loc.file)
            o["line"] = .int(loc.line)
            o["column"] = .int(loc.column)
        }
        for (k, v) in error.fields.pairs { o[k] = v }
        return o
    }

    // MARK: - Expressions

    private func eval(_ expr: Expr, _ frame: Frame) throws -> Value {
        switch expr {
        case .literal(let v): return v
        case .local(let slot, let name, let loc):
            guard let v = frame.slots[slot] else { throw unassigned(name, loc) }
            return v
        case .outer(let depth, let slot, let name, let loc):
            guard let v = frame.ancestor(depth).slots[slot] else { throw unassigned(name, loc) }
            return v
        case .builtin(let f): return .function(f)
        case .string(let parts):
            var text = ""
            for part in parts {
                switch part {
                case .text(let t): text += t
                case .expr(let e): text += try eval(e, frame).display
                }
            }
            return .string(text)
        case .list(let elements):
            var items: [Value] = []
            items.reserveCapacity(elements.count)
            for e in elements { items.append(try eval(e, frame)) }
            return .list(items)
        case .object(let entries):
            var o = HaloObject()
            for entry in entries { o[entry.key] = try eval(entry.value, frame) }
            return .object(o)
        case .comprehension(let element, let binding, let iterable, let condition):
            return try comprehension(element, binding, iterable, condition, frame)
        case .child(let base, let key, let loc):
            let value = try eval(base, frame)
            switch key {
            case .name(let n): return ChildAccess.read(value, name: n)
            case .index(let i): return ChildAccess.read(value, index: i)
            case .computed(let e):
                let k = try eval(e, frame)
                return try located(loc) { try ChildAccess.read(value, computed: k) }
            }
        case .unary(let op, let e, let loc):
            let v = try eval(e, frame)
            switch op {
            case .not: return .bool(!v.isTruthy)
            case .negate: return try located(loc) { try Operators.negate(v) }
            }
        case .binary(let op, let l, let r, let loc):
            let a = try eval(l, frame), b = try eval(r, frame)
            if case .add = op, case .int(let x) = a, case .int(let y) = b {
                let (sum, overflow) = x.addingReportingOverflow(y)
                if !overflow { return .int(sum) }
            }
            return try located(loc) { try Operators.apply(op, a, b) }
        case .and(let l, let r):
            let a = try eval(l, frame)
            return a.isTruthy ? try eval(r, frame) : a
        case .or(let l, let r):
            let a = try eval(l, frame)
            return a.isTruthy ? a : try eval(r, frame)
        case .coalesce(let l, let r):
            let a = try eval(l, frame)
            return a.isNull ? try eval(r, frame) : a
        case .call(let callee, let args, let loc):
            let f = try eval(callee, frame)
            var values: [Value] = []
            values.reserveCapacity(args.count)
            for a in args { values.append(try eval(a, frame)) }
            return try callValue(f, values, at: loc)
        case .function(let decl):
            return .function(Closure(decl: decl, captured: frame))
        case .request(let r):
            return try request(r, frame)
        case .name(let name, let loc):
            throw ScriptError(.runtime, "internal: unresolved name '\(name)'", at: loc)
        }
    }

    private func comprehension(_ element: Expr, _ binding: Binding, _ iterable: Expr, _ condition: Expr?,
                               _ frame: Frame) throws -> Value {
        let source = try eval(iterable, frame)
        let items: [Value]
        switch source {
        case .list(let l): items = l
        case .object(let o): items = o.keys.map(Value.string)
        case .string(let s): items = s.map { .string(String($0)) }
        default: throw ScriptError(.runtime, "cannot loop over \(source.typeName)", at: binding.location)
        }
        var result: [Value] = []
        result.reserveCapacity(items.count)
        for item in items {
            store(item, binding, frame)
            if let condition, !(try eval(condition, frame).isTruthy) { continue }
            result.append(try eval(element, frame))
        }
        return .list(result)
    }

    private func request(_ r: RequestExpr, _ frame: Frame) throws -> Value {
        guard let performer else { throw noConnection(r.location) }
        let target = try eval(r.target, frame)
        guard case .string(let path) = target else {
            throw ScriptError(.runtime, "a request path must be a string, got \(target.typeName)", at: r.location)
        }
        let argument = try r.argument.map { try eval($0, frame) }
        let spec = RequestSpec(method: r.method, all: r.all, path: path, argument: argument)
        let result = try located(r.location) { try performer.perform(spec) }
        store(result.body, r.response, frame)
        store(.int(result.status), r.status, frame)
        for output in r.outputs {
            store(try eval(output.value, frame), output.binding, frame)
        }
        return result.body
    }

    // MARK: - Calls

    func callValue(_ callee: Value, _ args: [Value], at loc: SourceLocation?) throws -> Value {
        guard case .function(let f) = callee else {
            throw ScriptError(.runtime, "cannot call \(callee.typeName): it is not a function", at: loc)
        }
        if let builtin = f as? BuiltinFunction {
            guard builtin.arity.contains(args.count) else {
                throw ScriptError(.runtime, "\(builtin.name)() takes \(describe(builtin.arity)), got \(args.count)", at: loc)
            }
            return try located(loc) { try builtin.body(self, args) }
        }
        guard let closure = f as? Closure else {
            throw ScriptError(.runtime, "cannot call \(f.name)", at: loc)
        }
        return try callClosure(closure, args, at: loc)
    }

    private func callClosure(_ closure: Closure, _ args: [Value], at loc: SourceLocation?) throws -> Value {
        let decl = closure.decl
        let required = decl.parameters.filter { $0.defaultValue == nil }.count
        guard args.count >= required, args.count <= decl.parameters.count else {
            let range = required == decl.parameters.count ? "\(required)" : "\(required) to \(decl.parameters.count)"
            throw ScriptError(.runtime, "\(decl.name)() takes \(range) argument\(range == "1" ? "" : "s"), got \(args.count)", at: loc)
        }
        guard callDepth < maxCallDepth else {
            throw ScriptError(.runtime, "too many nested calls (\(maxCallDepth)) in \(decl.name)(): is the recursion missing a base case?", at: loc)
        }
        let frame = Frame(size: decl.frameSize, parent: closure.captured)
        callDepth += 1
        defer { callDepth -= 1 }
        do {
            for (i, parameter) in decl.parameters.enumerated() {
                if i < args.count {
                    frame.slots[parameter.binding.slot] = args[i]
                } else if let d = parameter.defaultValue {
                    frame.slots[parameter.binding.slot] = try eval(d, frame)
                }
            }
            if case .returnValue(let v) = try execBlock(decl.body, frame) { return v }
            return .null
        } catch var error as ScriptError {
            if let loc, error.kind != .syntax, error.notes.count < 12 {
                error.notes.append("in \(decl.name)() called at \(loc.file):\(loc.line):\(loc.column)")
            }
            throw error
        }
    }

    private func describe(_ arity: ClosedRange<Int>) -> String {
        let n = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)"
            : arity.upperBound > 100 ? "at least \(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
        return n + (n == "1" ? " argument" : " arguments")
    }

    // MARK: - Errors

    /// Gives a position to errors thrown by code that does not know where it is (built-ins, operators).
    private func located<T>(_ loc: SourceLocation?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as ScriptError {
            if error.location == nil { error.location = loc }
            throw error
        }
    }

    private func unassigned(_ name: String, _ loc: SourceLocation) -> ScriptError {
        ScriptError(.runtime, "'\(name)' is used before it is assigned", at: loc)
    }

    private func noConnection(_ loc: SourceLocation) -> ScriptError {
        ScriptError(.runtime, "requests are not available here: run the script with halo, which connects them to Halo", at: loc)
    }
}
