import Testing
@testable import HaloCore

/// Strings and lists have caps with clean errors naming the size, checked before the allocation
/// that would abort the process (issue 14).
@Suite struct HardeningSizeTests {
    @Test func theStringCapNamesTheSize() {
        #expect(throws: Never.self) { try SizeLimits.checkString(bytes: 1 << 30) }
        #expect(errorMessage { try SizeLimits.checkString(bytes: 1 << 40); return .null }
            == "a string of 1099511627776 bytes is over the 1 GiB limit")
    }

    @Test func theListCapNamesTheSize() {
        #expect(throws: Never.self) { try SizeLimits.checkList(count: 100_000_000) }
        #expect(errorMessage { try SizeLimits.checkList(count: 100_000_001); return .null }
            == "a list of 100000001 elements is over the limit of 100000000")
    }

    @Test func aReplaceThatWouldPassTheCapFailsBeforeBuildingIt() {
        let source = """
            s = pad_left("", 100000, "a")
            t = replace(s, "a", pad_left("", 20000, "b"))
            """
        #expect(errorAt(source) == "2:5: a string of 2000000000 bytes is over the 1 GiB limit")
    }

    @Test func aJoinThatWouldPassTheCapFailsBeforeBuildingIt() {
        let source = """
            s = pad_left("", 100000, "a")
            t = join([s for i in range(11000)])
            """
        #expect(runError(source)?.message == "a string of 1100000000 bytes is over the 1 GiB limit")
    }

    @Test func anInterpolationThatWouldPassTheCapFailsAtTheInterpolation() {
        // 600 MB twice: the second piece is refused before it is appended.
        let source = """
            s = pad_left("", 100000, "a")
            t = join([s for i in range(6000)])
            u = "<<t>><<t>>"
            """
        #expect(errorAt(source) == "3:8: a string of 1200000000 bytes is over the 1 GiB limit")
    }

    @Test func aRangeThatWouldNeedGigabytesNamesItsSize() {
        #expect(runError("x = range(20000000000)")?.message
            == "range() would make 20000000000 numbers, over the limit of 10000000")
    }
}
