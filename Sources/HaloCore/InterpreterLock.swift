import Foundation

/// The lock that lets the threads of a fan-out (`pmap`) share one interpreter: only the thread
/// holding it runs interpreter code, and a thread lets it go only while it waits for a request or a
/// `sleep` (`Interpreter.blocking`). The interpreter's tables (frames and their pools, module
/// states, counters, the step budget) were written for one thread; under this lock they still see
/// one thread at a time, and its acquire and release order each holder's writes before the next
/// holder's reads.
///
/// A run that never calls `pmap` makes no lock and takes none; one exists only while a fan-out
/// with more than one thread runs.
///
/// `@unchecked Sendable`: `spareThreads` is only touched by the thread holding the lock.
final class InterpreterLock: @unchecked Sendable {
    private let condition = NSCondition()
    /// Threads that fan-outs may still start: the performer's width less the threads running.
    /// Only the holder touches it.
    private var spareThreads: Int

    /// `width` threads in all may interpret: the one that makes the lock and `width - 1` more.
    init(width: Int) {
        spareThreads = width - 1
    }

    func acquire() { condition.lock() }

    func release() { condition.unlock() }

    /// Up to `wanted` more threads for a fan-out, from those still spare; nested fan-outs share them.
    func reserveThreads(_ wanted: Int) -> Int {
        let granted = max(0, min(wanted, spareThreads))
        spareThreads -= granted
        return granted
    }

    func returnThreads(_ count: Int) {
        spareThreads += count
    }

    /// Lets the lock go until `done` holds; holders re-check when another thread calls `broadcast`.
    func wait(until done: () -> Bool) {
        while !done() { condition.wait() }
    }

    func broadcast() {
        condition.broadcast()
    }
}
