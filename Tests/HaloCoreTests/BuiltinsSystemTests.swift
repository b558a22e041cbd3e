import Foundation
import Testing
@testable import HaloCore

@Test func nowIsISO8601UTC() throws {
    let c = TestContext()
    guard case .string(let now) = try c.run("now") else { Issue.record("not a string"); return }
    #expect(now.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
    guard case .string(let today) = try c.run("today") else { Issue.record("not a string"); return }
    #expect(now.hasPrefix(today) || today > now)
    let seconds = try c.run("parse_date", .string(now)).numberValue ?? 0
    #expect(abs(seconds - (try c.run("time").numberValue ?? 0)) < 5)
}

@Test func parseDateReadsISOForms() throws {
    let c = TestContext()
    #expect(try c.run("parse_date", .string("1970-01-02")) == .int(86_400))
    #expect(try c.run("parse_date", .string("2026-11-29T05:13:16Z")) == .int(1_795_929_196))
    #expect(try c.run("parse_date", .string("2026-11-29T05:13:16")) == .int(1_795_929_196))
    #expect(try c.run("parse_date", .string("2026-11-29 06:13:16+01:00")) == .int(1_795_929_196))
    #expect(try c.run("parse_date", .string("2026-11-29T05:13:16.25Z")) == .double(1_795_929_196.25))
    #expect(try c.run("parse_date", .string("2024-02-29T00:00")) == .int(1_709_164_800))
}

@Test func parseDateRejectsOtherText() {
    let c = TestContext()
    for text in ["2026-02-30", "29/11/2026", "2026-11-29T25:00", "2026-11-29T05:13:16Zx", ""] {
        #expect(errorMessage { try c.run("parse_date", .string(text)) }
            == "parse_date() cannot read \"\(text)\" as a date (expected e.g. 2026-11-29T05:13:16Z)")
    }
}

@Test func formatDateUsesStrftimeInUTC() throws {
    let c = TestContext()
    #expect(try c.run("format_date", .int(1_795_929_196)) == .string("2026-11-29T05:13:16Z"))
    #expect(try c.run("format_date", .int(0), .string("%d/%m/%Y %H:%M")) == .string("01/01/1970 00:00"))
    #expect(errorMessage { try c.run("format_date", .double(1e300)) } == #"format_date() cannot format 1e+300 with "%Y-%m-%dT%H:%M:%SZ""#)
}

@Test func envReadsVariablesWithDefault() throws {
    let c = TestContext()
    setenv("HALO_TEST_VARIABLE", "on", 1)
    #expect(try c.run("env", .string("HALO_TEST_VARIABLE")) == .string("on"))
    #expect(try c.run("env", .string("HALO_TEST_UNSET_VARIABLE")) == .null)
    #expect(try c.run("env", .string("HALO_TEST_UNSET_VARIABLE"), .int(5)) == .int(5))
}

@Test func sleepPausesAndRejectsNegativeTimes() throws {
    let c = TestContext()
    let start = Date()
    #expect(try c.run("sleep", .double(0.02)) == .null)
    #expect(Date().timeIntervalSince(start) >= 0.02)
    #expect(errorMessage { try c.run("sleep", .int(-1)) } == "sleep() expects between 0 and 86400 seconds, got -1")
}
