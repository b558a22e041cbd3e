import Foundation
import Testing
@testable import HaloCore

@Test func jsonWritesCompactOrPretty() throws {
    let c = TestContext()
    #expect(try c.run("json", j(#"{"a":[1]}"#)) == .string(#"{"a":[1]}"#))
    #expect(try c.run("json", j(#"{"a":1}"#), .bool(true)) == .string("{\n  \"a\": 1\n}"))
    #expect(try c.run("json", .string("x")) == .string(#""x""#))
}

@Test func parseJsonReadsTextAndReportsPositions() throws {
    let c = TestContext()
    #expect(try c.run("parse_json", .string(#"{"a":[1,2]}"#)) == j(#"{"a":[1,2]}"#))
    #expect(errorMessage { try c.run("parse_json", .string("[1,")) }
        == "invalid JSON at line 1, column 4: expected a value, found end of input")
}

@Test func writeFileThenReadFileRelativeToTheScript() throws {
    let c = TestContext()
    #expect(try c.run("write_file", .string("out.txt"), .string("héllo\n")) == .null)
    #expect(try c.run("read_file", .string("out.txt")) == .string("héllo\n"))
    _ = try c.run("write_file", .string("data.json"), j("[1]"))
    #expect(try c.run("read_file", .string(c.resolvePath("data.json"))) == .string("[1]"))
}

@Test func fileErrorsNameThePath() {
    let c = TestContext()
    let missing = c.resolvePath("missing.txt")
    #expect(errorMessage { try c.run("read_file", .string("missing.txt")) } == "read_file() cannot read \(missing): no such file")
    #expect(errorMessage { try c.run("read_file", .string(".")) }?.hasSuffix("it is a directory") == true)
    let nowhere = c.resolvePath("no/such/dir/x.txt")
    #expect(errorMessage { try c.run("write_file", .string("no/such/dir/x.txt"), .string("")) }
        == "write_file() cannot write \(nowhere): no such directory \(c.resolvePath("no/such/dir"))")
}

@Test func readCsvMakesObjectsFromTheHeader() throws {
    let c = TestContext()
    _ = try c.run("write_file", .string("in.csv"),
                  .string("\u{FEFF}id,name,note\r\n1,\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\r\n2,Ann\r\n\r\n"))
    #expect(JSON.write(try c.run("read_csv", .string("in.csv")))
        == #"[{"id":"1","name":"Smith, J","note":"said \"hi\"\nthen left"},{"id":"2","name":"Ann","note":""}]"#)
}

@Test func readCsvRejectsBrokenFiles() throws {
    let c = TestContext()
    _ = try c.run("write_file", .string("wide.csv"), .string("a,b\n1,2,3\n"))
    #expect(errorMessage { try c.run("read_csv", .string("wide.csv")) } == "read_csv() wide.csv row 2 has 3 fields, the header has 2")
    _ = try c.run("write_file", .string("open.csv"), .string("a\n\"never closed\n"))
    #expect(errorMessage { try c.run("read_csv", .string("open.csv")) }
        == "read_csv() cannot read open.csv line 3: a quoted field is not closed")
}

@Test func writeCsvQuotesAsNeededAndFindsColumns() throws {
    let c = TestContext()
    let rows = j(#"[{"id":1,"name":"Smith, J"},{"id":2,"note":"say \"hi\"","tags":["a"]},{"id":null}]"#)
    _ = try c.run("write_csv", .string("out.csv"), rows)
    #expect(try c.run("read_file", .string("out.csv"))
        == .string("id,name,note,tags\n1,\"Smith, J\",,\n2,,\"say \"\"hi\"\"\",\"[\"\"a\"\"]\"\n,,,\n"))
    _ = try c.run("write_csv", .string("some.csv"), rows, j(#"["name","id"]"#))
    #expect(try c.run("read_file", .string("some.csv")) == .string("name,id\n\"Smith, J\",1\n,2\n,\n"))
}

@Test func writeCsvThenReadCsvRoundTrips() throws {
    let c = TestContext()
    let rows = j(#"[{"a":"x,y","b":"line\nbreak"},{"a":"\"q\"","b":""}]"#)
    _ = try c.run("write_csv", .string("rt.csv"), rows)
    #expect(try c.run("read_csv", .string("rt.csv")) == rows)
    #expect(errorMessage { try c.run("write_csv", .string("x.csv"), j("[1]")) }
        == "write_csv() expects a list of objects, got number at index 0")
}
