import Testing
@testable import HaloCore

@Test func upperLowerTrim() throws {
    let c = TestContext()
    #expect(try c.run("upper", .string("abé")) == .string("ABÉ"))
    #expect(try c.run("lower", .string("ABC")) == .string("abc"))
    #expect(try c.run("trim", .string(" \t a b \n")) == .string("a b"))
    #expect(try c.run("trim", .string("   ")) == .string(""))
}

@Test func textFunctionsNameTheExpectedType() {
    let c = TestContext()
    #expect(errorMessage { try c.run("upper", .int(1)) } == "upper() expects a string, got number")
    #expect(errorMessage { try c.run("split", .string("a"), .int(1)) } == "split() expects a string as argument 2, got number")
}

@Test func splitAtSeparatorKeepsEmptyFields() throws {
    let c = TestContext()
    #expect(try c.run("split", .string("a,b"), .string(",")) == j(#"["a","b"]"#))
    #expect(try c.run("split", .string(",a,,"), .string(",")) == j(#"["","a","",""]"#))
    #expect(try c.run("split", .string("a::b"), .string("::")) == j(#"["a","b"]"#))
}

@Test func splitWithoutSeparatorSplitsOnWhitespace() throws {
    let c = TestContext()
    #expect(try c.run("split", .string("  a \t b\nc ")) == j(#"["a","b","c"]"#))
}

@Test func splitWithEmptySeparatorGivesCharacters() throws {
    let c = TestContext()
    #expect(try c.run("split", .string("né"), .string("")) == j(#"["n","é"]"#))
}

@Test func joinDisplaysElements() throws {
    let c = TestContext()
    #expect(try c.run("join", j(#"["a",1,null,[2]]"#), .string(", ")) == .string("a, 1, null, [2]"))
    #expect(try c.run("join", j(#"["a","b"]"#)) == .string("ab"))
    #expect(errorMessage { try c.run("join", .string("ab"), .string(",")) } == "join() expects a list, got string")
}

@Test func replaceReplacesEveryOccurrence() throws {
    let c = TestContext()
    #expect(try c.run("replace", .string("a-b-c"), .string("-"), .string("+")) == .string("a+b+c"))
    #expect(errorMessage { try c.run("replace", .string("a"), .string(""), .string("x")) }
        == "replace() cannot replace an empty string")
}

@Test func startsWithAndEndsWith() throws {
    let c = TestContext()
    #expect(try c.run("starts_with", .string("ticket-1"), .string("ticket")) == .bool(true))
    #expect(try c.run("ends_with", .string("ticket-1"), .string("2")) == .bool(false))
}

@Test func padLeftAndRight() throws {
    let c = TestContext()
    #expect(try c.run("pad_left", .int(42), .int(5), .string("0")) == .string("00042"))
    #expect(try c.run("pad_right", .string("ab"), .int(4)) == .string("ab  "))
    #expect(try c.run("pad_left", .string("long"), .int(2)) == .string("long"))
    #expect(errorMessage { try c.run("pad_left", .string("a"), .int(3), .string("ab")) }
        == #"pad_left() expects a single character to pad with, got "ab""#)
    #expect(errorMessage { try c.run("pad_left", .string("a"), .int(1_000_000)) }
        == "pad_left() width 1000000 is over 100000")
}
