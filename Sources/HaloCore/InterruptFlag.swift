import Synchronization

/// Ctrl-C for running code: the REPL's signal handler raises it, and loops and `sleep` look at it
/// (a relaxed load per iteration), so a runaway loop stops and the session keeps its variables.
public final class InterruptFlag: Sendable {
    /// The one the REPL's SIGINT handler raises; touch it before installing the handler, so that the
    /// handler never runs its lazy initialisation.
    public static let shared = InterruptFlag()

    private let raised = Atomic<Bool>(false)

    public init() {}

    /// Async-signal-safe: a lock-free store.
    public func raise() { raised.store(true, ordering: .relaxed) }

    /// True once per raise: reading clears it.
    public func take() -> Bool { raised.exchange(false, ordering: .relaxed) }

    @inline(__always)
    var isRaised: Bool { raised.load(ordering: .relaxed) }

    /// The error that unwinds running code; `try` does not catch it. Inlined, so that a loop's
    /// check is a load and a branch (a call of it was a tenth of the VM's counting-loop iteration).
    @inline(__always)
    func check() throws {
        if isRaised { throw interrupted() }
    }

    @inline(never)
    private func interrupted() -> ScriptError {
        ScriptError(.interrupted, "interrupted")
    }
}
