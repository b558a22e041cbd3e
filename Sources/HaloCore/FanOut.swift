import Foundation

/// One `pmap` call: items handed out in input order to the threads working on it, results kept in
/// input order, and the first failure, which stops the rest. Only the thread holding the
/// interpreter lock touches it (or, with no lock, the one thread there is).
///
/// The calling thread works on items too, and up to `maxConcurrency - 1` more threads join it
/// (fewer inside a nested fan-out, which shares the width with its parent). Items are never
/// retried: each runs at most once, so a write inside one is sent at most once.
final class FanOut {
    /// nil when the items run one after another on the calling thread.
    let lock: InterpreterLock?
    /// The fan-out whose item called this one; its failure stops this one too.
    let parent: FanOut?
    let items: [Value]
    let function: Value
    /// Where `pmap` was called, for the call chain of an item's error.
    let location: SourceLocation?
    /// The caller's call depth: each thread starts from it, as a call made there would.
    let callDepth: Int
    private(set) var results: [Value]
    private var next = 0
    /// The first error an item threw, with a note naming the item.
    private(set) var failure: (any Error)?
    /// Threads other than the caller still working on it.
    var helpersRunning = 0

    init(items: [Value], function: Value, location: SourceLocation?, lock: InterpreterLock?,
         parent: FanOut?, callDepth: Int) {
        self.items = items
        self.function = function
        self.location = location
        self.lock = lock
        self.parent = parent
        self.callDepth = callDepth
        self.results = Array(repeating: .null, count: items.count)
    }

    /// True once an item of this fan-out, or of one it runs inside, has failed.
    var isCancelled: Bool {
        failure != nil || parent?.isCancelled == true
    }

    /// Unwinds an item that was running when the fan-out was cancelled; its result is dropped.
    /// `try` does not catch it (an item's `catch` must not run requests after the fan-out stopped),
    /// and it never reaches the script: the failure that caused it is what `pmap` throws.
    static let cancellation = ScriptError(.interrupted, "cancelled: another pmap item failed")

    /// Takes items until none is left or the fan-out stops. Every thread of the fan-out runs this
    /// with the lock held; Ctrl-C stops it before the next item.
    func work(_ vm: Interpreter) {
        while !isCancelled, next < items.count {
            let i = next
            next += 1
            do {
                try vm.interrupt.check()
                results[i] = try vm.callValue(function, [items[i]], at: location)
            } catch {
                if failure == nil { failure = Self.noted(error, item: i, of: items) }
            }
        }
    }

    /// `error` with a note naming the item that threw it, after the call chain inside the item:
    /// `in pmap item 17 (value 12345)`, counting from 0 as `^` does.
    static func noted(_ error: any Error, item i: Int, of items: [Value]) -> any Error {
        guard var error = error as? ScriptError,
              error.kind == .runtime || error.kind == .failure || error.kind == .assertion else { return error }
        var value = JSON.write(items[i])
        if value.count > 60 { value = String(value.prefix(57)) + "..." }
        error.notes.append("in pmap item \(i) (value \(value))")
        return error
    }
}

extension Interpreter {
    /// `pmap`: runs `function` on each item, on up to `performer.maxConcurrency` threads that take
    /// turns on this interpreter (see `InterpreterLock`), and returns the results in input order.
    public func fanOut(_ items: [Value], _ function: Value, at location: SourceLocation?) throws -> [Value] {
        let outer = currentFanOut
        let width = performer?.maxConcurrency ?? 1
        // The outermost fan-out with more than one item makes the lock; nested ones share it and
        // the threads it still has spare.
        let makesLock = outer?.lock == nil && width > 1 && items.count > 1
        let lock = makesLock ? InterpreterLock(width: width) : outer?.lock
        let job = FanOut(items: items, function: function, location: location, lock: lock,
                         parent: outer, callDepth: callDepth)
        if makesLock { lock?.acquire() }
        let helpers = lock?.reserveThreads(items.count - 1) ?? 0
        currentFanOut = job
        for _ in 0..<helpers { startHelper(job) }
        job.work(self)
        if let lock, helpers > 0 {
            let mine = threadState
            lock.wait { job.helpersRunning == 0 }
            threadState = mine
            lock.returnThreads(helpers)
        }
        currentFanOut = outer
        if makesLock { lock?.release() }
        if let failure = job.failure { throw failure }
        if job.isCancelled { throw FanOut.cancellation }
        return job.results
    }

    /// Runs `body` (a request, a `sleep`) without the interpreter lock, so that the other threads
    /// of a fan-out run meanwhile. An item whose fan-out has been cancelled sends nothing more, and
    /// the reply of a request that was on its way is dropped. Outside a fan-out: just `body`.
    public func blocking<T>(_ body: () throws -> T) throws -> T {
        guard let job = currentFanOut, let lock = job.lock else { return try body() }
        if job.isCancelled { throw FanOut.cancellation }
        let mine = threadState
        lock.release()
        let outcome = Result { try body() }
        lock.acquire()
        threadState = mine
        if job.isCancelled { throw FanOut.cancellation }
        return try outcome.get()
    }

    /// A thread with the stack the embedder gives its own (`workerStackSize`), not one of GCD's:
    /// a blocked pool thread could starve the sandbox or the client it waits for.
    private func startHelper(_ job: FanOut) {
        job.helpersRunning += 1
        let helper = FanOutHelper(vm: self, job: job)
        let thread = Thread { helper.run() }
        thread.stackSize = workerStackSize
        thread.start()
    }
}

/// What a fan-out's extra thread holds. It lets go of every interpreter object while it still
/// holds the lock, so no reference count of the interpreter's changes on a thread without it.
/// `@unchecked Sendable`: made before the thread starts, then touched only under the lock.
private final class FanOutHelper: @unchecked Sendable {
    private var vm: Interpreter?
    private var job: FanOut?
    private let lock: InterpreterLock?

    init(vm: Interpreter, job: FanOut) {
        self.vm = vm
        self.job = job
        self.lock = job.lock
    }

    func run() {
        lock?.acquire()
        workHoldingTheLock()
        lock?.broadcast()
        lock?.release()
    }

    private func workHoldingTheLock() {
        guard let vm, let job else { return }
        vm.threadState = ThreadState(callDepth: job.callDepth, fanOut: job, valueStack: ValueStack())
        job.work(vm)
        job.helpersRunning -= 1
        self.vm = nil
        self.job = nil
    }
}
