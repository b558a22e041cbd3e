import Foundation
import Testing
@testable import HaloCore

@Test func parsesScalars() throws {
    #expect(try JSON.parse("null") == .null)
    #expect(try JSON.parse(" true ") == .bool(true))
    #expect(try JSON.parse("false") == .bool(false))
    #expect(try JSON.parse("\"hi\"") == .string("hi"))
}

@Test func integersStayIntsAndOthersAreDoubles() throws {
    guard case .int(42) = try JSON.parse("42") else { Issue.record("42 is not an int"); return }
    guard case .int(-7) = try JSON.parse("-7") else { Issue.record("-7 is not an int"); return }
    guard case .int(Int.min) = try JSON.parse("-9223372036854775808") else { Issue.record("Int.min"); return }
    #expect(throws: ScriptError.self) { try JSON.parse("9223372036854775808") }
    guard case .double(2.0) = try JSON.parse("2.0") else { Issue.record("2.0 is not a double"); return }
    guard case .double(0.1) = try JSON.parse("0.1") else { Issue.record("0.1"); return }
    guard case .double(-1.5e-3) = try JSON.parse("-1.5E-3") else { Issue.record("exponent"); return }
    guard case .double(1e20) = try JSON.parse("1e20") else { Issue.record("1e20"); return }
}

@Test func objectsKeepKeyOrder() throws {
    guard case .object(let o) = try JSON.parse(#"{"z":1,"a":2,"m":3}"#) else { Issue.record("not an object"); return }
    #expect(o.keys == ["z", "a", "m"])
}

@Test func duplicateKeysLastWinsAtFirstPosition() throws {
    guard case .object(let o) = try JSON.parse(#"{"a":1,"b":2,"a":3}"#) else { Issue.record("not an object"); return }
    #expect(o.keys == ["a", "b"])
    #expect(o["a"] == .int(3))
}

@Test func decodesEscapes() throws {
    #expect(try JSON.parse(#""a\"b\\c\/d\n\t\r\b\f""#) == .string("a\"b\\c/d\n\t\r\u{8}\u{C}"))
    #expect(try JSON.parse(#""\u00e9\u20AC\ud83d\ude00""#) == .string("é€😀"))
    #expect(try JSON.parse(#""caf\u00e9 au lait""#) == .string("café au lait"))
}

@Test func keepsRawUTF8() throws {
    #expect(try JSON.parse("\"Zoë 日本 😀\"") == .string("Zoë 日本 😀"))
}

@Test func parsesNestedDocument() throws {
    let value = try JSON.parse(#" { "list" : [ 1 , { "x" : [ ] } , { } ] , "n" : null } "#)
    #expect(value == .object(HaloObject([
        ("list", .list([.int(1), .object(HaloObject([("x", .list([]))])), .object(HaloObject())])),
        ("n", .null),
    ])))
}

@Test func parsesBytesAndData() throws {
    #expect(try JSON.parse(Array("[1]".utf8)) == .list([.int(1)]))
    #expect(try JSON.parse(Data("[2]".utf8)) == .list([.int(2)]))
}

/// Each malformed input with the exact message, including the position.
@Test(arguments: [
    ("[1,]", "invalid JSON at line 1, column 4: expected a value, found ']'"),
    (#"{"a":1,}"#, "invalid JSON at line 1, column 8: expected a string key, found '}'"),
    ("01", "invalid JSON at line 1, column 2: expected no leading zero in a number, found '1'"),
    ("-", "invalid JSON at line 1, column 2: expected a digit, found end of input"),
    ("1.", "invalid JSON at line 1, column 3: expected a digit, found end of input"),
    ("1e", "invalid JSON at line 1, column 3: expected a digit, found end of input"),
    ("tru", "invalid JSON at line 1, column 1: expected 'true', found 't'"),
    ("nul", "invalid JSON at line 1, column 1: expected 'null', found 'n'"),
    ("[1] x", "invalid JSON at line 1, column 5: expected end of input, found 'x'"),
    ("[1 2]", "invalid JSON at line 1, column 4: expected ',' or ']' after list element, found '2'"),
    (#"{"a" 1}"#, "invalid JSON at line 1, column 6: expected ':' after object key, found '1'"),
    (#"{"a":1 "b":2}"#, "invalid JSON at line 1, column 8: expected ',' or '}' after object value, found '\"'"),
    (#"{1:2}"#, "invalid JSON at line 1, column 2: expected a string key, found '1'"),
    ("\"abc", "invalid JSON at line 1, column 5: expected '\"' to close the string, found end of input"),
    ("\"a\tb\"", "invalid JSON at line 1, column 3: expected an escape such as \\n instead of a raw control character, found control character U+0009"),
    (#""\x""#, "invalid JSON at line 1, column 3: expected a valid escape character after '\\', found 'x'"),
    (#""\u12G4""#, "invalid JSON at line 1, column 6: expected 4 hexadecimal digits after '\\u', found 'G'"),
    (#""\ud800""#, "invalid JSON at line 1, column 2: expected a low surrogate after high surrogate \\uD800, found '\\'"),
    (#""\ud800\u0041""#, "invalid JSON at line 1, column 2: expected a low surrogate after high surrogate \\uD800, found '\\'"),
    (#""\udc00""#, "invalid JSON at line 1, column 2: expected a high surrogate before low surrogate \\uDC00, found '\\'"),
    ("", "invalid JSON at line 1, column 1: expected a value, found end of input"),
    ("[\n  1,\n  é]", "invalid JSON at line 3, column 3: expected a value, found 'é'"),
    ("+1", "invalid JSON at line 1, column 1: expected a value, found '+'"),
    ("[.5]", "invalid JSON at line 1, column 2: expected a value, found '.'"),
])
func rejectsMalformedInput(input: String, message: String) {
    #expect(errorMessage { try JSON.parse(input) } == message)
}

@Test func acceptsNestingUpToTheLimit() throws {
    let depth = JSON.maximumDepth
    let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    #expect(throws: Never.self) { try JSON.parse(text) }
}

@Test func rejectsNestingPastTheLimit() {
    let depth = JSON.maximumDepth + 1
    let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    #expect(errorMessage { try JSON.parse(text) }
        == "invalid JSON at line 1, column 513: nesting deeper than 512 levels, found '['")
}

@Test func writesCompact() {
    #expect(JSON.write(j(#"{"a":1,"b":[1,2],"c":{"d":null,"e":true}}"#))
        == #"{"a":1,"b":[1,2],"c":{"d":null,"e":true}}"#)
    #expect(JSON.write(.list([])) == "[]")
    #expect(JSON.write(.object(HaloObject())) == "{}")
}

@Test func writesPrettyWithTwoSpaces() {
    #expect(JSON.write(j(#"{"a":1,"b":[1,2],"e":[],"o":{}}"#), pretty: true) == """
        {
          "a": 1,
          "b": [
            1,
            2
          ],
          "e": [],
          "o": {}
        }
        """)
}

@Test func writesNumbersThatRoundTrip() {
    #expect(JSON.write(.double(3.5)) == "3.5")
    #expect(JSON.write(.double(0.1)) == "0.1")
    #expect(JSON.write(.double(2.0)) == "2.0")
    #expect(JSON.write(.double(1e20)) == "1e+20")
    #expect(JSON.write(.double(-1.5e-7)) == "-1.5e-07")
    #expect(JSON.write(.int(-42)) == "-42")
    #expect(JSON.write(.int(Int.min)) == "-9223372036854775808")
    #expect(JSON.write(.double(.infinity)) == "null")
    #expect(JSON.write(.double(.nan)) == "null")
}

@Test func writesEscapedStrings() {
    #expect(JSON.write(.string("q\"b\\n\nt\tr\rb\u{8}f\u{C}x\u{1}")) == #""q\"b\\n\nt\tr\rb\bf\fx\u0001""#)
    #expect(JSON.write(.string("é😀")) == "\"é😀\"")
}

@Test func writesFunctionsAsNamedStrings() {
    let f = BuiltinFunction("upper", arity: 1...1) { _, _ in .null }
    #expect(JSON.write(.list([.function(f)])) == #"["<fn upper>"]"#)
}

@Test func roundTripsKeepKeyOrderAndIntness() throws {
    let text = #"{"z":[1,2.0,-0.5,1e+300],"a":"é\n","m":{"t":true,"f":false,"n":null}}"#
    #expect(JSON.write(try JSON.parse(text)) == text)
    let pretty = JSON.write(try JSON.parse(text), pretty: true)
    #expect(JSON.write(try JSON.parse(pretty)) == text)
}

@Test func displayShowsStringsBareAndOthersAsJSON() {
    #expect(Value.string("hi").display == "hi")
    #expect(j(#"[1,"a",null]"#).display == #"[1,"a",null]"#)
    #expect(Value.null.display == "null")
    #expect(Value.double(2.5).display == "2.5")
}

@Test func anIntDisplaysAsItsJSON() {
    for i in [0, 7, -7, 10, -10, 1_000_000, Int.max, Int.min] {
        #expect(Value.int(i).display == JSON.write(.int(i)))
    }
}
