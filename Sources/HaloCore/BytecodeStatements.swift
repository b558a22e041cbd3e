/// Statements compiled to bytecode (see BytecodeCompiler.swift). Loops put their test at the top
/// and a back edge (`loop`, which checks for Ctrl-C) at the bottom; `break` and `continue` are
/// jumps, patched when the loop's end is known. A `try` block is a range of instructions in the
/// function's table of handlers, so jumping out of one needs nothing more.
extension BytecodeCompiler {
    func compile(_ statements: [Stmt]) {
        for statement in statements { compile(statement) }
    }

    func compile(_ statement: Stmt) {
        switch statement {
        case .expression(let e, _):
            scoped { compile(e, into: temporary()) }
        case .assign(let b, let e):
            assign(e, to: b)
        case .assignChild(let b, let keys, let e, let loc):
            scoped {
                let value = temporary()
                compile(e, into: value)
                let base = temporaries(keys.count)
                for (i, key) in keys.enumerated() {
                    let r = base + Int32(i)
                    switch key {
                    case .name(let n): emit(.constant, a: r, b: constant(.string(n)))
                    case .index(let k): compile(.literal(.int(k)), into: r)
                    case .computed(let e): compile(e, into: r)
                    }
                }
                emit(.setChild, a: value, b: base, c: Int32(keys.count),
                     d: extra(.variable(reference(b), name: b.name, b.location)), at: loc)
            }
            if case .register(let r) = reference(b) { assigned.insert(r) }
        case .compound(let b, let op, let e, let loc):
            scoped {
                let firstTemporary = nextRegister
                let value = operand(e)
                let moves = temporaryOperands(value, since: firstTemporary)
                let reference = reference(b)
                let described = extra(.variable(reference, name: b.name, b.location))
                let index = Int32(BinaryOperator.allCases.firstIndex(of: op)!)
                if case .register(let r) = reference {
                    emit(.compound, a: r, b: value, c: index, d: described, moves: moves, at: loc)
                    assigned.insert(r)
                } else {
                    emit(.compoundUpvalue, b: value, c: index, d: described, moves: moves, at: loc)
                }
            }
        case .ifElse(let condition, let then, let otherwise):
            var whenFalse: [Int] = []
            compileCondition(condition, whenFalse: &whenFalse)
            let before = assigned
            compile(then)
            guard let otherwise else {
                patch(whenFalse, to: here)
                assigned = before
                return
            }
            let afterThen = assigned
            let end = emit(.jump)
            patch(whenFalse, to: here)
            assigned = before
            compile(otherwise)
            assigned.formIntersection(afterThen)
            patch(end, to: here)
        case .forIn(let first, let second, let iterable, let body, let loc):
            compileFor(first, second, iterable, body, loc)
        case .whileLoop(let condition, let body):
            let top = here
            var exits: [Int] = []
            compileCondition(condition, whenFalse: &exits)
            let before = assigned
            let targets = LoopTargets()
            loopBody(body, targets)
            let back = here
            emit(.loop, b: top)
            patch(targets.continues, to: back)
            patch(exits + targets.breaks, to: here)
            assigned = before
        case .breakLoop:
            loops.last?.breaks.append(emit(.jump))
        case .continueLoop:
            loops.last?.continues.append(emit(.jump))
        case .function(let b, let decl):
            scoped {
                let t = temporary()
                compile(.function(decl), into: t)
                store(t, to: b)
            }
        case .returnValue(let e, _):
            guard let e else {
                emit(.returnNull)
                return
            }
            scoped { emit(.returnValue, a: operand(e)) }
        case .print(let exprs):
            scoped {
                let base = consecutive(exprs)
                emit(.print, b: base, c: Int32(exprs.count))
            }
        case .assert(let condition, let message, let loc, let source):
            compileAssert(condition, message, loc, source)
        case .fail(let e, let loc):
            scoped { emit(.fail, a: operand(e), at: loc) }
        case .tryCatch(let body, let binding, let handler):
            let errorRegister: Int32 = binding.map { Int32($0.slot) } ?? -1
            let start = here, index = handlers.count
            handlers.append(TryHandler(start: start, end: start, target: start, errorRegister: errorRegister))
            let before = assigned
            compile(body)
            let afterBody = assigned
            handlers[index] = TryHandler(start: start, end: here, target: here + 1, errorRegister: errorRegister)
            let end = emit(.jump)
            assigned = before
            if binding != nil { assigned.insert(errorRegister) }
            compile(handler)
            assigned.formIntersection(afterBody)
            patch(end, to: here)
        case .importModule(let decl):
            emit(.importModule, d: extra(.importDecl(decl)), at: decl.location)
        case .param(let b, let defaultValue):
            let register = Int32(b.slot)
            let described = extra(.param(name: b.name, b.location))
            let given = emit(.param, a: register, d: described)
            if let defaultValue {
                compile(defaultValue, into: register)
            } else {
                emit(.missingParam, d: described)
            }
            patch(given, to: here)
            assigned.insert(register)
        case .auth(let e, let profile, let loc):
            scoped {
                emit(.requireConnection, at: loc)
                var options: Int32 = -1
                if let e {
                    options = temporary()
                    compile(e, into: options)
                }
                emit(.auth, a: options, d: extra(.auth(profile: profile)), at: loc)
            }
        }
    }

    /// A loop's body, with `break` and `continue` going to `targets`; one step of a budget first.
    private func loopBody(_ body: [Stmt], _ targets: LoopTargets) {
        loops.append(targets)
        if interpreter.stepBudget != nil { emit(.step) }
        compile(body)
        loops.removeLast()
    }

    private func compileFor(_ first: Binding, _ second: Binding?, _ iterable: Expr, _ body: [Stmt], _ loc: SourceLocation) {
        let before = assigned
        let targets = LoopTargets()
        let variable = Int32(first.slot)
        scoped {
            let state = temporaries(3)
            // `for i in range(...)` counts without building the list.
            if case .call(.builtin(let f), let args, let callLoc) = iterable, f.name == "range", second == nil {
                let bounds = consecutive(args)
                let prepare = emit(.rangePrepare, a: state, b: bounds, c: Int32(args.count), at: callLoc)
                let top = here
                assigned.insert(variable)
                loopBody(body, targets)
                let next = here
                emit(.rangeLoop, a: state, b: variable, c: top)
                patch(targets.continues, to: next)
                code[prepare].d = extra(.range(variable: variable, exit: here, call: callLoc))
                patch(targets.breaks, to: here)
                return
            }
            compile(iterable, into: state)
            emit(.iterate, a: state, b: state, d: extra(.iteration(loc, pairs: second != nil)), at: loc)
            let top = here
            let next = emit(.iterateNext, a: state, b: variable, d: second.map { UInt16($0.slot + 1) } ?? 0)
            assigned.insert(variable)
            if let second { assigned.insert(Int32(second.slot)) }
            loopBody(body, targets)
            let back = here
            emit(.loop, b: top)
            patch(targets.continues, to: back)
            patch([next] + targets.breaks, to: here)
            releaseWalk(state)
        }
        assigned = before
    }

    private func compileAssert(_ condition: Expr, _ message: Expr?, _ loc: SourceLocation, _ source: String) {
        scoped {
            let left = temporary(), right = temporary()
            var comparison: (BinaryOperator, SourceLocation)?
            if case .binary(let op, let l, let r, let opLoc) = condition {
                // Both sides are evaluated once and shown when the assert fails.
                compile(l, into: left)
                compile(r, into: right)
                comparison = (op, opLoc)
            } else {
                compile(condition, into: left)
            }
            let described = extra(.assertion(source: source, comparison: comparison))
            let check = emit(.assertCheck, b: left, c: right, d: described, at: loc)
            var text: Int32 = -1
            if let message {
                text = temporary()
                let before = assigned
                compile(message, into: text)
                assigned = before
            }
            emit(.assertFail, a: text, b: left, c: right, d: described, at: loc)
            code[check].a = here
        }
    }
}
