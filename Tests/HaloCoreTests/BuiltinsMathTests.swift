import Testing
@testable import HaloCore

@Test func sumKeepsIntsInt() throws {
    let c = TestContext()
    guard case .int(6) = try c.run("sum", j("[1,2,3]")) else { Issue.record("int sum"); return }
    guard case .double(3.5) = try c.run("sum", j("[1,2.5]")) else { Issue.record("double sum"); return }
    #expect(try c.run("sum", j("[]")) == .int(0))
    #expect(errorMessage { try c.run("sum", j(#"[1,"2"]"#)) } == "sum() expects a list of numbers, got string at index 1")
}

@Test func minAndMaxOfAListOrArguments() throws {
    let c = TestContext()
    #expect(try c.run("min", j("[3,1.5,2]")) == .double(1.5))
    #expect(try c.run("max", .int(3), .int(9), .int(2)) == .int(9))
    #expect(try c.run("max", j(#"["a","c","b"]"#)) == .string("c"))
    #expect(errorMessage { try c.run("min", j("[]")) } == "min() of an empty list")
    #expect(errorMessage { try c.run("max", j(#"[1,"a"]"#)) } == "cannot compare string with number")
}

@Test func roundHalfAwayFromZeroToDigits() throws {
    let c = TestContext()
    guard case .int(3) = try c.run("round", .double(2.5)) else { Issue.record("2.5"); return }
    #expect(try c.run("round", .double(-2.5)) == .int(-3))
    #expect(try c.run("round", .double(3.14159), .int(2)) == .double(3.14))
    #expect(try c.run("round", .int(1234), .int(-2)) == .int(1200))
    #expect(errorMessage { try c.run("round", .string("1")) } == "round() expects a number, got string")
}

@Test func absFloorCeilSqrt() throws {
    let c = TestContext()
    #expect(try c.run("abs", .int(-4)) == .int(4))
    #expect(try c.run("abs", .double(-1.5)) == .double(1.5))
    #expect(try c.run("floor", .double(-1.5)) == .int(-2))
    #expect(try c.run("ceil", .double(1.2)) == .int(2))
    #expect(try c.run("sqrt", .int(9)) == .int(3))
    #expect(errorMessage { try c.run("sqrt", .int(-1)) } == "sqrt() cannot take the square root of a negative number")
}

@Test func randomStaysInRange() throws {
    let c = TestContext()
    for _ in 0..<50 {
        let fraction = try c.run("random").numberValue ?? -1
        #expect(fraction >= 0 && fraction < 1)
        guard case .int(let n) = try c.run("random", .int(3)) else { Issue.record("not an int"); return }
        #expect((0..<3).contains(n))
    }
    #expect(errorMessage { try c.run("random", .int(0)) } == "random() expects a positive whole number, got 0")
}
