/// A cap on the work a run may do, for programs nobody vetted (the fuzzer runs generated ones):
/// without it `while true {}` never ends. Each loop iteration and each script function call
/// spends one step. The check is wrapped around loop bodies and function bodies when they are
/// compiled, and only when a budget is set, so an ordinary run pays nothing for it.
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

extension Interpreter {
    /// `block`, spending one step per run when a budget is set. A spent budget is a usage error,
    /// which `try`/`catch` does not catch, so a script cannot loop on it.
    func budgeted(_ block: @escaping CompiledBlock) -> CompiledBlock {
        guard let budget = stepBudget else { return block }
        return { frame in
            try budget.spend()
            return try block(frame)
        }
    }
}
