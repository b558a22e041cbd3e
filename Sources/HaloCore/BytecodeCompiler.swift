/// Compiles resolved syntax trees to bytecode (`BytecodeFunction`): one pass, registers allocated
/// as a stack of temporaries above the function's variables. Statements are in
/// BytecodeStatements.swift; the VM that runs the result is in VirtualMachine.swift.
///
/// Two facts the compiler tracks make the common code short:
/// - which variables are certainly assigned at this point (`assigned`): reading one needs no
///   "used before it is assigned" check, so `n - 1` reads the register `n` in place;
/// - which expressions run no code of the script (`isPure`): an operand read in place must not
///   change before the instruction that uses it runs, as it could if a call came in between.
final class BytecodeCompiler {
    let interpreter: Interpreter
    let isLeaf: Bool
    let variableCount: Int

    var code: [Instruction] = []
    var locations: [SourceLocation?] = []
    var variableNames: [Int: String] = [:]
    var constants: [Value] = []
    var strings: [String] = []
    private var stringIndex: [String: Int32] = [:]
    var functions: [BytecodeFunction] = []
    var builtins: [BuiltinFunction] = []
    var extras: [InstructionExtra] = []
    var handlers: [TryHandler] = []

    /// The next free temporary, and the most registers used at once.
    var nextRegister: Int32
    var registerCount: Int32
    /// Variables certainly assigned here (registers of this function).
    var assigned: Set<Int32> = []
    /// Open loops, innermost last: where `break` and `continue` go.
    var loops: [LoopTargets] = []

    final class LoopTargets {
        var breaks: [Int] = []
        var continues: [Int] = []
    }

    init(interpreter: Interpreter, variableCount: Int, isLeaf: Bool) {
        self.interpreter = interpreter
        self.variableCount = variableCount
        self.isLeaf = isLeaf
        self.nextRegister = Int32(variableCount)
        self.registerCount = Int32(variableCount)
    }

    // MARK: - Entry points

    /// A function: a prologue for the defaults of parameters not passed, then the body.
    static func compile(_ decl: FunctionDecl, in interpreter: Interpreter) -> BytecodeFunction {
        if let done = decl.bytecode { return done }
        let leaf = !definesFunctions(decl.body) && !decl.parameters.contains { $0.defaultValue.map(definesFunctions) ?? false }
        let compiler = BytecodeCompiler(interpreter: interpreter, variableCount: decl.frameSize, isLeaf: leaf)
        for i in decl.parameters.indices where decl.parameters[i].defaultValue == nil {
            compiler.assigned.insert(Int32(i))
        }
        for (i, parameter) in decl.parameters.enumerated() {
            guard let value = parameter.defaultValue else { continue }
            let skip = compiler.emit(.defaultArgument, c: Int32(i))
            compiler.compile(value, into: Int32(i))
            compiler.patch(skip, to: compiler.here)
        }
        compiler.assigned.formUnion((0..<Int32(decl.parameters.count)))
        if interpreter.stepBudget != nil { compiler.emit(.step) }
        compiler.compile(decl.body)
        compiler.emit(.returnNull)
        let function = compiler.finish(name: decl.name, arguments: decl.requiredCount...decl.parameters.count, decl: decl)
        decl.bytecode = function
        return function
    }

    /// A module's (or a REPL entry's) top level, run on the module's frame. With `lastValue`, each
    /// expression statement leaves its value in that register and every other statement clears it
    /// (the REPL shows the value of a last expression).
    static func compileTopLevel(_ statements: [Stmt], variableCount: Int, lastValue: Bool,
                                in interpreter: Interpreter) -> (BytecodeFunction, last: Int32?) {
        let compiler = BytecodeCompiler(interpreter: interpreter, variableCount: variableCount, isLeaf: false)
        let last = lastValue ? compiler.temporary() : nil
        for statement in statements {
            if let last {
                if case .expression(let e, _) = statement {
                    compiler.compile(e, into: last)
                    continue
                }
                compiler.compile(statement)
                compiler.emit(.clear, a: last)
            } else {
                compiler.compile(statement)
            }
        }
        compiler.emit(.returnNull)
        return (compiler.finish(name: "<top level>", arguments: 0...0, decl: nil), last)
    }

    private func finish(name: String, arguments: ClosedRange<Int>, decl: FunctionDecl?) -> BytecodeFunction {
        BytecodeFunction(name: name, registerCount: Int(registerCount), variableCount: variableCount, isLeaf: isLeaf,
                         arguments: arguments, decl: decl, code: code, constants: constants, strings: strings,
                         functions: functions, builtins: builtins, extras: extras, locations: locations,
                         variableNames: variableNames, handlers: handlers)
    }

    /// True when a body (not counting the bodies of the functions it defines) defines a function.
    static func definesFunctions(_ statements: [Stmt]) -> Bool {
        statements.contains(where: definesFunctions)
    }

    static func definesFunctions(_ statement: Stmt) -> Bool {
        switch statement {
        case .function: return true
        case .expression(let e, _), .fail(let e, _): return definesFunctions(e)
        case .assign(_, let e), .compound(_, _, let e, _): return definesFunctions(e)
        case .assignChild(_, let keys, let e, _): return definesFunctions(e) || keys.contains(where: definesFunctions)
        case .ifElse(let c, let then, let otherwise):
            return definesFunctions(c) || definesFunctions(then) || (otherwise.map(definesFunctions) ?? false)
        case .forIn(_, _, let iterable, let body, _): return definesFunctions(iterable) || definesFunctions(body)
        case .whileLoop(let c, let body): return definesFunctions(c) || definesFunctions(body)
        case .returnValue(let e, _): return e.map(definesFunctions) ?? false
        case .print(let es): return es.contains(where: definesFunctions)
        case .assert(let c, let m, _, _): return definesFunctions(c) || (m.map(definesFunctions) ?? false)
        case .tryCatch(let body, _, let handler): return definesFunctions(body) || definesFunctions(handler)
        case .param(_, let d): return d.map(definesFunctions) ?? false
        case .auth(let e, _, _): return e.map(definesFunctions) ?? false
        case .importModule, .breakLoop, .continueLoop: return false
        }
    }

    private static func definesFunctions(_ key: ChildKey) -> Bool {
        if case .computed(let e) = key { return definesFunctions(e) }
        return false
    }

    static func definesFunctions(_ expr: Expr) -> Bool {
        var found = false
        expr.visit { if case .function = $0 { found = true } }
        return found
    }

    // MARK: - Emitting

    var here: Int32 { Int32(code.count) }

    @discardableResult
    func emit(_ op: Opcode, a: Int32 = 0, b: Int32 = 0, c: Int32 = 0, d: UInt16 = 0, moves: UInt8 = 0,
              at location: SourceLocation? = nil) -> Int {
        code.append(Instruction(op: op, moves: moves, d: d, a: a, b: b, c: c))
        locations.append(location)
        return code.count - 1
    }

    /// Points the jump at `index` to `target` (`c` for compare-and-jump and loops, else `b`).
    func patch(_ index: Int, to target: Int32) {
        switch code[index].op {
        case .lessJump, .lessEqualJump, .greaterJump, .greaterEqualJump, .equalJump, .notEqualJump,
             .lessIntJump, .lessEqualIntJump, .greaterIntJump, .greaterEqualIntJump, .equalIntJump, .notEqualIntJump,
             .iterateNext, .rangeLoop:
            code[index].c = target
        default:
            code[index].b = target
        }
    }

    func patch(_ indices: [Int], to target: Int32) {
        for i in indices { patch(i, to: target) }
    }

    func temporary() -> Int32 {
        let r = nextRegister
        nextRegister += 1
        registerCount = max(registerCount, nextRegister)
        return r
    }

    /// `count` consecutive temporaries; the first is returned.
    func temporaries(_ count: Int) -> Int32 {
        let first = nextRegister
        nextRegister += Int32(count)
        registerCount = max(registerCount, nextRegister)
        return first
    }

    /// Runs `body`, then gives back the temporaries it took.
    @discardableResult
    func scoped<T>(_ body: () -> T) -> T {
        let mark = nextRegister
        defer { nextRegister = mark }
        return body()
    }

    func constant(_ value: Value) -> Int32 {
        constants.append(value)
        return Int32(constants.count - 1)
    }

    func string(_ text: String) -> Int32 {
        if let i = stringIndex[text] { return i }
        strings.append(text)
        let i = Int32(strings.count - 1)
        stringIndex[text] = i
        return i
    }

    func extra(_ value: InstructionExtra) -> UInt16 {
        extras.append(value)
        return UInt16(extras.count - 1)
    }

    func builtin(_ f: BuiltinFunction) -> UInt16 {
        if let i = builtins.firstIndex(where: { $0 === f }) { return UInt16(i) }
        builtins.append(f)
        return UInt16(builtins.count - 1)
    }

    /// Where a binding lives, seen from this function.
    func reference(_ b: Binding) -> VariableReference {
        b.depth == 0 ? .register(Int32(b.slot)) : .upvalue(hops: b.depth - (isLeaf ? 1 : 0), slot: b.slot)
    }

    /// Writes register `source` to a variable.
    func store(_ source: Int32, to b: Binding) {
        switch reference(b) {
        case .register(let r):
            if r != source { emit(.move, a: r, b: source) }
            assigned.insert(r)
        case .upvalue(let hops, let slot):
            emit(.setUpvalue, a: source, b: Int32(hops), c: Int32(slot))
        }
    }

    /// Compiles the value for a variable straight into its register where the expression writes its
    /// result last; elsewhere through a temporary.
    func assign(_ e: Expr, to b: Binding) {
        if case .register(let r) = reference(b), e.writesResultLast {
            compile(e, into: r)
            assigned.insert(r)
            return
        }
        scoped {
            let t = temporary()
            compile(e, into: t)
            store(t, to: b)
        }
    }

    // MARK: - Expressions

    /// The register holding `e`'s value: a variable's own register when it can be read in place
    /// (certainly assigned, and nothing that runs before its use can change it), else a temporary.
    func operand(_ e: Expr, stable: Bool = true) -> Int32 {
        if stable, case .local(let slot, _, _) = e, assigned.contains(Int32(slot)) { return Int32(slot) }
        let t = temporary()
        compile(e, into: t)
        return t
    }

    func compile(_ expr: Expr, into dst: Int32) {
        switch expr {
        case .literal(let v):
            if case .int(let i) = v, let small = Int32(exactly: i) {
                emit(.int, a: dst, b: small)
            } else {
                emit(.constant, a: dst, b: constant(v))
            }
        case .local(let slot, let name, let loc):
            let r = Int32(slot)
            if assigned.contains(r) {
                if r != dst { emit(.move, a: dst, b: r) }
            } else {
                let i = emit(.local, a: dst, b: r, at: loc)
                variableNames[i] = name
            }
        case .outer(let depth, let slot, let name, let loc):
            let i = emit(.upvalue, a: dst, b: Int32(depth - (isLeaf ? 1 : 0)), c: Int32(slot), at: loc)
            variableNames[i] = name
        case .builtin(let f):
            emit(.constant, a: dst, b: constant(.function(f)))
        case .string(let parts):
            scoped {
                var texts: [String?] = []
                var firstLocation: SourceLocation?
                let expressions = parts.compactMap { part -> Expr? in
                    if case .expr(let e) = part { return e }
                    return nil
                }
                let base = temporaries(expressions.count)
                var next = base
                for part in parts {
                    switch part {
                    case .text(let t): texts.append(t)
                    case .expr(let e):
                        texts.append(nil)
                        if firstLocation == nil { firstLocation = e.location }
                        compile(e, into: next)
                        next += 1
                    }
                }
                emit(.interpolate, a: dst, b: base, c: Int32(expressions.count),
                     d: extra(.interpolation(texts, firstLocation)))
            }
        case .list(let elements):
            scoped {
                let base = consecutive(elements)
                emit(.list, a: dst, b: base, c: Int32(elements.count))
            }
        case .object(let entries):
            scoped {
                let keys = entries.map(\.key)
                let base = consecutive(entries.map(\.value))
                let shape = Set(keys).count == keys.count ? ObjectShape(keys: keys) : nil
                emit(.object, a: dst, b: base, c: Int32(entries.count), d: extra(.objectKeys(keys, shape)))
            }
        case .comprehension(let element, let binding, let iterable, let condition):
            compileComprehension(element, binding, iterable, condition, into: dst)
        case .child(let base, let key, let loc):
            scoped {
                switch key {
                case .name(let n):
                    emit(.childName, a: dst, b: operand(base), c: string(n))
                case .index(let i):
                    if let small = Int32(exactly: i) {
                        emit(.childIndex, a: dst, b: operand(base), c: small)
                    } else {
                        let b = operand(base, stable: false), k = temporary()
                        emit(.constant, a: k, b: constant(.int(i)))
                        emit(.childKey, a: dst, b: b, c: k, at: loc)
                    }
                case .computed(let e):
                    let b = operand(base, stable: e.isPure), k = operand(e)
                    emit(.childKey, a: dst, b: b, c: k, at: loc)
                }
            }
        case .unary(let op, let e, let loc):
            scoped {
                let r = operand(e)
                emit(op == .not ? .not : .negate, a: dst, b: r, at: loc)
            }
        case .binary(let op, let l, let r, let loc):
            compileBinary(op, l, r, loc, into: dst)
        case .and(let l, let r):
            compileShortCircuit(.jumpIfFalse, l, r, into: dst)
        case .or(let l, let r):
            compileShortCircuit(.jumpIfTrue, l, r, into: dst)
        case .coalesce(let l, let r):
            compileShortCircuit(.jumpIfNotNull, l, r, into: dst)
        case .call(let callee, let args, let loc):
            compileCall(callee, args, loc, into: dst)
        case .function(let decl):
            functions.append(BytecodeCompiler.compile(decl, in: interpreter))
            emit(.closure, a: dst, b: Int32(functions.count - 1))
        case .request(let r):
            compileRequest(r, into: dst)
        case .name(let name, let loc):
            // The resolver leaves no name unresolved; should one slip through, it fails at run time.
            emit(.unresolved, b: string(name), at: loc)
        }
    }

    /// Each expression into the next of consecutive temporaries; the first is returned.
    func consecutive(_ exprs: [Expr]) -> Int32 {
        let base = temporaries(exprs.count)
        for (i, e) in exprs.enumerated() { compile(e, into: base + Int32(i)) }
        return base
    }

    private func compileShortCircuit(_ jump: Opcode, _ l: Expr, _ r: Expr, into dst: Int32) {
        compile(l, into: dst)
        let skip = emit(jump, a: dst)
        let before = assigned
        compile(r, into: dst)
        assigned = before
        patch(skip, to: here)
    }

    private static let arithmetic: [BinaryOperator: (register: Opcode, immediate: Opcode?)] = [
        .add: (.add, .addInt), .subtract: (.subtract, .subtractInt), .multiply: (.multiply, .multiplyInt),
        .remainder: (.remainder, .remainderInt), .divide: (.divide, nil), .in: (.contains, nil),
        .equal: (.equal, nil), .notEqual: (.notEqual, nil), .less: (.less, nil), .lessEqual: (.lessEqual, nil),
        .greater: (.greater, nil), .greaterEqual: (.greaterEqual, nil),
    ]

    /// `Instruction.moves` for operands that are temporaries taken since `firstTemporary`.
    func temporaryOperands(_ left: Int32, _ right: Int32? = nil, since firstTemporary: Int32) -> UInt8 {
        (left >= firstTemporary ? 1 : 0) | (right.map { $0 >= firstTemporary ? 2 : 0 } ?? 0)
    }

    private func compileBinary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, _ loc: SourceLocation, into dst: Int32) {
        let ops = Self.arithmetic[op]!
        scoped {
            let firstTemporary = nextRegister
            let left = operand(l, stable: r.isPure)
            if let immediate = ops.immediate, case .literal(.int(let k)) = r, let small = Int32(exactly: k) {
                emit(immediate, a: dst, b: left, c: small, moves: temporaryOperands(left, since: firstTemporary), at: loc)
            } else {
                let right = operand(r)
                emit(ops.register, a: dst, b: left, c: right, moves: temporaryOperands(left, right, since: firstTemporary), at: loc)
            }
        }
    }

    private func compileCall(_ callee: Expr, _ args: [Expr], _ loc: SourceLocation, into dst: Int32) {
        scoped {
            if case .builtin(let f) = callee {
                let base = consecutive(args)
                let isFanOut = f === interpreter.fanOutBuiltin && f.arity.contains(args.count)
                emit(isFanOut ? .fanOut : .callBuiltin, a: dst, b: base, c: Int32(args.count), d: builtin(f), at: loc)
                return
            }
            let base = temporaries(1 + args.count)
            // A script function's argument count and the call depth are checked before the
            // arguments run (a failing call has no side effects).
            let calleeFromUpvalue: Bool
            if case .outer(let depth, let slot, let name, let nameLoc) = callee, nameLoc == loc, args.count <= Int(UInt16.max) {
                calleeFromUpvalue = true
                let i = emit(.upvalueCallee, a: base, b: Int32(depth - (isLeaf ? 1 : 0)), c: Int32(slot),
                             d: UInt16(args.count), at: loc)
                variableNames[i] = name
            } else {
                calleeFromUpvalue = false
                compile(callee, into: base)
                emit(.prepareCall, a: base, c: Int32(args.count), at: loc)
            }
            for (i, e) in args.enumerated() { compile(e, into: base + 1 + Int32(i)) }
            emit(.call, a: dst, b: base, c: Int32(args.count), d: calleeFromUpvalue ? 1 : 0, at: loc)
        }
    }

    private func compileComprehension(_ element: Expr, _ binding: Binding, _ iterable: Expr, _ condition: Expr?,
                                      into dst: Int32) {
        scoped {
            let state = temporaries(3), result = temporary()
            compile(iterable, into: state)
            emit(.iterate, a: state, b: state, d: extra(.iteration(binding.location, pairs: false)))
            emit(.resultList, a: result, b: state)
            let before = assigned
            let top = here
            let next = emit(.iterateNext, a: state, b: Int32(binding.slot))
            assigned.insert(Int32(binding.slot))
            if interpreter.stepBudget != nil { emit(.step) }
            var skips: [Int] = []
            if let condition { compileCondition(condition, whenFalse: &skips) }
            scoped {
                let firstTemporary = nextRegister
                let value = operand(element)
                emit(.append, a: result, b: value, moves: temporaryOperands(value, since: firstTemporary))
            }
            emit(.jump, b: top)
            patch(skips, to: top)
            patch(next, to: here)
            assigned = before
            releaseWalk(state)
            emit(.move, a: dst, b: result)
            emit(.clear, a: result)   // the result's only reference is dst's: changing it in place copies nothing
        }
    }

    /// Empties the registers that held what a `for` or a comprehension walked, once it is over: a
    /// temporary keeps its value until it is next written, and a walked list of a million items
    /// kept 24 MB alive for the rest of the function.
    func releaseWalk(_ state: Int32) {
        emit(.clear, a: state)
        emit(.clear, a: state + 1)
    }

    private func compileRequest(_ r: RequestExpr, into dst: Int32) {
        scoped {
            let out = temporaries(2)
            emit(.requireConnection, at: r.location)
            let parts: Int32
            var template: [(text: String?, location: SourceLocation)]?
            if let locations = r.templateLocations, case .string(let pieces) = r.target {
                var locationsLeft = locations[...]
                var exprs: [Expr] = []
                template = pieces.map { piece in
                    switch piece {
                    case .text(let t): return (t, r.location)
                    case .expr(let e):
                        exprs.append(e)
                        return (nil, locationsLeft.popFirst() ?? r.location)
                    }
                }
                parts = consecutive(exprs)
            } else {
                parts = temporary()
                compile(r.target, into: parts)
            }
            let described = extra(.request(r, template: template))
            let path = temporary()
            emit(.requestPath, a: path, b: parts, d: described, at: r.location)
            var argument: Int32 = -1
            if let a = r.argument {
                argument = temporary()
                compile(a, into: argument)
            }
            emit(.request, a: out, b: path, c: argument, d: described, at: r.location)
            store(out, to: r.response)
            store(out + 1, to: r.status)
            for output in r.outputs { assign(output.value, to: output.binding) }
            emit(.move, a: dst, b: out)
        }
    }

    // MARK: - Conditions

    private static let comparisonJumps: [BinaryOperator: (register: Opcode, immediate: Opcode)] = [
        .less: (.lessJump, .lessIntJump), .lessEqual: (.lessEqualJump, .lessEqualIntJump),
        .greater: (.greaterJump, .greaterIntJump), .greaterEqual: (.greaterEqualJump, .greaterEqualIntJump),
        .equal: (.equalJump, .equalIntJump), .notEqual: (.notEqualJump, .notEqualIntJump),
    ]

    /// Code that falls through when `e` is true and jumps (the jumps added to `whenFalse`) when not.
    /// Comparisons compare and jump in one instruction, without making a bool.
    func compileCondition(_ e: Expr, whenFalse: inout [Int]) {
        switch e {
        case .unary(.not, let inner, _):
            var whenTrue: [Int] = []
            compileCondition(inner, whenFalse: &whenTrue)
            whenFalse.append(emit(.jump))
            patch(whenTrue, to: here)
        case .and(let l, let r):
            compileCondition(l, whenFalse: &whenFalse)
            let before = assigned
            compileCondition(r, whenFalse: &whenFalse)
            assigned = before
        case .or(let l, let r):
            var leftFalse: [Int] = []
            compileCondition(l, whenFalse: &leftFalse)
            let done = emit(.jump)
            patch(leftFalse, to: here)
            let before = assigned
            compileCondition(r, whenFalse: &whenFalse)
            assigned = before
            patch(done, to: here)
        case .binary(let op, let l, let r, let loc) where Self.comparisonJumps[op] != nil:
            let jumps = Self.comparisonJumps[op]!
            scoped {
                let firstTemporary = nextRegister
                let left = operand(l, stable: r.isPure)
                if case .literal(.int(let k)) = r, let small = Int32(exactly: k) {
                    whenFalse.append(emit(jumps.immediate, a: left, b: small, moves: temporaryOperands(left, since: firstTemporary), at: loc))
                } else {
                    let right = operand(r)
                    whenFalse.append(emit(jumps.register, a: left, b: right,
                                          moves: temporaryOperands(left, right, since: firstTemporary), at: loc))
                }
            }
        default:
            scoped {
                let value = operand(e)
                whenFalse.append(emit(.jumpIfFalse, a: value))
            }
        }
    }
}

extension Expr {
    /// True when evaluating the expression runs no script code and assigns no variable, so a
    /// variable read before it cannot have changed by the time it is used.
    var isPure: Bool {
        var pure = true
        visit { e in
            switch e {
            case .call, .request, .comprehension: pure = false
            default: break
            }
        }
        return pure
    }

    /// True when compiling the expression into a register writes that register only at the end,
    /// so it may be a variable's own register (`x = x + 1`). Short-circuits write it twice.
    var writesResultLast: Bool {
        switch self {
        case .and, .or, .coalesce, .comprehension, .request: false
        default: true
        }
    }

    /// Calls `body` on this expression and every expression inside it, not entering function bodies.
    func visit(_ body: (Expr) -> Void) {
        body(self)
        switch self {
        case .literal, .name, .local, .outer, .builtin, .function: break
        case .string(let parts): for case .expr(let e) in parts { e.visit(body) }
        case .list(let es): for e in es { e.visit(body) }
        case .object(let entries): for entry in entries { entry.value.visit(body) }
        case .comprehension(let element, _, let iterable, let condition):
            element.visit(body)
            iterable.visit(body)
            condition?.visit(body)
        case .child(let base, let key, _):
            base.visit(body)
            if case .computed(let k) = key { k.visit(body) }
        case .unary(_, let e, _): e.visit(body)
        case .binary(_, let a, let b, _), .and(let a, let b), .or(let a, let b), .coalesce(let a, let b):
            a.visit(body)
            b.visit(body)
        case .call(let callee, let args, _):
            callee.visit(body)
            for a in args { a.visit(body) }
        case .request(let r):
            r.target.visit(body)
            r.argument?.visit(body)
            for output in r.outputs { output.value.visit(body) }
        }
    }
}
