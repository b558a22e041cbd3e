import Testing
@testable import HaloCore

@Test func keysValuesAndItemsKeepOrder() throws {
    let c = TestContext()
    let o = j(#"{"b":1,"a":2}"#)
    #expect(try c.run("keys", o) == j(#"["b","a"]"#))
    #expect(try c.run("values", o) == j("[1,2]"))
    #expect(try c.run("items", o) == j(#"[["b",1],["a",2]]"#))
    #expect(errorMessage { try c.run("keys", j("[]")) } == "keys() expects an object, got list")
}

@Test func hasChecksForAKey() throws {
    let c = TestContext()
    #expect(try c.run("has", j(#"{"a":null}"#), .string("a")) == .bool(true))
    #expect(try c.run("has", j(#"{"a":1}"#), .string("b")) == .bool(false))
}

@Test func lookupReadsFieldsAndIndexesWithDefault() throws {
    let c = TestContext()
    #expect(try c.run("lookup", j(#"{"a":1}"#), .string("a")) == .int(1))
    #expect(try c.run("lookup", j(#"{"a":1}"#), .string("b")) == .null)
    #expect(try c.run("lookup", j(#"{"a":1}"#), .string("b"), .int(0)) == .int(0))
    #expect(try c.run("lookup", j("[1,2,3]"), .int(-1)) == .int(3))
    #expect(try c.run("lookup", j("[1]"), .int(4), .string("none")) == .string("none"))
    #expect(try c.run("lookup", .null, .string("a"), .int(7)) == .int(7))
    #expect(errorMessage { try c.run("lookup", .int(1), .string("a")) } == "lookup() expects an object or list, got number")
}

@Test func mergeLetsLaterObjectsWin() throws {
    let c = TestContext()
    #expect(JSON.write(try c.run("merge", j(#"{"a":1,"b":2}"#), j(#"{"b":3,"c":4}"#), j(#"{"a":5}"#)))
        == #"{"a":5,"b":3,"c":4}"#)
    #expect(errorMessage { try c.run("merge", j("{}"), j("[]")) } == "merge() expects an object as argument 2, got list")
}
