import Foundation

/// Settings an embedder gives the interpreter.
public struct InterpreterOptions {
    /// Where `import "halo/x"` looks (HALO_PATH entries, then the stdlib next to the binary).
    public var searchPaths: [String] = []
    /// Finds the search paths instead, on the first import that needs them: looking for the stdlib
    /// walks directories and resolves links, 0.8 M instructions a run that imports nothing need not pay.
    public var findSearchPaths: (() -> [String])? = nil
    /// Program output (`print`); stdout in batch mode.
    public var output: (String) -> Void = { print($0) }
    /// Executes `auth`, `get`, `post`, `delete`; nil makes them errors.
    public var performer: RequestPerformer? = nil
    /// Built-ins the embedder adds (for example REPL helpers).
    public var extraBuiltins: [BuiltinFunction] = []
    /// Deepest allowed chain of script function calls. Each level costs native stack: the default
    /// fits an ordinary 8 MB thread; the `halo` command runs on a large stack and allows more.
    public var maxCallDepth = 400
    /// Test mode: a failed `assert` is recorded in `assertionFailures` and the runbook goes on,
    /// so that every assert of a test file is counted.
    public var continueAfterFailedAssert = false
    /// Credentials the runbook may not read (`env`) and values masked in all it prints.
    public var secrets = SecretGuard()
    /// Raised by Ctrl-C (the REPL); loops and `sleep` stop when it is.
    public var interrupt = InterruptFlag()
    /// Most loop iterations plus script function calls a run may make (see StepBudget.swift);
    /// nil, the default, compiles no check at all.
    public var stepBudget: Int? = nil
    /// The stack of each thread a fan-out (`pmap`) starts. Like the embedder's own thread, it must
    /// have room for `maxCallDepth` nested calls.
    public var workerStackSize = 8 << 20
    public init() {}
}

/// Runs resolved syntax trees. Each is first compiled to bytecode (BytecodeCompiler.swift) that the
/// VM runs (VirtualMachine.swift), so running code neither looks names up nor re-inspects the tree.
public final class Interpreter: BuiltinContext {
    public let sources = SourceStore()
    public var performer: RequestPerformer?
    public internal(set) var assertionsPassed = 0
    /// Every assert a run in test mode (`continueAfterFailedAssert`) checked, in order.
    public internal(set) var assertionResults: [AssertionResult] = []
    let continueAfterFailedAssert: Bool
    let loader: ModuleLoader
    let builtins: [String: BuiltinFunction]
    let output: (String) -> Void
    public let secrets: SecretGuard
    public let interrupt: InterruptFlag
    let maxCallDepth: Int
    let stepBudget: StepBudget?
    var callDepth = 0
    var overrides: [String: Value] = [:]
    /// The fan-out the running thread works for; nil outside `pmap`. With `callDepth` and
    /// `valueStack`, the state that is the running thread's own (see ThreadState.swift).
    var currentFanOut: FanOut?
    /// The registers of the bytecode functions the running thread is in (VirtualMachineCalls.swift).
    var valueStack: ValueStack
    let workerStackSize: Int
    /// The stock `pmap`, whose direct calls pass their position to the fan-out (nil when an
    /// embedder replaced it).
    let fanOutBuiltin: BuiltinFunction?
    /// The main program's globals; REPL entries add to them.
    private let mainScope = Scope(parent: nil)
    private let mainFrame = Frame(size: 0, parent: nil)

    public init(_ options: InterpreterOptions = InterpreterOptions()) {
        var table: [String: BuiltinFunction] = [:]
        let stock = Builtins.all()
        for b in stock + options.extraBuiltins { table[b.name] = b }
        self.builtins = table
        self.fanOutBuiltin = stock.first { $0.name == "pmap" && table[$0.name] === $0 }
        self.workerStackSize = options.workerStackSize
        self.valueStack = ValueStack()
        let write = options.output, secrets = options.secrets
        self.output = { text in write(secrets.masked(text)) }
        self.secrets = secrets
        self.interrupt = options.interrupt
        self.performer = options.performer
        self.maxCallDepth = options.maxCallDepth
        self.stepBudget = options.stepBudget.map(StepBudget.init)
        self.continueAfterFailedAssert = options.continueAfterFailedAssert
        let find = options.findSearchPaths, given = options.searchPaths
        self.loader = ModuleLoader(searchPaths: find?() ?? given, sources: sources, builtins: table)
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
        let (program, last) = BytecodeCompiler.compileTopLevel(statements, variableCount: mainScope.count,
                                                               lastValue: true, in: self)
        return try runTopLevel(program, on: mainFrame, last: last)
    }

    /// The names and current values of the main program's variables (for the REPL and `--json`).
    public var globals: [(name: String, value: Value)] {
        mainScope.names.enumerated().compactMap { slot, name in
            guard slot < mainFrame.count, let value = mainFrame.slots[slot] else { return nil }
            return (name, value)
        }
    }

    public var builtinNames: [String] { builtins.keys.sorted() }

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

    // MARK: - Modules

    /// Runs an imported module once, then gives each of its top-level names to `store`, which
    /// writes it where the importer keeps it.
    func execImport(_ decl: ImportDecl, store: (Binding, Value) -> Void) throws {
        guard let module = decl.module else { return }
        try waitWhileAnotherThreadRuns(module)
        switch module.state {
        case .done: break
        case .running: throw ScriptError(.runtime, "import cycle through \(decl.path)", at: decl.location)
        case .loaded:
            module.state = .running
            if currentFanOut != nil { module.runner = ObjectIdentifier(Thread.current) }
            defer { currentFanOut?.lock?.broadcast() }
            do {
                try runTopLevel(of: module)
                module.state = .done
            } catch {
                module.state = .loaded
                throw error
            }
        }
        for (export, binding) in decl.bindings {
            if let value = module.frame.slots[export.slot] { store(binding, value) }
        }
    }

    private func runTopLevel(of module: Module) throws {
        let (program, _) = BytecodeCompiler.compileTopLevel(module.statements, variableCount: module.scope.count,
                                                            lastValue: false, in: self)
        _ = try runTopLevel(program, on: module.frame, last: nil)
    }

    /// In a fan-out, another item may be running the module's top level and waiting for a request
    /// in it: this item waits until that is over (then the module is done, or failed and is run
    /// again here) instead of taking it for an import cycle.
    private func waitWhileAnotherThreadRuns(_ module: Module) throws {
        guard module.state == .running, let job = currentFanOut, let lock = job.lock,
              module.runner != ObjectIdentifier(Thread.current) else { return }
        let mine = threadState
        lock.wait { module.state != .running }
        threadState = mine
        if job.isCancelled { throw FanOut.cancellation }
    }

    // MARK: - Calls

    func callValue(_ callee: Value, _ args: [Value], at loc: SourceLocation?) throws -> Value {
        if let closure = callee.bytecodeClosure {
            try checkCall(closure.function, args.count, at: loc)
            return try invoke(closure, args.count, at: loc) { slots in
                for i in args.indices { (slots + i).initialize(to: args[i]) }
            }
        }
        guard case .function(let f) = callee else {
            throw ScriptError(.runtime, "cannot call \(callee.typeName): it is not a function", at: loc)
        }
        guard let builtin = f as? BuiltinFunction else {
            throw ScriptError(.runtime, "cannot call \(f.name)", at: loc)
        }
        return try callBuiltin(builtin, args, at: loc)
    }

    @inline(__always)
    func callBuiltin(_ builtin: BuiltinFunction, _ args: [Value], at loc: SourceLocation?) throws -> Value {
        guard builtin.arity.contains(args.count) else {
            throw ScriptError(.runtime, "\(builtin.name)() takes \(describe(builtin.arity)), got \(args.count)", at: loc)
        }
        return try located(loc) { try builtin.body(self, args) }
    }

    /// Why a call could not start: a wrong argument count, or recursion past `maxCallDepth`.
    func callError(_ decl: FunctionDecl, _ count: Int, at loc: SourceLocation?) -> ScriptError {
        let required = decl.requiredCount
        guard count >= required, count <= decl.parameters.count else {
            let range = required == decl.parameters.count ? "\(required)" : "\(required) to \(decl.parameters.count)"
            return ScriptError(.runtime, "\(decl.name)() takes \(range) argument\(range == "1" ? "" : "s"), got \(count)", at: loc)
        }
        return ScriptError(.runtime, "too many nested calls (\(maxCallDepth)) in \(decl.name)(): is the recursion missing a base case?", at: loc)
    }

    /// Adds the call site to an error leaving a function, so a failure shows its call chain.
    func annotated(_ error: any Error, in name: String, calledAt loc: SourceLocation?) -> any Error {
        guard var error = error as? ScriptError else { return error }
        if let loc, error.kind != .syntax, error.notes.count < 12 {
            error.notes.append("in \(name)() called at \(loc.file):\(loc.line):\(loc.column)")
        }
        return error
    }

    private func describe(_ arity: ClosedRange<Int>) -> String {
        let n = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)"
            : arity.upperBound > 100 ? "at least \(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
        return n + (n == "1" ? " argument" : " arguments")
    }

    // MARK: - Errors

    /// Gives a position to errors thrown by code that does not know where it is (built-ins, operators).
    @inline(__always)
    func located<T>(_ loc: SourceLocation?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as ScriptError {
            if error.location == nil { error.location = loc }
            throw error
        }
    }

    func unassigned(_ name: String, _ loc: SourceLocation) -> ScriptError {
        ScriptError(.runtime, "'\(name)' is used before it is assigned", at: loc)
    }

    func noConnection(_ loc: SourceLocation) -> ScriptError {
        ScriptError(.runtime, "requests are not available here: run the script with halo, which connects them to Halo", at: loc)
    }

    /// The `err` object a `catch` block sees.
    func errorObject(_ error: ScriptError) -> HaloObject {
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
}
