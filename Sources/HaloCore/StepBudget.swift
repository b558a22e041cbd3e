/// A cap on the work a run may do, for programs nobody vetted (the fuzzer runs generated ones):
/// without it `while true {}` never ends. Each loop iteration and each script function call
/// spends one step. The compiler emits the check (a `step` instruction) only when a budget is
/// set, so an ordinary run pays nothing for it.
final class StepBudget {
    let limit: Int
    var left: Int

    init(_ limit: Int) {
        self.limit = limit
        self.left = limit
    }

    /// One step; a spent budget is a usage error, which `try`/`catch` does not catch.
    func spend() throws {
        guard left > 0 else { throw spent() }
        left -= 1
    }

    /// Out of line: inlined into the VM's dispatch loop, the message's pieces were set up on entry
    /// to every script call (7 of a call's instructions), budget or not.
    @inline(never)
    private func spent() -> ScriptError {
        ScriptError(.usage, "the step budget (\(limit) loop iterations and calls) is spent")
    }
}
