/// The bytecode VM's dispatch loop: one `switch` over the instruction at `pc`, reading registers
/// through a raw pointer. Ints are tested and written in place (`setInt` skips the release of an
/// old value that holds no reference); everything else takes the slow paths of
/// VirtualMachineOperations.swift (`Operators`, `ChildAccess`, the built-ins). A script function
/// call is one Swift call of `execute` (VirtualMachineCalls.swift), except a leaf function's call
/// of itself, which stays in the running loop (`enterOwnCall`). A `try` block costs nothing
/// until something throws: the function's table of handlers (`BytecodeFunction.handlers`) says
/// which catch covers the instruction that threw.
extension Interpreter {
    func execute(_ f: BytecodeFunction, _ R: UnsafeMutablePointer<Value?>, _ env: Frame, argc: Int) throws -> Value {
        let code = f.code
        // A leaf function's calls of itself run in this loop (`enterOwnCall`): `frame` is then the
        // innermost call's, and `ownCalls` counts the calls to return from. The dispatch loop reads
        // `R` and `argc` as constants, so that they stay in machine registers; a call, a return or
        // a caught error restarts it where `frame` says.
        var frame = (R: R, argc: argc, pc: 0), ownCalls = 0
        activation: while true {
            let (R, argc) = (frame.R, frame.argc)
            var pc = frame.pc
            do {
                while true {
                    let i = code[pc]
                    pc += 1
                    switch i.op {
                    case .move:
                        if case .some(.int(let x)) = R[Int(i.b)] { setInt(R + Int(i.a), x); continue }
                        R[Int(i.a)] = R[Int(i.b)]
                    case .local:
                        guard let v = R[Int(i.b)] else { throw unassignedError(f, pc - 1) }
                        R[Int(i.a)] = v
                    case .constant:
                        R[Int(i.a)] = f.constants[Int(i.b)]
                    case .int:
                        setInt(R + Int(i.a), Int(i.b))
                    case .clear:
                        R[Int(i.a)] = nil
                    case .upvalue:
                        guard let v = env.ancestor(Int(i.b)).slots[Int(i.c)] else { throw unassignedError(f, pc - 1) }
                        R[Int(i.a)] = v
                    case .setUpvalue:
                        env.ancestor(Int(i.b)).slots[Int(i.c)] = R[Int(i.a)]
                    case .closure:
                        R[Int(i.a)] = .function(BytecodeClosure(function: f.functions[Int(i.b)], captured: env))
                    case .unresolved:
                        throw instructionError(f, pc - 1)
                    case .list:
                        R[Int(i.a)] = .list(takeValues(R + Int(i.b), Int(i.c)))
                    case .object:
                        R[Int(i.a)] = .object(makeObject(f.extras + Int(i.d), takeValues(R + Int(i.b), Int(i.c))))
                    case .interpolate:
                        R[Int(i.a)] = .string(try interpolate(f.extras + Int(i.d), R + Int(i.b)))
                    case .resultList:
                        R[Int(i.a)] = .list(resultList(for: R + Int(i.b)))
                    case .append:
                        append(R + Int(i.a), (R + Int(i.b)).read(moving: i.moves != 0))
                    case .childName:
                        R[Int(i.a)] = ChildAccess.read(R[Int(i.b)]!, name: f.strings[Int(i.c)])
                    case .childIndex:
                        R[Int(i.a)] = ChildAccess.read(R[Int(i.b)]!, index: Int(i.c))
                    case .childKey:
                        let base = R[Int(i.b)]!, key = R[Int(i.c)]!
                        R[Int(i.a)] = try located(f.locations[pc - 1]) { try ChildAccess.read(base, computed: key) }
                    case .not:
                        R[Int(i.a)] = .bool(!R[Int(i.b)]!.isTruthy)
                    case .negate:
                        let v = R[Int(i.b)]!
                        R[Int(i.a)] = try located(f.locations[pc - 1]) { try Operators.negate(v) }
                    case .add:
                        if case .some(.int(let x)) = R[Int(i.b)], case .some(.int(let y)) = R[Int(i.c)] {
                            let (s, o) = x.addingReportingOverflow(y)
                            if !o { setInt(R + Int(i.a), s); continue }
                        }
                        R[Int(i.a)] = try add(R + Int(i.b), R + Int(i.c), moving: i.moves, f.locations[pc - 1])
                    case .subtract:
                        if case .some(.int(let x)) = R[Int(i.b)], case .some(.int(let y)) = R[Int(i.c)] {
                            let (s, o) = x.subtractingReportingOverflow(y)
                            if !o { setInt(R + Int(i.a), s); continue }
                        }
                        R[Int(i.a)] = try binary(.subtract, R + Int(i.b), R + Int(i.c), moving: i.moves, f.locations[pc - 1])
                    case .multiply:
                        if case .some(.int(let x)) = R[Int(i.b)], case .some(.int(let y)) = R[Int(i.c)] {
                            let (s, o) = x.multipliedReportingOverflow(by: y)
                            if !o { setInt(R + Int(i.a), s); continue }
                        }
                        R[Int(i.a)] = try binary(.multiply, R + Int(i.b), R + Int(i.c), moving: i.moves, f.locations[pc - 1])
                    case .remainder:
                        if case .some(.int(let x)) = R[Int(i.b)], case .some(.int(let y)) = R[Int(i.c)], y > 0 {
                            setInt(R + Int(i.a), x % y)
                            continue
                        }
                        R[Int(i.a)] = try binary(.remainder, R + Int(i.b), R + Int(i.c), moving: i.moves, f.locations[pc - 1])
                    case .divide:
                        R[Int(i.a)] = try binary(.divide, R + Int(i.b), R + Int(i.c), moving: i.moves, f.locations[pc - 1])
                    case .contains:
                        R[Int(i.a)] = try binary(.in, R + Int(i.b), R + Int(i.c), moving: i.moves, f.locations[pc - 1])
                    case .addInt:
                        if case .some(.int(let x)) = R[Int(i.b)] {
                            let (s, o) = x.addingReportingOverflow(Int(i.c))
                            if !o { setInt(R + Int(i.a), s); continue }
                        }
                        R[Int(i.a)] = try binary(.add, R + Int(i.b), .int(Int(i.c)), moving: i.moves, f.locations[pc - 1])
                    case .subtractInt:
                        if case .some(.int(let x)) = R[Int(i.b)] {
                            let (s, o) = x.subtractingReportingOverflow(Int(i.c))
                            if !o { setInt(R + Int(i.a), s); continue }
                        }
                        R[Int(i.a)] = try binary(.subtract, R + Int(i.b), .int(Int(i.c)), moving: i.moves, f.locations[pc - 1])
                    case .multiplyInt:
                        if case .some(.int(let x)) = R[Int(i.b)] {
                            let (s, o) = x.multipliedReportingOverflow(by: Int(i.c))
                            if !o { setInt(R + Int(i.a), s); continue }
                        }
                        R[Int(i.a)] = try binary(.multiply, R + Int(i.b), .int(Int(i.c)), moving: i.moves, f.locations[pc - 1])
                    case .remainderInt:
                        if case .some(.int(let x)) = R[Int(i.b)], i.c > 0 {
                            setInt(R + Int(i.a), x % Int(i.c))
                            continue
                        }
                        R[Int(i.a)] = try binary(.remainder, R + Int(i.b), .int(Int(i.c)), moving: i.moves, f.locations[pc - 1])
                    case .equal:
                        R[Int(i.a)] = .bool(R[Int(i.b)]! == R[Int(i.c)]!)
                    case .notEqual:
                        R[Int(i.a)] = .bool(R[Int(i.b)]! != R[Int(i.c)]!)
                    case .less, .lessEqual, .greater, .greaterEqual:
                        let op = Self.comparisons[Int(i.op.rawValue - Opcode.less.rawValue)]
                        if case .some(.int(let x)) = R[Int(i.b)], case .some(.int(let y)) = R[Int(i.c)] {
                            R[Int(i.a)] = .bool(Self.intComparison(op, x, y)!)
                            continue
                        }
                        R[Int(i.a)] = try binary(op, R + Int(i.b), R + Int(i.c), moving: i.moves, f.locations[pc - 1])
                    case .jump:
                        pc = Int(i.b)
                    case .loop:
                        try interrupt.check()
                        pc = Int(i.b)
                    case .jumpIfFalse:
                        if !R[Int(i.a)]!.isTruthy { pc = Int(i.b) }
                    case .jumpIfTrue:
                        if R[Int(i.a)]!.isTruthy { pc = Int(i.b) }
                    case .jumpIfNotNull:
                        if !R[Int(i.a)]!.isNull { pc = Int(i.b) }
                    case .lessJump, .lessEqualJump, .greaterJump, .greaterEqualJump, .equalJump, .notEqualJump:
                        let op = Self.jumpComparisons[Int(i.op.rawValue - Opcode.lessJump.rawValue)]
                        if case .some(.int(let x)) = R[Int(i.a)], case .some(.int(let y)) = R[Int(i.b)] {
                            if !Self.intComparison(op, x, y)! { pc = Int(i.c) }
                            continue
                        }
                        if !(try binary(op, R + Int(i.a), R + Int(i.b), moving: i.moves, f.locations[pc - 1]).isTruthy) { pc = Int(i.c) }
                    case .lessIntJump, .lessEqualIntJump, .greaterIntJump, .greaterEqualIntJump, .equalIntJump, .notEqualIntJump:
                        let op = Self.jumpComparisons[Int(i.op.rawValue - Opcode.lessIntJump.rawValue)]
                        if case .some(.int(let x)) = R[Int(i.a)] {
                            if !Self.intComparison(op, x, Int(i.b))! { pc = Int(i.c) }
                            continue
                        }
                        if !(try binary(op, R + Int(i.a), .int(Int(i.b)), moving: i.moves, f.locations[pc - 1]).isTruthy) { pc = Int(i.c) }
                    case .rangePrepare:
                        guard case .range(let variable, let exit, let call) = (f.extras + Int(i.d)).pointee else { break }
                        let bounds = try located(call) { try RangeBounds(takeValues(R + Int(i.b), Int(i.c))) }
                        guard let first = bounds.first else {
                            pc = Int(exit)
                            continue
                        }
                        try interrupt.check()
                        // The state: the current number, how many are left after it, the step.
                        setInt(R + Int(i.a), first)
                        setInt(R + Int(i.a) + 1, bounds.count - 1)
                        setInt(R + Int(i.a) + 2, bounds.step)
                        setInt(R + Int(variable), first)
                    case .rangeLoop:
                        // Counting down what is left needs no overflow check and no comparison that
                        // depends on the step's sign. The state holds ints from `rangePrepare` on (no
                        // script names its registers), so their payloads are read and written in place.
                        let state = R + Int(i.a)
                        let left = intPayload(state + 1)
                        guard left > 0 else { continue }
                        try interrupt.check()
                        let next = intPayload(state) &+ intPayload(state + 2)
                        setIntPayload(state, next)
                        setIntPayload(state + 1, left &- 1)
                        setInt(R + Int(i.b), next)
                        pc = Int(i.c)
                    case .iterate:
                        try iterate(f.extras + Int(i.d), R + Int(i.a), R[Int(i.b)]!)
                    case .iterateNext:
                        if !iterateNext(R + Int(i.a), R + Int(i.b), second: i.d == 0 ? nil : R + Int(i.d) - 1) { pc = Int(i.c) }
                    case .step:
                        try stepBudget?.spend()
                    case .prepareCall:
                        if let closure = borrowedClosure(R + Int(i.a)) {
                            try closure._withUnsafeGuaranteedRef { try checkCall($0.function, Int(i.c), at: f.locations[pc - 1]) }
                        }
                    case .upvalueCallee:
                        let slot = env.ancestor(Int(i.b)).slots + Int(i.c)
                        var itself = false
                        if let closure = borrowedClosure(slot) {
                            itself = try closure._withUnsafeGuaranteedRef {
                                try checkCall($0.function, Int(i.d), at: f.locations[pc - 1])
                                return f.isLeaf && $0.function === f && $0.captured === env
                            }
                        } else if case .none = slot.pointee {
                            throw unassignedError(f, pc - 1)
                        }
                        // A leaf function calling itself needs no reference to itself: the call finds
                        // the callee's register empty and stays in this loop.
                        if itself { setNil(R + Int(i.a)) } else { R[Int(i.a)] = slot.pointee }
                    case .call:
                        // A script function is called through the callee's register, which keeps it alive
                        // (it is a temporary: nothing else writes it) until the result replaces it. An
                        // empty register after upvalueCallee is a leaf function's call of itself.
                        let callee = R + Int(i.b)
                        if let closure = borrowedClosure(callee) {
                            let result = try closure._withUnsafeGuaranteedRef {
                                try invoke($0, callee + 1, Int(i.c), at: f.locations[pc - 1])
                            }
                            R[Int(i.a)] = result
                            if i.a != i.b { callee.pointee = nil }
                        } else if i.d != 0, case .none = callee.pointee {
                            frame = (try enterOwnCall(f, from: R, arguments: callee + 1, Int(i.c), returningTo: pc, argc: argc),
                                     Int(i.c), 0)
                            ownCalls += 1
                            continue activation
                        } else {
                            let function = callee.take()
                            R[Int(i.a)] = try callValue(function, takeValues(callee + 1, Int(i.c)), at: f.locations[pc - 1])
                        }
                    case .callBuiltin:
                        let values = takeValues(R + Int(i.b), Int(i.c))
                        R[Int(i.a)] = try callBuiltin(f.builtins[Int(i.d)], values, at: f.locations[pc - 1])
                    case .fanOut:
                        let arguments = BuiltinArguments(function: f.builtins[Int(i.d)].name, values: takeValues(R + Int(i.b), Int(i.c)))
                        let loc = f.locations[pc - 1]
                        R[Int(i.a)] = try located(loc) { try Builtins.fanOut(self, arguments, at: loc) }
                    case .returnValue, .returnNull:
                        // The result is read on each side of the guard: read once before it, the
                        // returning call cost 9 instructions more.
                        guard ownCalls > 0 else { return i.op == .returnValue ? R[Int(i.a)]! : .null }
                        let result = i.op == .returnValue ? R[Int(i.a)]! : .null
                        (frame.R, frame.pc, frame.argc) = leaveOwnCall(f, R)
                        ownCalls -= 1
                        // The callee's register stayed empty (see `upvalueCallee`).
                        frame.R[Int(code[frame.pc - 1].a)] = result
                        continue activation
                    case .setChild:
                        try setChild(f.extras + Int(i.d), value: R + Int(i.a), keys: takeValues(R + Int(i.b), Int(i.c)),
                                     R, env, at: f.locations[pc - 1])
                    case .compound:
                        let target = R + Int(i.a)
                        if Int(i.c) == Self.addIndex, case .some(.int(let x)) = target.pointee, case .some(.int(let y)) = R[Int(i.b)] {
                            let (s, o) = x.addingReportingOverflow(y)
                            if !o { setInt(target, s); continue }
                        }
                        try compound(f.extras + Int(i.d), Self.operators[Int(i.c)], rhs: (R + Int(i.b)).read(moving: i.moves != 0),
                                     R, env, at: f.locations[pc - 1])
                    case .compoundUpvalue:
                        try compound(f.extras + Int(i.d), Self.operators[Int(i.c)], rhs: (R + Int(i.b)).read(moving: i.moves != 0),
                                     R, env, at: f.locations[pc - 1])
                    case .print:
                        printLine(takeValues(R + Int(i.b), Int(i.c)))
                    case .assertCheck:
                        if try assertPassed(f.extras + Int(i.d), R + Int(i.b), R + Int(i.c), at: f.locations[pc - 1]) { pc = Int(i.a) }
                    case .assertFail:
                        try assertFailed(f.extras + Int(i.d), message: i.a < 0 ? nil : R[Int(i.a)]!, R + Int(i.b), R + Int(i.c),
                                         at: f.locations[pc - 1]!)
                    case .fail:
                        throw failure(R[Int(i.a)]!, at: f.locations[pc - 1])
                    case .importModule:
                        guard case .importDecl(let decl) = (f.extras + Int(i.d)).pointee else { break }
                        try importModule(decl, into: R)
                    case .param:
                        guard case .param(let name, _) = (f.extras + Int(i.d)).pointee else { break }
                        if let given = overrides[name] {
                            R[Int(i.a)] = given
                            pc = Int(i.b)
                        }
                    case .missingParam, .requireConnection:
                        if i.op == .missingParam || performer == nil { throw instructionError(f, pc - 1) }
                    case .requestPath:
                        R[Int(i.a)] = .string(try requestPath(f.extras + Int(i.d), R + Int(i.b)))
                    case .request:
                        try request(f.extras + Int(i.d), into: R + Int(i.a), path: R[Int(i.b)]!,
                                    argument: i.c < 0 ? nil : R[Int(i.c)]!)
                    case .auth:
                        guard case .auth(let profile) = (f.extras + Int(i.d)).pointee else { break }
                        try authenticate(i.a < 0 ? nil : R[Int(i.a)]!, profile: profile, at: f.locations[pc - 1]!)
                    case .defaultArgument:
                        if argc > Int(i.c) { pc = Int(i.b) }
                    }
                }
            } catch {
                // The innermost `try` around the instruction that threw catches it, in this call or
                // in the calls of itself that it returns to, as `invoke` would have unwound them.
                var error = error
                frame.pc = pc
                while true {
                    if !f.handlers.isEmpty, let script = error as? ScriptError, script.kind == .runtime || script.kind == .failure,
                       let handler = f.handler(at: frame.pc - 1) {
                        if handler.errorRegister >= 0 { frame.R[Int(handler.errorRegister)] = .object(errorObject(script)) }
                        frame.pc = Int(handler.target)
                        break
                    }
                    guard ownCalls > 0 else { throw error }
                    (frame.R, frame.pc, frame.argc) = leaveOwnCall(f, frame.R)
                    ownCalls -= 1
                    error = leaving(f, error, calledAt: f.locations[frame.pc - 1])
                }
            }
        }
    }

    static let operators = BinaryOperator.allCases
    /// `.add`'s index in `operators` (BinaryOperator declares it first), a literal so that reading
    /// it costs no `swift_once` per instruction.
    static let addIndex = 0
    static let comparisons: [BinaryOperator] = [.less, .lessEqual, .greater, .greaterEqual]
    static let jumpComparisons: [BinaryOperator] = [.less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual]
}

/// The errors the loop throws, made out of line: their messages are not built on the hot path
/// (inlined, the compiler set their strings up on entry to every call).
extension Interpreter {
    @inline(never)
    func unassignedError(_ f: BytecodeFunction, _ pc: Int) -> ScriptError {
        unassigned(f.variableNames[pc] ?? "?", f.locations[pc]!)
    }

    @inline(never)
    func failure(_ value: Value, at loc: SourceLocation?) -> ScriptError {
        ScriptError(.failure, value.display, at: loc)
    }

    @inline(never)
    func printLine(_ values: [Value]) {
        // Not `joined(separator:)`: its first call looks up associated-type witnesses at run time
        // (0.33 M instructions, a twentieth of `halo -e 'print 1'`).
        var line = ""
        for (index, value) in values.enumerated() {
            if index > 0 { line += " " }
            line += value.display
        }
        output(line)
    }

    /// The error of an instruction that exists to fail: a missing param, no connection, a name the
    /// resolver left unresolved.
    @inline(never)
    func instructionError(_ f: BytecodeFunction, _ pc: Int) -> ScriptError {
        let i = f.code[pc], loc = f.locations[pc]
        switch i.op {
        case .missingParam:
            guard case .param(let name, let declared) = (f.extras + Int(i.d)).pointee else { break }
            return ScriptError(.usage, "the runbook needs a value for '\(name)': pass --set \(name)=VALUE", at: declared)
        case .unresolved:
            return ScriptError(.runtime, "internal: unresolved name '\(f.strings[Int(i.b)])'", at: loc)
        default:
            if let loc { return noConnection(loc) }
        }
        return ScriptError(.runtime, "internal: \(i.op) failed", at: loc)
    }
}

/// The int in a register known to hold one, read without testing the case: `Value?` keeps
/// `.int`'s payload at offset 0 (`RegisterLayoutTests` proves it for this compiler).
@inline(__always)
func intPayload(_ p: UnsafeMutablePointer<Value?>) -> Int {
    assert({ if case .some(.int) = p.pointee { true } else { false } }(), "not an int register")
    return UnsafeRawPointer(p).load(as: Int.self)
}

/// Replaces the int in a register known to hold one: the payload alone, the case stays.
@inline(__always)
func setIntPayload(_ p: UnsafeMutablePointer<Value?>, _ v: Int) {
    assert({ if case .some(.int) = p.pointee { true } else { false } }(), "not an int register")
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Int.self)
}

/// The script function in a register, if it holds one, borrowed: no reference is counted, so the
/// register must keep it alive while it is used. `Value?` keeps a function's reference at offset 0
/// (`RegisterLayoutTests` proves it for this compiler).
@inline(__always)
func borrowedClosure(_ p: UnsafeMutablePointer<Value?>) -> Unmanaged<BytecodeClosure>? {
    guard case .some(.function) = p.pointee else { return nil }
    let object = UnsafeRawPointer(p).load(as: UnsafeRawPointer.self)
    guard Unmanaged<Callable>.fromOpaque(object)._withUnsafeGuaranteedRef({ $0.kind }) == .bytecode else { return nil }
    return Unmanaged<BytecodeClosure>.fromOpaque(object)
}

/// Empties a register, skipping the release of an old value that holds no reference.
@inline(__always)
func setNil(_ p: UnsafeMutablePointer<Value?>) {
    switch p.pointee {
    case .none, .some(.null), .some(.bool), .some(.int), .some(.double): p.initialize(to: nil)
    default: p.pointee = nil
    }
}

/// Writes an int into a register, skipping the release of an old value that holds no reference.
@inline(__always)
func setInt(_ p: UnsafeMutablePointer<Value?>, _ v: Int) {
    switch p.pointee {
    case .none, .some(.null), .some(.bool), .some(.int), .some(.double): p.initialize(to: .int(v))
    default: p.pointee = .int(v)
    }
}
