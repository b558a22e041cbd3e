import Testing
@testable import HaloCore

@Test func tableLaysOutChosenColumnsWithNumbersOnTheRight() throws {
    let c = TestContext()
    let rows = j(#"[{"id": 1, "name": "Acme Corp"}, {"id": 12, "name": "Globex", "extra": true}]"#)
    let text = try c.run("table", rows, j(#"["id", "name"]"#))
    #expect(text == .string("""
    id  name
    --  ---------
     1  Acme Corp
    12  Globex
    (2 rows)
    """))
}

@Test func tableDefaultsToScalarKeysAndNamesTheOmittedOnes() throws {
    let c = TestContext()
    let row = j(#"{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "nested": {"x": 1}}"#)
    guard case .string(let text) = try c.run("table", .list([row])) else { throw TableTestError.notText }
    #expect(text.hasPrefix("a  b  c  d  e  f  g  h\n"))
    #expect(text.hasSuffix("(1 row) 1 more column: i"))
}

@Test func tableShowsObjectsAndScalarsAndEmptyLists() throws {
    let c = TestContext()
    #expect(try c.run("table", j(#"{"x": null, "y": "long\ntext"}"#)) == .string("key  value\n---  ---------\nx\ny    long text\n(2 rows)"))
    #expect(try c.run("table", j("[3, 4]")) == .string("value\n-----\n    3\n    4\n(2 rows)"))
    #expect(try c.run("table", j("[]")) == .string("(no rows)"))
    #expect(try c.run("table", j(#"{"record_count": 1, "clients": [{"id": 7}]}"#)) == .string("id\n--\n 7\n(1 row)"))
    #expect(errorMessage { try c.run("table", .int(1)) } == "table() expects a list of objects, got number")
}

private enum TableTestError: Error { case notText }
