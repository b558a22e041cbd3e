/// Expressions compiled to closures. A tree-walker that switches over an indirect enum pays a
/// retain and a release for each child it visits; a closure holds its children already, so running
/// it is an indirect call. Hot shapes (`n < 2`, `a + b` on ints, calls of script functions) get
/// closures of their own.
typealias CompiledExpr = (Frame) throws -> Value
typealias CompiledBlock = (Frame) throws -> Flow
typealias CompiledCondition = (Frame) throws -> Bool

/// A function's body and parameter defaults, compiled once, and the frames its calls reuse.
final class CompiledFunction {
    let body: CompiledBlock
    let defaults: [CompiledExpr?]
    let frameSize: Int
    /// The argument counts a call may pass (parameters without and with defaults).
    let arguments: ClosedRange<Int>
    /// Frames of finished calls that nothing captured: a call takes one instead of allocating
    /// the frame and its slot buffer (two mallocs and two frees per call otherwise).
    private var spare: [Frame] = []
    private static let maxSpare = 64

    init(body: @escaping CompiledBlock, defaults: [CompiledExpr?], frameSize: Int, arguments: ClosedRange<Int>) {
        self.body = body
        self.defaults = defaults
        self.frameSize = frameSize
        self.arguments = arguments
    }

    @inline(__always)
    func frame(parent: Frame) -> Frame {
        guard let reused = spare.popLast() else { return Frame(size: frameSize, parent: parent) }
        if reused.parent !== parent { reused.parent = parent }
        return reused
    }

    /// Keeps a finished call's frame for the next call, unless a closure made in the call holds it.
    @inline(__always)
    func recycle(_ frame: inout Frame) {
        guard spare.count < Self.maxSpare, isKnownUniquelyReferenced(&frame) else { return }
        frame.clear()
        spare.append(frame)
    }
}

extension Interpreter {
    func compiledFunction(_ decl: FunctionDecl) -> CompiledFunction {
        if let compiled = decl.compiled { return compiled }
        let compiled = CompiledFunction(body: budgeted(compileBlock(decl.body)),
                                        defaults: decl.parameters.map { $0.defaultValue.map(compile) },
                                        frameSize: decl.frameSize,
                                        arguments: decl.requiredCount...decl.parameters.count)
        decl.compiled = compiled
        return compiled
    }

    func compile(_ expr: Expr) -> CompiledExpr {
        unowned(unsafe) let vm = self
        switch expr {
        case .literal(let v):
            return { _ in v }
        case .local(let slot, let name, let loc):
            return { frame in
                guard let v = frame.slots[slot] else { throw vm.unassigned(name, loc) }
                return v
            }
        case .outer(let depth, let slot, let name, let loc):
            return { frame in
                guard let v = frame.slots(up: depth)[slot] else { throw vm.unassigned(name, loc) }
                return v
            }
        case .builtin(let f):
            let value = Value.function(f)
            return { _ in value }
        case .string(let parts):
            let compiled: [(String?, CompiledExpr?)] = parts.map { part in
                switch part {
                case .text(let t): (t, nil)
                case .expr(let e): (nil, compile(e))
                }
            }
            // An over-long result is reported at the first interpolated expression.
            let loc = parts.lazy.compactMap { part -> SourceLocation? in
                if case .expr(let e) = part { return e.location }
                return nil
            }.first
            return { frame in
                var text = ""
                for (literal, e) in compiled {
                    if let literal { text += literal } else if let e {
                        let piece = try e(frame).display
                        let bytes = text.utf8.count + piece.utf8.count
                        if bytes > SizeLimits.maximumStringBytes { try vm.located(loc) { try SizeLimits.checkString(bytes: bytes) } }
                        text += piece
                    }
                }
                return .string(text)
            }
        case .list(let elements):
            let compiled = elements.map(compile)
            return { frame in
                var items: [Value] = []
                items.reserveCapacity(compiled.count)
                for e in compiled { items.append(try e(frame)) }
                return .list(items)
            }
        case .object(let entries):
            let keys = entries.map(\.key), values = entries.map { compile($0.value) }
            guard Set(keys).count == keys.count else {
                // A repeated key: the last value wins, at the first key's position, as in JSON.
                return { frame in
                    var o = HaloObject()
                    for i in keys.indices { o[keys[i]] = try values[i](frame) }
                    return .object(o)
                }
            }
            let shape = ObjectShape(keys: keys)
            return { frame in
                var items: [Value] = []
                items.reserveCapacity(values.count)
                for value in values { items.append(try value(frame)) }
                return .object(HaloObject(shape: shape, values: items))
            }
        case .comprehension(let element, let binding, let iterable, let condition):
            return compileComprehension(element, binding, iterable, condition)
        case .child(let base, let key, let loc):
            let b = compile(base)
            switch key {
            case .name(let n): return { frame in ChildAccess.read(try b(frame), name: n) }
            case .index(let i): return { frame in ChildAccess.read(try b(frame), index: i) }
            case .computed(let e):
                let k = compile(e)
                return { frame in
                    let value = try b(frame), key = try k(frame)
                    return try vm.located(loc) { try ChildAccess.read(value, computed: key) }
                }
            }
        case .unary(let op, let e, let loc):
            let operand = compile(e)
            switch op {
            case .not: return { frame in .bool(!(try operand(frame).isTruthy)) }
            case .negate:
                return { frame in
                    let v = try operand(frame)
                    return try vm.located(loc) { try Operators.negate(v) }
                }
            }
        case .binary(let op, let l, let r, let loc):
            return compileBinary(op, l, r, loc)
        case .and(let l, let r):
            let a = compile(l), b = compile(r)
            return { frame in
                let v = try a(frame)
                return v.isTruthy ? try b(frame) : v
            }
        case .or(let l, let r):
            let a = compile(l), b = compile(r)
            return { frame in
                let v = try a(frame)
                return v.isTruthy ? v : try b(frame)
            }
        case .coalesce(let l, let r):
            let a = compile(l), b = compile(r)
            return { frame in
                let v = try a(frame)
                return v.isNull ? try b(frame) : v
            }
        case .call(let callee, let args, let loc):
            return compileCall(callee, args, loc)
        case .function(let decl):
            let compiled = compiledFunction(decl)
            return { frame in .function(Closure(decl: decl, compiled: compiled, captured: frame)) }
        case .request(let r):
            return compileRequest(r)
        case .name(let name, let loc):
            return { _ in throw ScriptError(.runtime, "internal: unresolved name '\(name)'", at: loc) }
        }
    }

    /// A condition (`if`, `while`, a comprehension's filter) compiled to a Bool: comparisons of
    /// ints decide without making a `.bool` value, and `not`/`and`/`or` without truthiness tests.
    func compileCondition(_ expr: Expr) -> CompiledCondition {
        unowned(unsafe) let vm = self
        switch expr {
        case .unary(.not, let e, _):
            let c = compileCondition(e)
            return { frame in !(try c(frame)) }
        case .and(let l, let r):
            let a = compileCondition(l), b = compileCondition(r)
            return { frame in try a(frame) && b(frame) }
        case .or(let l, let r):
            let a = compileCondition(l), b = compileCondition(r)
            return { frame in try a(frame) || b(frame) }
        case .binary(let op, let l, let r, let loc) where Self.intComparison(op, 0, 0) != nil:
            let a = compile(l), b = compile(r), left = Operand(l), right = Operand(r)
            return { frame in
                if let i = left.int(in: frame), let j = right.int(in: frame) { return Self.intComparison(op, i, j)! }
                let x = try a(frame), y = try b(frame)
                if case .int(let i) = x, case .int(let j) = y { return Self.intComparison(op, i, j)! }
                return try vm.located(loc) { try Operators.apply(op, x, y) }.isTruthy
            }
        default: break
        }
        let c = compile(expr)
        return { frame in try c(frame).isTruthy }
    }

    /// Stores into a resolved variable.
    @inline(__always)
    func store(_ value: Value, _ binding: Binding, _ frame: Frame) {
        frame.slots(up: binding.depth)[binding.slot] = value
    }

    private func compileBinary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, _ loc: SourceLocation) -> CompiledExpr {
        unowned(unsafe) let vm = self
        let a = compile(l), b = compile(r)
        switch op {
        case .equal: return { frame in .bool(try a(frame) == b(frame)) }
        case .notEqual: return { frame in .bool(try a(frame) != b(frame)) }
        case .divide, .in:
            return { frame in
                let x = try a(frame), y = try b(frame)
                return try vm.located(loc) { try Operators.apply(op, x, y) }
            }
        default: break
        }
        // Ints in local slots and int constants (`n - 1`, `total + i`) are read in place:
        // no closure call and no copy of a `Value` per operand.
        let left = Operand(l), right = Operand(r)
        return { frame in
            if let i = left.int(in: frame), let j = right.int(in: frame), let result = Self.intResult(op, i, j) {
                return result
            }
            let x = try a(frame), y = try b(frame)
            if case .int(let i) = x, case .int(let j) = y, let result = Self.intResult(op, i, j) { return result }
            return try vm.located(loc) { try Operators.apply(op, x, y) }
        }
    }

    /// Integer arithmetic and comparison; nil when the operation must take the general route
    /// (overflow, division, a modulus that is not positive, `==`, `in`).
    @inline(__always)
    static func intResult(_ op: BinaryOperator, _ i: Int, _ j: Int) -> Value? {
        switch op {
        case .add: let (s, o) = i.addingReportingOverflow(j); return o ? nil : .int(s)
        case .subtract: let (s, o) = i.subtractingReportingOverflow(j); return o ? nil : .int(s)
        case .multiply: let (s, o) = i.multipliedReportingOverflow(by: j); return o ? nil : .int(s)
        case .remainder: return j > 0 ? .int(i % j) : nil
        default: return Self.intComparison(op, i, j).map(Value.bool)
        }
    }

    @inline(__always)
    static func intComparison(_ op: BinaryOperator, _ i: Int, _ j: Int) -> Bool? {
        switch op {
        case .less: i < j
        case .lessEqual: i <= j
        case .greater: i > j
        case .greaterEqual: i >= j
        case .equal: i == j
        case .notEqual: i != j
        default: nil
        }
    }

    private func compileCall(_ callee: Expr, _ args: [Expr], _ loc: SourceLocation) -> CompiledExpr {
        unowned(unsafe) let vm = self
        let compiledArgs = args.map(compile)
        if case .builtin(let builtin) = callee {
            if builtin === fanOutBuiltin, builtin.arity.contains(args.count) {
                return { frame in
                    let values = try compiledArgs.map { try $0(frame) }
                    let arguments = BuiltinArguments(function: builtin.name, values: values)
                    return try vm.located(loc) { try Builtins.fanOut(vm, arguments, at: loc) }
                }
            }
            return { frame in
                var values: [Value] = []
                values.reserveCapacity(compiledArgs.count)
                for a in compiledArgs { values.append(try a(frame)) }
                return try vm.callBuiltin(builtin, values, at: loc)
            }
        }
        let f = compile(callee)
        // Arguments go straight into the callee's frame: no argument array per call. One and two
        // arguments get closures of their own: closures read out of an array are retained per call.
        switch compiledArgs.count {
        case 1:
            let a0 = compiledArgs[0]
            return { frame in
                let fn = try f(frame)
                guard let closure = fn.scriptFunction else { return try vm.callValue(fn, [try a0(frame)], at: loc) }
                return try vm.call(closure, argumentCount: 1, at: loc) { slots in slots[0] = try a0(frame) }
            }
        case 2:
            let a0 = compiledArgs[0], a1 = compiledArgs[1]
            return { frame in
                let fn = try f(frame)
                guard let closure = fn.scriptFunction else {
                    return try vm.callValue(fn, [try a0(frame), try a1(frame)], at: loc)
                }
                return try vm.call(closure, argumentCount: 2, at: loc) { slots in
                    slots[0] = try a0(frame)
                    slots[1] = try a1(frame)
                }
            }
        default:
            return { frame in
                let fn = try f(frame)
                guard let closure = fn.scriptFunction else {
                    return try vm.callValue(fn, try compiledArgs.map { try $0(frame) }, at: loc)
                }
                return try vm.call(closure, argumentCount: compiledArgs.count, at: loc) { slots in
                    for i in compiledArgs.indices { slots[i] = try compiledArgs[i](frame) }
                }
            }
        }
    }

    private func compileComprehension(_ element: Expr, _ binding: Binding, _ iterable: Expr,
                                      _ condition: Expr?) -> CompiledExpr {
        unowned(unsafe) let vm = self
        let e = compile(element), source = compile(iterable), test = condition.map(compileCondition)
        let budget = stepBudget   // each item is a step, as a loop iteration is (nil: no budget, no cost)
        return { frame in
            let items = try Self.loopItems(try source(frame), at: binding.location)
            var result: [Value] = []
            result.reserveCapacity(items.count)
            for item in items {
                try budget?.spend()
                vm.store(item, binding, frame)
                if let test, !(try test(frame)) { continue }
                result.append(try e(frame))
            }
            return .list(result)
        }
    }

    /// What a comprehension walks: list items, object keys, or a string's characters.
    static func loopItems(_ source: Value, at loc: SourceLocation) throws -> [Value] {
        switch source {
        case .list(let l): return l
        case .object(let o): return o.keys.map(Value.string)
        case .string(let s): return s.map { .string(String($0)) }
        case .null: throw ScriptError(.runtime, "cannot loop over null (is the value missing?)", at: loc)
        default: throw ScriptError(.runtime, "cannot loop over \(source.typeName)", at: loc)
        }
    }

    private func compileRequest(_ r: RequestExpr) -> CompiledExpr {
        unowned(unsafe) let vm = self
        let target = compilePath(r), argument = r.argument.map(compile)
        let outputs = r.outputs.map { ($0.binding, compile($0.value)) }
        return { frame in
            guard let performer = vm.performer else { throw vm.noConnection(r.location) }
            let spec = RequestSpec(method: r.method, all: r.all, path: try target(frame), argument: try argument?(frame))
            let result = try vm.located(r.location) { try vm.blocking { try performer.perform(spec) } }
            vm.store(result.body, r.response, frame)
            vm.store(.int(result.status), r.status, frame)
            for (binding, value) in outputs { vm.store(try value(frame), binding, frame) }
            return result.body
        }
    }
}

extension Interpreter {
    /// A request's path: a template written in place encodes its values (see `RequestPath`);
    /// a path from any other expression is taken whole and checked.
    fileprivate func compilePath(_ r: RequestExpr) -> (Frame) throws -> String {
        unowned(unsafe) let vm = self
        if let locations = r.templateLocations, case .string(let parts) = r.target {
            var locationsLeft = locations[...]
            let pieces: [(String?, CompiledExpr?, SourceLocation)] = parts.map { part in
                switch part {
                case .text(let t): return (t, nil, r.location)
                case .expr(let e): return (nil, compile(e), locationsLeft.popFirst() ?? r.location)
                }
            }
            return { frame in
                try RequestPath.build(try pieces.map { text, value, loc in
                    if let text { return .text(text) }
                    return .value(try value!(frame), loc)
                })
            }
        }
        let target = compile(r.target)
        return { frame in try vm.checkedPath(try target(frame), of: r) }
    }

    /// A request's path taken whole from an expression: a string, checked (see `RequestPath`).
    func checkedPath(_ path: Value, of r: RequestExpr) throws -> String {
        guard case .string(let text) = path else {
            throw ScriptError(.runtime, "a request path must be a string, got \(path.typeName)", at: r.location)
        }
        try RequestPath.checkWhole(text, at: r.location)
        return text
    }
}

/// An operand that a binary operation can read without running a closure.
enum Operand {
    case slot(Int), constant(Int), other

    init(_ expr: Expr) {
        switch expr {
        case .local(let slot, _, _): self = .slot(slot)
        case .literal(.int(let k)): self = .constant(k)
        default: self = .other
        }
    }

    /// The operand's value when it is an int that can be read in place; nil sends the caller to
    /// the general route (which also reports an unassigned variable).
    @inline(__always)
    func int(in frame: Frame) -> Int? {
        switch self {
        case .slot(let slot):
            if case .some(.int(let i)) = frame.slots[slot] { return i }
            return nil
        case .constant(let k): return k
        case .other: return nil
        }
    }
}
