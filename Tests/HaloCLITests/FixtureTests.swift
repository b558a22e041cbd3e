import Foundation
import Testing

/// Each `Fixtures/NAME.halo` runs through the built binary; its stdout, stderr and exit code must
/// equal `NAME.out`, `NAME.err` (empty when missing) and the `# exit: N` line (0 when missing).
@Suite struct FixtureTests {
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: HaloProcess.fixtures.path)) ?? []
        return files.filter { $0.hasSuffix(".halo") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func fixturesExist() {
        #expect(Self.names.count >= 10)
    }

    @Test(arguments: names)
    func fixtureMatchesExpectedOutput(_ name: String) throws {
        let dir = HaloProcess.fixtures
        let source = try String(contentsOf: dir.appendingPathComponent("\(name).halo"), encoding: .utf8)
        func expected(_ ext: String) -> String {
            (try? String(contentsOf: dir.appendingPathComponent("\(name).\(ext)"), encoding: .utf8)) ?? ""
        }
        let exitLine = source.split(separator: "\n").first { $0.hasPrefix("# exit: ") }
        let expectedStatus = exitLine.flatMap { Int32($0.dropFirst("# exit: ".count)) } ?? 0
        let result = try HaloProcess.run(["Tests/HaloCLITests/Fixtures/\(name).halo"])
        #expect(result.stdout == expected("out"))
        #expect(result.stderr == expected("err"))
        #expect(result.status == expectedStatus)
    }
}
