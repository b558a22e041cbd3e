#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM in batch mode (a runbook from a file, `-e` or stdin; never the REPL, which
/// has its own Ctrl-C handling in `HaloRepl.Interrupt`): the run stops at once with 130 or 143,
/// the shell's 128 + signal. When a POST or DELETE was in flight the message names it and says it
/// may or may not have been applied, so nobody reruns a create blindly. The handler only reads
/// preallocated memory, calls `write` and `_exit`: all async-signal-safe.
enum BatchInterrupt {
    static func install() {
        InFlightWrite.prepare()
        for signal in [SIGINT, SIGTERM] {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { BatchInterrupt.handle($0) }
            #else
            action.__sigaction_u.__sa_handler = { BatchInterrupt.handle($0) }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
        // A parent (a test runner, a supervisor) may have blocked them, and children inherit that.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    private static func handle(_ signal: Int32) {
        let name: StaticString = signal == SIGTERM ? "\nhalo: terminated (SIGTERM)" : "\nhalo: interrupted (SIGINT)"
        emit(name)
        var wrote = false
        InFlightWrite.forEach { bytes, count in
            emit(wrote ? "\nhalo: and while " : " while ")
            _ = write(STDERR_FILENO, bytes, count)
            emit(" was in flight: it may or may not have been applied; check in Halo before running it again")
            wrote = true
        }
        if !wrote { emit("; no write was in flight") }
        emit("\n")
        _exit(128 + signal)
    }

    private static func emit(_ text: StaticString) {
        _ = write(STDERR_FILENO, text.utf8Start, text.utf8CodeUnitCount)
    }
}
