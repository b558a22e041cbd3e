#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HaloCore
import Synchronization

/// Ctrl-C in the REPL: a flag, never the default "terminate the process".
///
/// While a line is being read, libedit forwards SIGINT to this handler and `readline` returns with
/// nothing read; the REPL then drops the line. While code runs, the flag makes the running request
/// give up (see `RequestMonitor`), and `InterruptFlag.shared` stops loops and `sleep` (the
/// interpreter's flag). A second Ctrl-C while code is still running (a long built-in such as a sort
/// of millions of rows, which checks no flag) ends the process, as nothing else could stop it.
public enum Interrupt {
    static let requested = Atomic<Bool>(false)
    static let evaluating = Atomic<Bool>(false)
    /// The REPL's thread. The kernel hands a process's SIGINT to any thread (the sandbox's, say),
    /// and only a signal on this thread interrupts the read that waits for keys.
    static let replThread = Atomic<UInt>(0)

    /// Installs the handler, without SA_RESTART so a blocking read returns; call it on the REPL's thread.
    public static func install() {
        _ = InterruptFlag.shared   // initialised here, never first in the handler
        replThread.store(currentThread(), ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            let target = Interrupt.replThread.load(ordering: .relaxed)
            if target != 0, Interrupt.currentThread() != target {
                Interrupt.forward(to: target)
                return
            }
            if Interrupt.evaluating.load(ordering: .relaxed), Interrupt.requested.load(ordering: .relaxed) {
                let message: StaticString = "\nhalo: interrupted twice, quitting\n"
                _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
                _exit(130)
            }
            Interrupt.requested.store(true, ordering: .relaxed)
            InterruptFlag.shared.raise()
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent (a test runner, a supervisor) may have blocked SIGINT, and children inherit that.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
    }

    #if os(Linux)
    private static func currentThread() -> UInt { pthread_self() }
    private static func forward(to thread: UInt) { pthread_kill(thread, SIGINT) }
    #else
    private static func currentThread() -> UInt { UInt(bitPattern: pthread_self()) }
    private static func forward(to thread: UInt) {
        if let t = pthread_t(bitPattern: thread) { pthread_kill(t, SIGINT) }
    }
    #endif

    /// True once per Ctrl-C: reading clears the flag.
    public static func take() -> Bool {
        requested.exchange(false, ordering: .relaxed)
    }

    /// Marks code as running (a second Ctrl-C then quits) for the duration of `body`.
    static func whileEvaluating<T>(_ body: () throws -> T) rethrows -> T {
        _ = take()
        _ = InterruptFlag.shared.take()
        evaluating.store(true, ordering: .relaxed)
        defer { evaluating.store(false, ordering: .relaxed) }
        return try body()
    }
}
