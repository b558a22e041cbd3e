/// How a statement ends: normally, or by `break`, `continue` or `return`. A returned value waits
/// in `Interpreter.returned`: a payload here would make every statement return a 33-byte enum
/// through memory instead of a byte in a register.
enum Flow {
    case normal, breakLoop, continueLoop, returned
}

/// Statements compiled to closures (see Compiler.swift for why).
extension Interpreter {
    /// A block is a chain of closures, each running one statement and then the rest: closures kept
    /// in an array are stored in their most general form and cost a conversion thunk per call.
    func compileBlock(_ statements: [Stmt]) -> CompiledBlock {
        guard let last = statements.last else { return { _ in .normal } }
        var chain = compile(last)
        for statement in statements.dropLast().reversed() {
            let head = compile(statement), rest = chain
            chain = { frame in
                let flow = try head(frame)
                if case .normal = flow { return try rest(frame) }
                return flow
            }
        }
        return chain
    }

    func compile(_ statement: Stmt) -> CompiledBlock {
        unowned(unsafe) let vm = self
        switch statement {
        case .expression(let e, _):
            let expr = compile(e)
            return { frame in _ = try expr(frame); return .normal }
        case .assign(let b, let e):
            let value = compile(e)
            let slot = b.slot, depth = b.depth
            if depth == 0 {
                return { frame in frame.slots[slot] = try value(frame); return .normal }
            }
            return { frame in
                let v = try value(frame)
                frame.slots(up: depth)[slot] = v
                return .normal
            }
        case .assignChild(let b, let keys, let e, let loc):
            return compileAssignChild(b, keys, e, loc)
        case .compound(let b, let op, let e, let loc):
            return compileCompound(b, op, e, loc)
        case .ifElse(let condition, let then, let otherwise):
            let test = compileCondition(condition), yes = compileBlock(then), no = otherwise.map(compileBlock)
            if let no {
                return { frame in try test(frame) ? try yes(frame) : try no(frame) }
            }
            return { frame in try test(frame) ? try yes(frame) : .normal }
        case .forIn(let first, let second, let iterable, let body, let loc):
            return compileFor(first, second, iterable, body, loc)
        case .whileLoop(let condition, let body):
            let test = compileCondition(condition), run = budgeted(compileBlock(body)), interrupt = interrupt
            return { frame in
                while try test(frame) {
                    try interrupt.check()
                    switch try run(frame) {
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    case .normal, .continueLoop: continue
                    }
                }
                return .normal
            }
        case .breakLoop: return { _ in .breakLoop }
        case .continueLoop: return { _ in .continueLoop }
        case .function(let b, let decl):
            let compiled = compiledFunction(decl)
            return { frame in
                vm.store(.function(Closure(decl: decl, compiled: compiled, captured: frame)), b, frame)
                return .normal
            }
        case .returnValue(let e, _):
            guard let value = e.map(compile) else { return { _ in vm.returned = .null; return .returned } }
            return { frame in vm.returned = try value(frame); return .returned }
        case .print(let exprs):
            let values = exprs.map(compile)
            return { frame in
                vm.printLine(try values.map { try $0(frame) })
                return .normal
            }
        case .assert(let condition, let message, let loc, let source):
            return compileAssert(condition, message, loc, source)
        case .fail(let e, let loc):
            let value = compile(e)
            return { frame in throw ScriptError(.failure, try value(frame).display, at: loc) }
        case .tryCatch(let body, let binding, let handler):
            let run = compileBlock(body), recover = compileBlock(handler)
            return { frame in
                do {
                    return try run(frame)
                } catch let error as ScriptError where error.kind == .runtime || error.kind == .failure {
                    if let binding { vm.store(.object(vm.errorObject(error)), binding, frame) }
                    return try recover(frame)
                }
            }
        case .importModule(let decl):
            return { frame in
                try vm.execImport(decl) { binding, value in frame.slots(up: binding.depth)[binding.slot] = value }
                return .normal
            }
        case .param(let b, let defaultValue):
            let value = defaultValue.map(compile)
            return { frame in
                if let given = vm.overrides[b.name] {
                    vm.store(given, b, frame)
                } else if let value {
                    vm.store(try value(frame), b, frame)
                } else {
                    throw ScriptError(.usage, "the runbook needs a value for '\(b.name)': pass --set \(b.name)=VALUE", at: b.location)
                }
                return .normal
            }
        case .auth(let e, let profile, let loc):
            let value = e.map(compile)
            return { frame in
                guard vm.performer != nil else { throw vm.noConnection(loc) }
                try vm.authenticate(try value?(frame), profile: profile, at: loc)
                return .normal
            }
        }
    }

    private func compileFor(_ first: Binding, _ second: Binding?, _ iterable: Expr, _ body: [Stmt],
                            _ loc: SourceLocation) -> CompiledBlock {
        unowned(unsafe) let vm = self
        let run = budgeted(compileBlock(body)), interrupt = interrupt
        // `for i in range(...)` counts without building the list.
        if case .call(.builtin(let f), let args, let callLoc) = iterable, f.name == "range", second == nil {
            let bounds = args.map(compile)
            let slot = first.slot, depth = first.depth
            return { frame in
                let values = try bounds.map { try $0(frame) }
                let range = try vm.located(callLoc) { try RangeBounds(values) }
                let owner = frame.ancestor(depth)
                var i = range.first
                while let current = i {
                    try interrupt.check()
                    owner.slots[slot] = .int(current)
                    switch try run(frame) {
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    case .normal, .continueLoop: break
                    }
                    i = range.next(after: current)
                }
                return .normal
            }
        }
        let source = compile(iterable)
        return { frame in
            /// Binds one iteration's variables and runs the body; non-nil ends the loop.
            func step(_ a: Value, _ b: Value?) throws -> Flow? {
                try interrupt.check()
                if let second, let b {
                    vm.store(a, first, frame)
                    vm.store(b, second, frame)
                } else {
                    vm.store(b ?? a, first, frame)
                }
                switch try run(frame) {
                case .breakLoop: return .normal
                case .returned: return .returned
                case .normal, .continueLoop: return nil
                }
            }
            let collection = try source(frame)
            switch collection {
            case .list(let items):
                for i in items.indices {
                    if let flow = try step(second == nil ? items[i] : .int(i), second == nil ? nil : items[i]) { return flow }
                }
            case .object(let o):
                for (k, v) in o.pairs {
                    if let flow = try step(.string(k), second == nil ? nil : v) { return flow }
                }
            case .string(let s):
                for (i, c) in s.enumerated() {
                    let char = Value.string(String(c))
                    if let flow = try step(second == nil ? char : .int(i), second == nil ? nil : char) { return flow }
                }
            default:
                _ = try Self.loopItems(collection, at: loc)   // throws the right message
            }
            return .normal
        }
    }

    private func compileAssignChild(_ b: Binding, _ keys: [ChildKey], _ e: Expr, _ loc: SourceLocation) -> CompiledBlock {
        unowned(unsafe) let vm = self
        let value = compile(e)
        let keyValues: [CompiledExpr] = keys.map { key in
            switch key {
            case .name(let n): let v = Value.string(n); return { _ in v }
            case .index(let i): let v = Value.int(i); return { _ in v }
            case .computed(let expr): return compile(expr)
            }
        }
        return { frame in
            let newValue = try value(frame)
            let path = try keyValues.map { try $0(frame) }
            try vm.writeChild(frame.slots(up: b.depth) + b.slot, name: b.name, declared: b.location,
                              keys: path, value: newValue, at: loc)
            return .normal
        }
    }

    private func compileCompound(_ b: Binding, _ op: BinaryOperator, _ e: Expr, _ loc: SourceLocation) -> CompiledBlock {
        unowned(unsafe) let vm = self
        let value = compile(e)
        return { frame in
            let rhs = try value(frame)
            try vm.compoundAssign(frame.slots(up: b.depth) + b.slot, op, rhs, name: b.name, declared: b.location, at: loc)
            return .normal
        }
    }

    private func compileAssert(_ condition: Expr, _ message: Expr?, _ loc: SourceLocation, _ source: String) -> CompiledBlock {
        unowned(unsafe) let vm = self
        let text = message.map(compile)
        let check: (Frame) throws -> (passed: Bool, notes: [String])
        if case .binary(let op, let l, let r, let opLoc) = condition {
            // Both sides are evaluated once and shown when the assert fails.
            let a = compile(l), b = compile(r)
            check = { frame in
                let left = try a(frame), right = try b(frame)
                let passed = try vm.located(opLoc) { try Operators.apply(op, left, right) }.isTruthy
                return (passed, passed ? [] : ["left:  \(left.display)", "right: \(right.display)"])
            }
        } else {
            let c = compile(condition)
            check = { frame in (try c(frame).isTruthy, []) }
        }
        return { frame in
            let (passed, notes) = try check(frame)
            if passed {
                vm.assertionPassed(at: loc, source: source)
                return .normal
            }
            try vm.assertionFailed(at: loc, source: source, message: try text?(frame), notes: notes)
            return .normal
        }
    }
}

/// What both engines do for the statements that write in place and for `assert`.
extension Interpreter {
    /// `x^k... = value`: the collection is taken out of its variable while it is written, so that
    /// it is uniquely owned and the write does not copy it.
    func writeChild(_ slot: UnsafeMutablePointer<Value?>, name: String, declared: SourceLocation,
                    keys: [Value], value: Value, at loc: SourceLocation?) throws {
        guard var container = slot.pointee else { throw unassigned(name, declared) }
        slot.pointee = nil
        defer { slot.pointee = container }
        try located(loc) { try ChildAccess.write(&container, keys: keys[...], value: value) }
    }

    /// `x op= rhs`. Appending in place keeps `items += [x]` and `text += s` linear over a loop.
    /// No tuple is switched on here: a tuple would hold a second reference and force a copy.
    func compoundAssign(_ slot: UnsafeMutablePointer<Value?>, _ op: BinaryOperator, _ rhs: Value,
                        name: String, declared: SourceLocation, at loc: SourceLocation?) throws {
        guard var current = slot.pointee else { throw unassigned(name, declared) }
        slot.pointee = nil
        defer { slot.pointee = current }
        if op == .add {
            if case .int(let x) = current, case .int(let y) = rhs {
                let (sum, overflow) = x.addingReportingOverflow(y)
                if !overflow {   // an overflow takes the general route, which reports it
                    current = .int(sum)
                    return
                }
            } else if case .string(var text) = current, case .string(let more) = rhs {
                let bytes = text.utf8.count + more.utf8.count
                if bytes > SizeLimits.maximumStringBytes { try located(loc) { try SizeLimits.checkString(bytes: bytes) } }
                current = .null
                text += more
                current = .string(text)
                return
            } else if case .list(var items) = current, case .list(let more) = rhs {
                let count = items.count + more.count
                if count > SizeLimits.maximumListCount { try located(loc) { try SizeLimits.checkList(count: count) } }
                current = .null
                items.append(contentsOf: more)
                current = .list(items)
                return
            }
        }
        current = try located(loc) { try Operators.apply(op, current, rhs) }
    }

    func assertionPassed(at loc: SourceLocation, source: String) {
        assertionsPassed += 1
        if continueAfterFailedAssert {
            assertionResults.append(AssertionResult(location: loc, source: source, failure: nil))
        }
    }

    /// A failed assert: thrown, or in test mode recorded so that the run goes on.
    func assertionFailed(at loc: SourceLocation, source: String, message: Value?, notes: [String]) throws {
        var described = source
        if let message { described = message.display + " (" + source + ")" }
        let failure = ScriptError(.assertion, described, at: loc, notes: notes)
        guard continueAfterFailedAssert else { throw failure }
        assertionResults.append(AssertionResult(location: loc, source: source, failure: failure))
    }

    /// Runs `auth`, with `auth profile NAME` turned into its options.
    func authenticate(_ given: Value?, profile: Bool, at loc: SourceLocation) throws {
        guard let performer else { throw noConnection(loc) }
        var options = given
        if profile, let name = options { options = .object(HaloObject([("profile", name)])) }
        try located(loc) { try blocking { try performer.authenticate(options) } }
    }
}
