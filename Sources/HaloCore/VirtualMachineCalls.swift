/// Calls in the bytecode VM. A call of a leaf function (one that defines no function) takes the
/// next window of the thread's value stack for its registers and gives it back when it returns:
/// no allocation, and the arguments are moved, not copied. A function that defines closures gets
/// a heap `Frame` instead, which the closures keep (see `BytecodeFunction`). A leaf function's
/// call of itself takes its window in the same way, after a link, inside the running dispatch loop.
extension Interpreter {
    /// Why a call of `function` with `count` arguments cannot start, checked before its arguments
    /// are evaluated, so a call that cannot start has no side effects.
    @inline(__always)
    func checkCall(_ function: BytecodeFunction, _ count: Int, at loc: SourceLocation?) throws {
        guard count >= function.minimumArguments, count <= function.maximumArguments, callDepth < maxCallDepth else {
            throw cannotCall(function, count, at: loc)
        }
    }

    /// Runs a checked call: `arguments` initialises the first `count` registers of the callee.
    @inline(__always)
    func invoke(_ closure: BytecodeClosure, _ count: Int, at loc: SourceLocation?,
                _ arguments: (UnsafeMutablePointer<Value?>) -> Void) throws -> Value {
        let function = closure.function
        let size = function.registerCount
        callDepth += 1
        defer { callDepth -= 1 }
        guard function.isLeaf else {
            let frame = Frame(size: size, parent: closure.captured)
            frame.slots.deinitialize(count: count)
            arguments(frame.slots)
            do {
                return try execute(function, frame.slots, frame, argc: count)
            } catch {
                throw leaving(function, error, calledAt: loc)
            }
        }
        // The thread's stack outlives the call (ThreadState keeps it while another thread runs).
        unowned(unsafe) let stack = valueStack
        let base = stack.top
        guard stack.end - base >= size else { throw stackFull(function, at: loc) }
        arguments(base)
        for k in count..<size { (base + k).initialize(to: nil) }
        stack.top = base + size
        defer {
            release(base, size)
            stack.top = base
        }
        do {
            return try execute(function, base, closure.captured, argc: count)
        } catch {
            throw leaving(function, error, calledAt: loc)
        }
    }

    @inline(never)
    private func cannotCall(_ function: BytecodeFunction, _ count: Int, at loc: SourceLocation?) -> ScriptError {
        callError(function.decl!, count, at: loc)
    }

    @inline(never)
    func stackFull(_ function: BytecodeFunction, at loc: SourceLocation?) -> ScriptError {
        ScriptError(.runtime, "too many nested calls (\(callDepth)) in \(function.name)(): the value stack is full", at: loc)
    }

    /// An error leaving a function, with the call site added to its call chain.
    @inline(never)
    func leaving(_ function: BytecodeFunction, _ error: any Error, calledAt loc: SourceLocation?) -> any Error {
        annotated(error, in: function.name, calledAt: loc)
    }

    /// The call the `call` instruction makes: the arguments are moved out of the caller's registers.
    @inline(__always)
    func invoke(_ closure: BytecodeClosure, _ arguments: UnsafeMutablePointer<Value?>, _ count: Int,
                at loc: SourceLocation?) throws -> Value {
        try invoke(closure, count, at: loc) { slots in
            // A loop, not `moveInitialize`: a call of memmove for one or two arguments cost more.
            for k in 0..<count { (slots + k).initialize(to: (arguments + k).take()) }
        }
    }

    /// Starts a leaf function's call of itself inside the running dispatch loop, without the Swift
    /// call of `execute` that `invoke` makes: the callee's registers go on the value stack after a
    /// link of two ints (where to return to, and the caller's argument count). Returns the callee's
    /// registers. The caller's registers end where the stack's top is. Out of line: inlined, it
    /// cost the dispatch loop's register allocation 4 instructions on every iteration of a loop.
    @inline(never)
    func enterOwnCall(_ f: BytecodeFunction, from R: UnsafeMutablePointer<Value?>, arguments: UnsafeMutablePointer<Value?>,
                      _ count: Int, returningTo pc: Int, argc: Int) throws -> UnsafeMutablePointer<Value?> {
        unowned(unsafe) let stack = valueStack
        let size = f.registerCount, link = stack.top
        assert(link == R + size, "the caller's registers are not the stack's top")
        // Compared as pointers: their distance in registers would be a division by the stride.
        guard link + size + 2 <= stack.end else {
            // Counted as `invoke` counts it, with the call that did not fit.
            callDepth += 1
            defer { callDepth -= 1 }
            throw stackFull(f, at: f.locations[pc - 1])
        }
        link.initialize(to: .int(pc))
        (link + 1).initialize(to: .int(argc))
        let callee = link + 2
        for k in 0..<count { (callee + k).initialize(to: (arguments + k).take()) }
        for k in count..<size { (callee + k).initialize(to: nil) }
        stack.top = callee + size
        callDepth += 1
        return callee
    }

    /// Ends a call `enterOwnCall` started: empties the callee's registers and gives the stack back.
    /// Returns the caller's registers, where it resumes and its argument count.
    @inline(__always)
    func leaveOwnCall(_ f: BytecodeFunction, _ R: UnsafeMutablePointer<Value?>) -> (UnsafeMutablePointer<Value?>, Int, Int) {
        let size = f.registerCount, link = R - 2
        release(R, size)
        let resume = intPayload(link), argc = intPayload(link + 1)
        valueStack.top = link
        callDepth -= 1
        return (link - size, resume, argc)
    }

    /// Runs a module's (or the main program's) top level on its frame, which holds its variables
    /// and, after them, its temporaries; those are emptied afterwards. Returns the `last` register.
    func runTopLevel(_ program: BytecodeFunction, on frame: Frame, last: Int32?) throws -> Value? {
        frame.grow(to: program.registerCount)
        defer {
            for i in program.variableCount..<program.registerCount { frame.slots[i] = nil }
        }
        _ = try execute(program, frame.slots, frame, argc: 0)
        return last.flatMap { frame.slots[Int($0)] }
    }
}

/// Empties `count` registers. A register holding no reference needs nothing done, which the
/// generic `deinitialize(count:)` does not know (it called a value witness per register).
@inline(__always)
func release(_ registers: UnsafeMutablePointer<Value?>, _ count: Int) {
    for k in 0..<count {
        switch registers[k] {
        case .none, .some(.null), .some(.bool), .some(.int), .some(.double): break
        default: (registers + k).deinitialize(count: 1)
        }
    }
}

/// The registers of the bytecode functions one thread is in: one contiguous buffer, a window per
/// call. Its pages are touched only as deep as calls go.
final class ValueStack {
    let base: UnsafeMutablePointer<Value?>
    let end: UnsafeMutablePointer<Value?>
    var top: UnsafeMutablePointer<Value?>

    /// 4 M registers (96 MB of address space, touched only as deep as calls go): 10,000 nested
    /// calls of 400 registers each, and the two-register links of a function's calls of itself.
    init(capacity: Int = (4 << 20) + 2 * 10_000) {
        base = .allocate(capacity: capacity)
        end = base + capacity
        top = base
    }

    deinit { base.deallocate() }
}
