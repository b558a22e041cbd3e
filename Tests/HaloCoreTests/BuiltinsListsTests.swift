import Testing
@testable import HaloCore

@Test func pushReturnsANewList() throws {
    let c = TestContext()
    let list = j("[1]")
    #expect(try c.run("push", list, .int(2)) == j("[1,2]"))
    #expect(list == j("[1]"))
}

@Test func firstLastAndFlatten() throws {
    let c = TestContext()
    #expect(try c.run("first", j("[1,2]")) == .int(1))
    #expect(try c.run("last", j("[1,2]")) == .int(2))
    #expect(try c.run("first", j("[]")) == .null)
    #expect(try c.run("flatten", j("[[1,2],3,[[4]]]")) == j("[1,2,3,[4]]"))
}

@Test func reverseListsAndStrings() throws {
    let c = TestContext()
    #expect(try c.run("reverse", j("[1,2,3]")) == j("[3,2,1]"))
    #expect(try c.run("reverse", .string("abé")) == .string("éba"))
}

@Test func sliceCountsFromTheEndAndClamps() throws {
    let c = TestContext()
    #expect(try c.run("slice", j("[0,1,2,3]"), .int(1), .int(3)) == j("[1,2]"))
    #expect(try c.run("slice", j("[0,1,2,3]"), .int(-2)) == j("[2,3]"))
    #expect(try c.run("slice", j("[0,1]"), .int(5), .int(9)) == j("[]"))
    #expect(try c.run("slice", j("[0,1]"), .int(1), .int(0)) == j("[]"))
    #expect(try c.run("slice", .string("héllo"), .int(1), .int(-1)) == .string("éll"))
}

@Test func containsSearchesStringsListsAndKeys() throws {
    let c = TestContext()
    #expect(try c.run("contains", .string("printer"), .string("int")) == .bool(true))
    #expect(try c.run("contains", j(#"[1,{"a":[2]}]"#), j(#"{"a":[2.0]}"#)) == .bool(true))
    #expect(try c.run("contains", j(#"{"a":1}"#), .string("b")) == .bool(false))
    #expect(errorMessage { try c.run("contains", .int(1), .int(1)) }
        == "contains() expects a string, list or object, got number")
}

@Test func indexOfFindsPositionOrMinusOne() throws {
    let c = TestContext()
    #expect(try c.run("index_of", j("[5,6,7]"), .int(7)) == .int(2))
    #expect(try c.run("index_of", j("[5]"), .int(9)) == .int(-1))
    #expect(try c.run("index_of", .string("héllo"), .string("l")) == .int(2))
}

@Test func uniqueKeepsFirstOccurrence() throws {
    let c = TestContext()
    #expect(try c.run("unique", j(#"[3,1,3,"a",1.0,"a",[1],[1],null,null]"#)) == j(#"[3,1,"a",[1],null]"#))
}

@Test func sortOrdersAndIsStable() throws {
    let c = TestContext()
    #expect(try c.run("sort", j(#"[3,1.5,2]"#)) == j("[1.5,2,3]"))
    #expect(try c.run("sort", j(#"["b","B","a"]"#)) == j(#"["B","a","b"]"#))
    #expect(errorMessage { try c.run("sort", j(#"[1,"a"]"#)) } == "cannot compare string with number")
}

@Test func rangeCountsUpOrDownBySteps() throws {
    let c = TestContext()
    #expect(try c.run("range", .int(3)) == j("[0,1,2]"))
    #expect(try c.run("range", .int(2), .int(5)) == j("[2,3,4]"))
    #expect(try c.run("range", .int(10), .int(0), .int(-4)) == j("[10,6,2]"))
    #expect(try c.run("range", .int(-1)) == j("[]"))
}

@Test func rangeRejectsZeroStepAndHugeRanges() {
    let c = TestContext()
    #expect(errorMessage { try c.run("range", .int(0), .int(5), .int(0)) } == "range() step cannot be 0")
    #expect(errorMessage { try c.run("range", .int(Int.max)) } == "range() would make 9223372036854775807 numbers, over the limit of 10000000")
    #expect(errorMessage { try c.run("range", .double(2.5)) } == "range() expects whole numbers, got number")
}
