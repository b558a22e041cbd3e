import Testing
@testable import HaloCore

private let tickets = j("""
    [{"id":1,"status":"open","agent":"ann"},{"id":2,"status":"closed","agent":"bob"},
     {"id":3,"status":"open","agent":"bob"},{"id":4,"status":"pending","agent":"ann"}]
    """)

@Test func mapAppliesTheFunction() throws {
    let c = TestContext()
    #expect(try c.run("map", j(#"["a","b"]"#), c.function("upper")) == j(#"["A","B"]"#))
    #expect(errorMessage { try c.run("map", j("[]"), .string("upper")) } == "map() expects a function as argument 2, got string")
}

@Test func pmapOutsideAnInterpreterRunsEachItemInTurnAndNamesTheOneThatFails() throws {
    let c = TestContext()
    #expect(try c.run("pmap", j(#"["a","b"]"#), c.function("upper")) == j(#"["A","B"]"#))
    do {
        _ = try c.run("pmap", j(#"["a", 7]"#), c.function("upper"))
        Issue.record("pmap() should have failed on item 1")
    } catch let error as ScriptError {
        #expect(error.message == "upper() expects a string, got number")
        #expect(error.notes == ["in pmap item 1 (value 7)"])
    }
}

@Test func filterAndFindKeepTruthyResults() throws {
    let c = TestContext()
    #expect(try c.run("filter", j(#"["", "a", ""]"#), c.function("len")) == j(#"["a"]"#))
    #expect(try c.run("find", j(#"["", "b", "c"]"#), c.function("len")) == .string("b"))
    #expect(try c.run("find", j(#"[""]"#), c.function("len")) == .null)
}

@Test func anyAndAllTestTruthinessOrAFunction() throws {
    let c = TestContext()
    #expect(try c.run("any", j("[0, null, 2]")) == .bool(true))
    #expect(try c.run("all", j("[1, 0]")) == .bool(false))
    #expect(try c.run("all", j("[]")) == .bool(true))
    #expect(try c.run("any", j(#"["", ""]"#), c.function("len")) == .bool(false))
}

@Test func sortByFieldNameIsStable() throws {
    let c = TestContext()
    let sorted = try c.run("sort_by", tickets, .string("agent"))
    #expect(try c.run("map", sorted, c.function("values")).display
        == #"[[1,"open","ann"],[4,"pending","ann"],[2,"closed","bob"],[3,"open","bob"]]"#)
}

@Test func sortByFunction() throws {
    let c = TestContext()
    #expect(try c.run("sort_by", j(#"["ccc","a","bb"]"#), c.function("len")) == j(#"["a","bb","ccc"]"#))
}

@Test func sortByFieldNeedsObjects() {
    let c = TestContext()
    #expect(errorMessage { try c.run("sort_by", j("[1]"), .string("id")) }
        == #"sort_by() expects objects when given the field name "id", got number"#)
    #expect(errorMessage { try c.run("sort_by", j("[]"), .int(1)) }
        == "sort_by() expects a function or a field name as argument 2, got number")
}

@Test func groupByKeepsFirstSeenKeyOrder() throws {
    let c = TestContext()
    let groups = try c.run("group_by", tickets, .string("status"))
    #expect(try c.run("keys", groups) == j(#"["open","closed","pending"]"#))
    #expect(try c.run("map", try c.run("lookup", groups, .string("open")), c.function("keys")).display
        == #"[["id","status","agent"],["id","status","agent"]]"#)
}

@Test func countByCountsPerKey() throws {
    let c = TestContext()
    #expect(JSON.write(try c.run("count_by", tickets, .string("agent"))) == #"{"ann":2,"bob":2}"#)
    #expect(JSON.write(try c.run("count_by", j(#"["a","bb","c"]"#), c.function("len"))) == #"{"1":2,"2":1}"#)
}
