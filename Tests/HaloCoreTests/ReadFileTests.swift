import Foundation
import Testing
@testable import HaloCore

/// `read_file` reads into the string's own storage (`FileText`): what it returns must not change.

@Test func readFileReplacesInvalidUTF8WithTheReplacementCharacter() throws {
    let c = TestContext()
    try Data([0x61, 0xFF, 0x62, 0xC3]).write(to: c.directory.appendingPathComponent("bad.txt"))
    #expect(try c.run("read_file", .string("bad.txt")) == .string("a\u{FFFD}b\u{FFFD}"))
}

@Test func parseJsonOfAFileWithInvalidUTF8ReplacesItInsideStrings() throws {
    let c = TestContext()
    try Data(#"{"name":"caf"#.utf8 + [0xE9] + #"","id":7}"#.utf8)
        .write(to: c.directory.appendingPathComponent("bad.json"))
    let text = try c.run("read_file", .string("bad.json"))
    #expect(try c.run("parse_json", text) == .object(HaloObject([("name", .string("caf\u{FFFD}")), ("id", .int(7))])))
}

@Test func readFileReadsEmptyAndMultiMegabyteFilesWhole() throws {
    let c = TestContext()
    try Data().write(to: c.directory.appendingPathComponent("empty.txt"))
    #expect(try c.run("read_file", .string("empty.txt")) == .string(""))
    let big = String(repeating: "héllo, 東京 😀\n", count: 200_000)
    try Data(big.utf8).write(to: c.directory.appendingPathComponent("big.txt"))
    #expect(try c.run("read_file", .string("big.txt")) == .string(big))
}

@Test func readFileReadsFilesWithoutASizeSuchAsDevices() throws {
    let c = TestContext()
    #expect(try c.run("read_file", .string("/dev/null")) == .string(""))
    #if os(Linux)
    guard case .string(let status) = try c.run("read_file", .string("/proc/self/status")) else {
        Issue.record("read_file did not return a string")
        return
    }
    #expect(status.hasPrefix("Name:"))
    #endif
}

@Test func readFileRefusesAFileOverTheStringLimitBeforeReadingIt() throws {
    let c = TestContext()
    let url = c.directory.appendingPathComponent("huge.txt")
    #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
    // Sparse: no disk space is used and nothing is read.
    let handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: UInt64(SizeLimits.maximumStringBytes + 1))
    try handle.close()
    #expect(errorMessage { try c.run("read_file", .string("huge.txt")) }
        == "read_file() cannot read \(url.path): its \(SizeLimits.maximumStringBytes + 1) bytes are over the 1 GiB limit of a string")
}
