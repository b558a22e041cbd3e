import Testing
@testable import HaloCore

/// Numbers never trap and never silently change value: an integer past 64 bits or a double past
/// ±1.8e308 is a runtime error at the operator (issue 14).
@Suite struct HardeningNumberTests {
    private let intMin = "(-9223372036854775807 - 1)"

    @Test func dividingTheSmallestIntegerByMinusOneIsAnOverflowError() {
        #expect(errorAt("x = \(intMin)\nprint x / -1")
            == "2:9: integer overflow: -9223372036854775808 / -1 is outside the 64-bit range (-9223372036854775808 to 9223372036854775807)")
    }

    @Test func theSmallestIntegerModuloMinusOneIsExactlyZero() throws {
        #expect(try exact("\(intMin) % -1") == "int(0)")
        #expect(try exact("x = \(intMin)\ny = -1\nx % y") == "int(0)")
    }

    @Test func dividingByMinusOneNegatesExactly() throws {
        #expect(try exact("9223372036854775807 / -1") == "int(-9223372036854775807)")
    }

    @Test func integerAdditionPastSixtyFourBitsIsAnError() {
        #expect(errorAt("x = 9223372036854775807\ny = x + 1")?.hasPrefix("2:7: integer overflow: 9223372036854775807 + 1 ") == true)
    }

    @Test func everyIntegerOperatorReportsOverflow() {
        #expect(runError("print \(intMin) - 1")?.message.hasPrefix("integer overflow: -9223372036854775808 - 1 ") == true)
        #expect(runError("print 4611686018427387904 * 2")?.message.hasPrefix("integer overflow: 4611686018427387904 * 2 ") == true)
        #expect(runError("x = \(intMin)\nprint -x")?.message.hasPrefix("integer overflow: -(-9223372036854775808) ") == true)
    }

    @Test func overflowInsideAComparisonOrACompoundAssignmentIsAnError() {
        #expect(runError("x = 9223372036854775807\nif x + 1 > 0 { print 1 }")?.message.hasPrefix("integer overflow") == true)
        #expect(errorAt("x = 9223372036854775807\nx += 1")?.hasPrefix("2:3: integer overflow: 9223372036854775807 + 1") == true)
    }

    @Test func builtinsThatAddOrConvertReportOverflow() {
        #expect(runError("print sum([9223372036854775807, 1])")?.message.hasPrefix("integer overflow: 9223372036854775807 + 1 ") == true)
        #expect(runError("print abs(\(intMin))")?.message.hasPrefix("integer overflow: abs(-9223372036854775808)") == true)
        #expect(runError("print int(1e19)")?.message == "int() cannot convert 1e+19 to a whole number")
        #expect(runError("print num(\"99999999999999999999\")")?.message
            == "num() \"99999999999999999999\" is outside the 64-bit integer range")
    }

    @Test func integerLiteralPastSixtyFourBitsIsASyntaxError() {
        #expect(syntaxError("x = 9223372036854775808")
            == "1:5: integer 9223372036854775808 is outside the 64-bit range (at most 9223372036854775807; write the smallest as -9223372036854775807 - 1)")
    }

    @Test func largestIntegerLiteralStaysExact() throws {
        #expect(try exact("9223372036854775807") == "int(9223372036854775807)")
        #expect(try exact("-9223372036854775807 - 1") == "int(-9223372036854775808)")
    }

    @Test func doubleOverflowToInfinityIsAnError() {
        #expect(errorAt("print 1e308 * 10")
            == "1:13: number overflow: 1e+308 * 10 is past the largest number (about 1.8e308)")
        #expect(runError("print 1e308 + 1e308")?.message.hasPrefix("number overflow") == true)
        #expect(runError("print 1e308 / 0.1")?.message.hasPrefix("number overflow") == true)
    }

    @Test func jsonOfAnInfinityIsAnErrorNotNull() {
        #expect(throws: ScriptError.self) { try JSON.encode(.double(.infinity)) }
        #expect(throws: ScriptError.self) { try JSON.encode(.list([.double(.nan)])) }
        #expect(runError("print json([sum([1e308, 1e308])])")?.message.hasPrefix("number overflow") == true)
    }

    @Test func roundingAHugeNumberKeepsIt() throws {
        #expect(try exact("round(1e300, 15)") == "double(1e+300)")
    }
}
