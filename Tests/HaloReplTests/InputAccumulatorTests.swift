import Testing
@testable import HaloRepl

@Test func unclosedBracketsAndTrailingOperatorsContinue() {
    #expect(InputAccumulator.needsMore("if x {"))
    #expect(InputAccumulator.needsMore("items = [1,"))
    #expect(InputAccumulator.needsMore("len("))
    #expect(InputAccumulator.needsMore("total = 1 +"))
    #expect(InputAccumulator.needsMore("ok = a and"))
    #expect(InputAccumulator.needsMore("name = \"unfinished"))
    #expect(!InputAccumulator.needsMore("x = 1"))
    #expect(!InputAccumulator.needsMore("print \"{ ( [\"  # { not code"))
    #expect(!InputAccumulator.needsMore("get /api/client"))
    #expect(!InputAccumulator.needsMore("x = )"))   // an error to show, not a reason to wait
}

@Test func accumulatorReturnsTheWholeEntryOnceComplete() {
    var input = InputAccumulator()
    #expect(input.add("for c in [1, 2] {") == nil)
    #expect(input.isContinuing)
    #expect(input.add("  print c") == nil)
    #expect(input.add("}") == "for c in [1, 2] {\n  print c\n}")
    #expect(!input.isContinuing)
}
