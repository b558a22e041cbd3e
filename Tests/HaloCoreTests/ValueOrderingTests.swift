import Testing
@testable import HaloCore

@Test func comparesNumbersAcrossIntAndDouble() throws {
    #expect(try compareValues(.int(1), .double(1.5)) == -1)
    #expect(try compareValues(.double(2), .int(2)) == 0)
    #expect(try compareValues(.int(3), .int(2)) == 1)
}

@Test func comparesStringsByScalarValue() throws {
    #expect(try compareValues(.string("B"), .string("a")) == -1)
    #expect(try compareValues(.string("abc"), .string("abd")) == -1)
    #expect(try compareValues(.string("ab"), .string("a")) == 1)
    #expect(try compareValues(.string("z"), .string("é")) == -1)
}

@Test func comparesBoolsAndLists() throws {
    #expect(try compareValues(.bool(false), .bool(true)) == -1)
    #expect(try compareValues(j("[1,2]"), j("[1,3]")) == -1)
    #expect(try compareValues(j("[1]"), j("[1,0]")) == -1)
    #expect(try compareValues(j("[1,\"a\"]"), j("[1,\"a\"]")) == 0)
}

@Test func refusesNullAndMixedTypes() {
    #expect(errorMessage { .int(try compareValues(.int(1), .string("1"))) } == "cannot compare number with string")
    #expect(errorMessage { .int(try compareValues(.null, .null)) } == "cannot compare null with null")
    #expect(errorMessage { .int(try compareValues(j("{}"), j("{}"))) } == "cannot compare object with object")
    #expect(errorMessage { .int(try compareValues(j("[1]"), j("[\"a\"]"))) } == "cannot compare number with string")
}
