import Testing
@testable import HaloCore

/// What the bytecode VM must get right beyond the language tests (which run on it): the places
/// where a register machine could differ from the closure-tree engine it replaced, which each
/// expectation here was checked against while both engines existed.
@Suite struct BytecodeVMTests {
    private func interpreter(_ sink: OutputLines, stepBudget: Int? = nil) -> Interpreter {
        var options = InterpreterOptions()
        options.output = { sink.lines.append($0) }
        options.maxCallDepth = 200
        options.stepBudget = stepBudget
        return Interpreter(options)
    }

    private func lines(_ source: String) throws -> [String] {
        let sink = OutputLines()
        try interpreter(sink).run(source: source, file: "vm.halo")
        return sink.lines
    }

    private func failure(_ source: String, stepBudget: Int? = nil) -> String? {
        let sink = OutputLines()
        do {
            try interpreter(sink, stepBudget: stepBudget).run(source: source, file: "vm.halo")
            return nil
        } catch let error as ScriptError {
            return located(error)
        } catch {
            return "\(error)"
        }
    }

    /// A call borrows the function from the callee's register, not from the variable it was read
    /// from: a function that drops the variable's reference to itself keeps running, with the
    /// variables it captured.
    @Test func aFunctionThatDropsTheLastVariableHoldingItKeepsRunning() throws {
        let source = """
        keep = null
        fn make() {
          x = 41
          return fn(n) {
            keep = null
            filler = [i * 2 for i in range(0, 100)]
            return x + n + len(filler) - 100
          }
        }
        keep = make()
        print keep(1)
        print keep
        local = make()
        print local(2)
        """
        #expect(try lines(source) == ["42", "null", "43"])
    }

    /// A leaf function's calls of itself run inside one dispatch loop. An error unwinds them one by
    /// one, each adding its call site to the chain, and the innermost `try` on the way catches it.
    @Test func anErrorInACallOfItselfIsCaughtByTheNearestTryOnTheWayOut() throws {
        let source = """
        fn down(n) {
          if n == 0 { fail "bottom" }
          if n == 3 {
            try { return down(n - 1) } catch e { return "caught at 3: <<e^message>>" }
          }
          return down(n - 1)
        }
        print down(6)
        """
        #expect(try lines(source) == ["caught at 3: bottom"])
        let uncaught = "fn down(n) {\n  if n == 0 { fail \"bottom\" }\n  return down(n - 1)\n}\nprint down(2)"
        do {
            try interpreter(OutputLines()).run(source: uncaught, file: "vm.halo")
            Issue.record("no error")
        } catch let error as ScriptError {
            #expect(located(error) == "2:15: bottom")
            #expect(error.notes == ["in down() called at vm.halo:3:10", "in down() called at vm.halo:3:10",
                                    "in down() called at vm.halo:5:7"])
        }
    }

    /// A function calling itself by name calls the function the name held when the call began,
    /// even if the name is reassigned while the arguments run; the next call reads the new value.
    @Test func aCallOfItselfUsesTheFunctionTheNameHeldWhenTheCallBegan() throws {
        let source = """
        fn g() {
          f = null
          return 0
        }
        fn f(n) {
          if n == 0 { return "done" }
          return f(n - 1 + g())
        }
        print f(3)
        """
        do {
            try interpreter(OutputLines()).run(source: source, file: "vm.halo")
            Issue.record("no error")
        } catch let error as ScriptError {
            #expect(located(error) == "7:10: cannot call null: it is not a function")
            #expect(error.notes == ["in f() called at vm.halo:7:10", "in f() called at vm.halo:9:7"])
        }
    }

    /// A call of itself in a default argument returns to the caller's own argument count, which
    /// decides the defaults that follow.
    @Test func aCallOfItselfInADefaultArgumentKeepsTheCallersArgumentCount() throws {
        let source = """
        fn f(n, a = f(0, 5), b = 7) {
          if n == 0 { return a }
          return a + b
        }
        print f(1)
        print f(1, 2)
        print f(1, 2, 3)
        """
        #expect(try lines(source) == ["12", "9", "5"])
    }

    /// The VM counts down how many numbers a range has left; it must stop where comparing with the
    /// end would, at the largest ints and with negative or uneven steps.
    @Test func aRangeLoopStopsExactlyAtItsEnd() throws {
        let source = """
        big = 9223372036854775807
        for i in range(big - 3, big) { print i }
        for i in range(-big, -big + 5, 2) { print i }
        for i in range(5, -5, -3) { print i }
        for i in range(big - 1, big - 8, -big) { print i }
        n = 0
        for i in range(10, 0) { n += 1 }
        print n
        """
        #expect(try lines(source) == [
            "9223372036854775804", "9223372036854775805", "9223372036854775806",
            "-9223372036854775807", "-9223372036854775805", "-9223372036854775803",
            "5", "2", "-1", "-4",
            "9223372036854775806",
            "0",
        ])
    }

    @Test func anOperandReadBeforeACallKeepsItsValue() throws {
        let source = """
        x = 1
        fn bump() { x = 10; return 0 }
        print x + bump(), x
        """
        #expect(try lines(source) == ["1 10"])
    }

    @Test func aCallWithTheWrongArgumentCountRunsNoArgument() throws {
        let source = """
        fn f(a) { return a }
        seen = []
        fn note() { seen += [1]; return 1 }
        try { f(note(), note()) } catch e { print e^message }
        print len(seen)
        """
        #expect(try lines(source) == ["f() takes 1 argument, got 2", "0"])
    }

    @Test func recursionPastTheLimitFailsAndLaterCallsStillWork() throws {
        let source = """
        fn down(n) { return down(n + 1) }
        fn add(a, b) { return a + b }
        try { down(0) } catch e { print e^message }
        print add(2, 3)
        """
        #expect(try lines(source) == [
            "too many nested calls (200) in down(): is the recursion missing a base case?", "5",
        ])
    }

    @Test func breakingOutOfATryEndsItsCatch() {
        let source = """
        for i in range(3) { try { if i == 1 { break } } catch e { print "caught" } }
        fail "after the loop"
        """
        #expect(failure(source) == "2:1: after the loop")
    }

    @Test func closuresKeepTheVariablesOfTheCallThatMadeThem() throws {
        let source = """
        fn counter() {
            count = 0
            fn next() { count += 1; return count }
            return next
        }
        a = counter()
        b = counter()
        a()
        a()
        print a(), b()
        """
        #expect(try lines(source) == ["3 1"])
    }

    @Test func anErrorInsideACallNamesTheCallChain() {
        let sink = OutputLines()
        let source = """
        fn inner(x) { return x^a + 1 }
        fn outer(x) { return inner(x) }
        outer({a: "text"})
        """
        do {
            try interpreter(sink).run(source: source, file: "vm.halo")
            Issue.record("expected an error")
        } catch let error as ScriptError {
            #expect(located(error)?.hasPrefix("1:26: cannot add string and number") == true)
            #expect(error.notes == ["in inner() called at vm.halo:2:22", "in outer() called at vm.halo:3:1"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aReplEntrySeesEarlierVariablesAndNoLeftoverValues() throws {
        let sink = OutputLines()
        let vm = interpreter(sink)
        let first = try vm.run(source: "items = [1, 2]\nlen(items) + 1", file: "<repl>")
        #expect(first == .int(3))
        let second = try vm.run(source: "print items", file: "<repl>")
        #expect(second == nil)
        #expect(sink.lines == ["[1,2]"])
        #expect(throws: ScriptError.self) { try vm.run(source: "print fresh\nfresh = 1", file: "<repl>") }
    }

    @Test func theStepBudgetCountsLoopIterationsAndCalls() {
        let source = """
        total = 0
        for i in range(10) { total += len([x for x in range(5)]) }
        print total
        while true {}
        """
        #expect(failure(source, stepBudget: 100)
                == "0:0: the step budget (100 loop iterations and calls) is spent")
    }
}
