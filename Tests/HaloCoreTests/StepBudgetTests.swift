import Testing
@testable import HaloCore

/// `InterpreterOptions.stepBudget`: what lets the fuzzer run generated programs that never end.
@Suite struct StepBudgetTests {
    /// Runs `source` with `budget` steps and returns the error it ends with, or nil.
    private func budgetError(_ source: String, budget: Int?) -> ScriptError? {
        var options = InterpreterOptions()
        options.output = { _ in }
        options.stepBudget = budget
        do {
            try Interpreter(options).run(source: source, file: "test.halo")
            return nil
        } catch {
            return error as? ScriptError ?? ScriptError(.runtime, "unexpected \(error)")
        }
    }

    @Test func anEndlessLoopStopsWhenTheBudgetIsSpent() {
        let error = budgetError("while true {}", budget: 1000)
        #expect(error?.kind == .usage)
        #expect(error?.message.contains("step budget (1000") == true)
    }

    @Test func catchDoesNotCatchASpentBudget() {
        #expect(budgetError("while true { try { while true {} } catch { } }", budget: 100)?.kind == .usage)
    }

    @Test func callsSpendSteps() {
        let recursion = "fn f(n) { if n == 0 { return 0 }\n return f(n - 1) + f(n - 1) }\nf(30)"
        #expect(budgetError(recursion, budget: 500)?.kind == .usage)
    }

    @Test func forLoopsOverRangesAndListsSpendSteps() {
        #expect(budgetError("for i in range(100) {}", budget: 99)?.kind == .usage)
        #expect(budgetError("for i in range(100) {}", budget: 100) == nil)
        #expect(budgetError("for x in [1, 2, 3] {}", budget: 2)?.kind == .usage)
    }

    @Test func withoutABudgetNothingChanges() {
        #expect(budgetError("s = 0\nfor i in range(100000) { s += i }\nassert s == 4999950000", budget: nil) == nil)
    }
}
