/// The VM's slow paths: what an instruction does beyond its int fast path. Errors are reported
/// through the same code as everywhere else (`Operators`, `ChildAccess`, StatementOperations.swift),
/// in the same words; the recorded reference of the differential tests holds them to that.
extension Interpreter {
    /// Moves `count` registers out into an array, leaving them unassigned: the values are not
    /// shared with a temporary that still holds them (a later in-place change would copy them).
    @inline(__always)
    func takeValues(_ p: UnsafeMutablePointer<Value?>, _ count: Int) -> [Value] {
        // Appending to a reserved array: `Array(unsafeUninitializedCapacity:)` looked its generic
        // metadata up on every call (callgrind: ~60 instructions per list made).
        var values: [Value] = []
        values.reserveCapacity(count)
        for k in 0..<count { values.append((p + k).take()) }
        return values
    }

    /// An operator on two registers; `moving` is the instruction's `moves`.
    func binary(_ op: BinaryOperator, _ x: UnsafeMutablePointer<Value?>, _ y: UnsafeMutablePointer<Value?>,
                moving: UInt8 = 0, _ loc: SourceLocation?) throws -> Value {
        try binary(x, y, moving: moving, loc) { try Operators.apply(op, $0, $1) }
    }

    /// `+` beyond ints, the most common slow path (strings): `Operators.add` without `apply`'s switch.
    func add(_ x: UnsafeMutablePointer<Value?>, _ y: UnsafeMutablePointer<Value?>, moving: UInt8,
             _ loc: SourceLocation?) throws -> Value {
        try binary(x, y, moving: moving, loc, Operators.add)
    }

    @inline(__always)
    private func binary(_ x: UnsafeMutablePointer<Value?>, _ y: UnsafeMutablePointer<Value?>, moving: UInt8,
                        _ loc: SourceLocation?, _ operation: (Value, Value) throws -> Value) throws -> Value {
        let a = x.read(moving: moving & 1 != 0), b = y.read(moving: moving & 2 != 0)
        return try located(loc) { try operation(a, b) }
    }

    func binary(_ op: BinaryOperator, _ x: UnsafeMutablePointer<Value?>, _ b: Value, moving: UInt8,
                _ loc: SourceLocation?) throws -> Value {
        let a = x.read(moving: moving & 1 != 0)
        return try located(loc) { try Operators.apply(op, a, b) }
    }

    /// `extra` is read in place: copying the enum out of the table copied every payload with it.
    func makeObject(_ extra: UnsafePointer<InstructionExtra>, _ values: [Value]) -> HaloObject {
        if case .objectKeys(_, let shape?) = extra.pointee { return HaloObject(shape: shape, values: values) }
        guard case .objectKeys(let keys, _) = extra.pointee else { return HaloObject() }
        // A repeated key: the last value wins, at the first key's position, as in JSON.
        var o = HaloObject()
        for i in keys.indices { o[keys[i]] = values[i] }
        return o
    }

    func interpolate(_ extra: UnsafePointer<InstructionExtra>, _ values: UnsafeMutablePointer<Value?>) throws -> String {
        guard case .interpolation(let texts, let loc) = extra.pointee else { return "" }
        var text = ""
        var next = values
        for literal in texts {
            if let literal {
                text += literal
                continue
            }
            let piece = next.pointee!.display
            next += 1
            let bytes = text.utf8.count + piece.utf8.count
            if bytes > SizeLimits.maximumStringBytes { try located(loc) { try SizeLimits.checkString(bytes: bytes) } }
            text += piece
        }
        return text
    }

    /// A comprehension's result, with room for every item of its walk:
    /// growing it item by item copied it about twice over and touched half as much memory again.
    func resultList(for state: UnsafeMutablePointer<Value?>) -> [Value] {
        var items: [Value] = []
        if case .some(.list(let walked)) = state[0] { items.reserveCapacity(walked.count) }
        return items
    }

    /// Appends to the list a comprehension builds, in place.
    func append(_ list: UnsafeMutablePointer<Value?>, _ value: Value) {
        guard case .some(.list(var items)) = list.move() else { return }
        items.append(value)
        list.initialize(to: .list(items))
    }

    /// Sets up what `for` (or a comprehension) walks: the items in `state[0]`, an object's values
    /// in `state[1]` when the loop names two variables, and the position in `state[2]`.
    func iterate(_ extra: UnsafePointer<InstructionExtra>, _ state: UnsafeMutablePointer<Value?>, _ collection: Value) throws {
        guard case .iteration(let loc, let pairs) = extra.pointee else { return }
        switch collection {
        case .list:
            state[0] = collection
            state[1] = .null
        case .object(let o):
            state[0] = .list(o.keys.map(Value.string))
            state[1] = pairs ? .list(o.pairs.map { $0.1 }) : .null
        case .string(let s):
            state[0] = .list(s.map { .string(String($0)) })
            state[1] = .null
        default:
            _ = try Self.loopItems(collection, at: loc)   // throws the right message
        }
        state[2] = .int(0)
    }

    /// The next item into the loop's variables; false when the walk is over. With two variables a
    /// list or string gives index and item, an object key and value.
    @inline(__always)
    func iterateNext(_ state: UnsafeMutablePointer<Value?>, _ first: UnsafeMutablePointer<Value?>,
                     second: UnsafeMutablePointer<Value?>?) -> Bool {
        // The item is read before any register is written, so the list need not be retained.
        guard case .some(.int(let index)) = state[2], let item = Self.item(state[0], index) else { return false }
        setInt(state + 2, index + 1)
        guard let second else {
            first.pointee = item
            return true
        }
        if let value = Self.item(state[1], index) {
            first.pointee = item
            second.pointee = value
        } else {
            setInt(first, index)
            second.pointee = item
        }
        return true
    }

    @inline(__always)
    static func item(_ list: Value?, _ index: Int) -> Value? {
        guard case .some(.list(let items)) = list, index < items.count else { return nil }
        return items[index]
    }

    /// Where a variable written in place lives.
    func slot(_ reference: VariableReference, _ R: UnsafeMutablePointer<Value?>, _ env: Frame) -> UnsafeMutablePointer<Value?> {
        switch reference {
        case .register(let r): R + Int(r)
        case .upvalue(let hops, let slot): env.ancestor(hops).slots + slot
        }
    }

    func setChild(_ extra: UnsafePointer<InstructionExtra>, value: UnsafeMutablePointer<Value?>, keys: [Value],
                  _ R: UnsafeMutablePointer<Value?>, _ env: Frame, at loc: SourceLocation?) throws {
        guard case .variable(let reference, let name, let declared) = extra.pointee else { return }
        try writeChild(slot(reference, R, env), name: name, declared: declared, keys: keys, value: value.pointee!, at: loc)
    }

    func compound(_ extra: UnsafePointer<InstructionExtra>, _ op: BinaryOperator, rhs: Value,
                  _ R: UnsafeMutablePointer<Value?>, _ env: Frame, at loc: SourceLocation?) throws {
        guard case .variable(let reference, let name, let declared) = extra.pointee else { return }
        try compoundAssign(slot(reference, R, env), op, rhs, name: name, declared: declared, at: loc)
    }

    func assertPassed(_ extra: UnsafePointer<InstructionExtra>, _ left: UnsafeMutablePointer<Value?>, _ right: UnsafeMutablePointer<Value?>,
                      at loc: SourceLocation?) throws -> Bool {
        guard case .assertion(let source, let comparison) = extra.pointee else { return true }
        let passed: Bool
        if let (op, opLoc) = comparison {
            passed = try binary(op, left, right, opLoc).isTruthy
        } else {
            passed = left.pointee!.isTruthy
        }
        if passed, let loc { assertionPassed(at: loc, source: source) }
        return passed
    }

    func assertFailed(_ extra: UnsafePointer<InstructionExtra>, message: Value?, _ left: UnsafeMutablePointer<Value?>,
                      _ right: UnsafeMutablePointer<Value?>, at loc: SourceLocation) throws {
        guard case .assertion(let source, let comparison) = extra.pointee else { return }
        let notes = comparison == nil ? [] : ["left:  \(left.pointee!.display)", "right: \(right.pointee!.display)"]
        try assertionFailed(at: loc, source: source, message: message, notes: notes)
    }

    func importModule(_ decl: ImportDecl, into R: UnsafeMutablePointer<Value?>) throws {
        try execImport(decl) { binding, value in R[binding.slot] = value }
    }

    func requestPath(_ extra: UnsafePointer<InstructionExtra>, _ parts: UnsafeMutablePointer<Value?>) throws -> String {
        guard case .request(let r, let template) = extra.pointee else { return "" }
        if let template {
            var next = parts
            return try RequestPath.build(template.map { text, loc in
                if let text { return .text(text) }
                defer { next += 1 }
                return .value(next.pointee!, loc)
            })
        }
        return try checkedPath(parts.pointee!, of: r)
    }

    func request(_ extra: UnsafePointer<InstructionExtra>, into out: UnsafeMutablePointer<Value?>, path: Value, argument: Value?) throws {
        guard case .request(let r, _) = extra.pointee, case .string(let text) = path, let performer else { return }
        let spec = RequestSpec(method: r.method, all: r.all, path: text, argument: argument)
        let result = try located(r.location) { try blocking { try performer.perform(spec) } }
        out[0] = result.body
        out[1] = .int(result.status)
    }
}

extension UnsafeMutablePointer<Value?> {
    /// Moves a temporary register's value out, leaving it unassigned, so the value is not shared
    /// (a copy costs a retain now and a release when the register is next written).
    @inline(__always)
    func take() -> Value {
        let value = move() ?? .null
        initialize(to: nil)
        return value
    }

    /// An assigned register's value: moved out when the instruction says it is a dead temporary
    /// (`Instruction.moves`), else copied.
    @inline(__always)
    func read(moving: Bool) -> Value {
        moving ? take() : pointee!
    }
}
