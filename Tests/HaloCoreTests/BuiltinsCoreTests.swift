import Testing
@testable import HaloCore

@Test func builtinNamesAreUnique() {
    let names = Builtins.all().map(\.name)
    #expect(Set(names).count == names.count)
}

@Test func lenCountsCharactersElementsAndKeys() throws {
    let c = TestContext()
    #expect(try c.run("len", .string("né😀")) == .int(3))
    #expect(try c.run("len", j("[1,2]")) == .int(2))
    #expect(try c.run("len", j(#"{"a":1}"#)) == .int(1))
    #expect(errorMessage { try c.run("len", .int(3)) } == "len() expects a string, list or object, got number")
}

/// `len` takes a shortcut for text with one character per byte; each kind of text, at each
/// place in an eight-byte word and after it, must count as Swift's characters do.
@Test func lenOfAStringCountsCharactersWhereverTheyAre() {
    let pieces = ["a", "\r\n", "\r", "\n", "é", "😀", "e\u{301}", "\u{7F}", "\t"]
    for piece in pieces {
        for before in 0..<12 {
            for after in [0, 1, 9] {
                let text = String(repeating: "x", count: before) + piece + String(repeating: "y", count: after)
                #expect(text.characterCount == text.count, "\(text.debugDescription)")
            }
        }
    }
    #expect(String(repeating: "ab", count: 1000).characterCount == 2000)
    #expect("".characterCount == 0)
}

@Test func typeNamesEveryKind() throws {
    let c = TestContext()
    let kinds: [Value] = [.null, .bool(true), .int(1), .double(1.5), .string(""), j("[]"), j("{}"), c.function("len")]
    #expect(try kinds.map { try c.run("type", $0) }
        == ["null", "bool", "number", "number", "string", "list", "object", "function"].map(Value.string))
}

@Test func strIsDisplayText() throws {
    let c = TestContext()
    #expect(try c.run("str", .string("a")) == .string("a"))
    #expect(try c.run("str", j(#"{"a":[1,2.5]}"#)) == .string(#"{"a":[1,2.5]}"#))
    #expect(try c.run("str", .null) == .string("null"))
}

@Test func boolIsTruthiness() throws {
    let c = TestContext()
    #expect(try c.run("bool", .string("")) == .bool(false))
    #expect(try c.run("bool", j("[0]")) == .bool(true))
}

@Test func intTruncatesAndParses() throws {
    let c = TestContext()
    #expect(try c.run("int", .string("42")) == .int(42))
    #expect(try c.run("int", .string(" -7 ")) == .int(-7))
    #expect(try c.run("int", .double(3.9)) == .int(3))
    #expect(try c.run("int", .double(-3.9)) == .int(-3))
    #expect(try c.run("int", .string("3.9")) == .int(3))
    #expect(try c.run("int", .bool(true)) == .int(1))
}

@Test func intRejectsTextAndHugeNumbers() {
    let c = TestContext()
    #expect(errorMessage { try c.run("int", .string("x")) } == #"int() cannot convert "x" to a number"#)
    #expect(errorMessage { try c.run("int", .double(1e300)) } == "int() cannot convert 1e+300 to a whole number")
    #expect(errorMessage { try c.run("int", .null) } == "int() expects a number, string or bool, got null")
}

@Test func numParsesDecimals() throws {
    let c = TestContext()
    guard case .double(3.5) = try c.run("num", .string("3.5")) else { Issue.record("3.5"); return }
    guard case .int(42) = try c.run("num", .string("42")) else { Issue.record("42"); return }
    #expect(try c.run("num", .string("1e3")) == .int(1000))
    #expect(errorMessage { try c.run("num", .string("nan")) } == #"num() cannot convert "nan" to a number"#)
    #expect(errorMessage { try c.run("num", .string("")) } == #"num() cannot convert "" to a number"#)
}
