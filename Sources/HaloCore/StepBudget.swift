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
        guard left > 0 else {
            throw ScriptError(.usage, "the step budget (\(limit) loop iterations and calls) is spent")
        }
        left -= 1
    }
}
