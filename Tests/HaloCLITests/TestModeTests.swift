import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `halo test`, `halo describe` and `--json`, run through the built binary.
@Suite struct TestModeTests {
    /// A temporary directory of test files: one passing, one with a failing assert, one that errors.
    private func suite() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("halo-test-mode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let files = [
            "a_pass.halo": "get /api/client -> clients = response^clients\nassert len(clients) > 0\nassert status == 200\n",
            "b_assert.halo": "x = [1, 2]\nassert len(x) == 2\nassert len(x) == 3, \"three\"\nassert x^0 == 1\nprint \"after\"\n",
            "c_error.halo": "assert true\ny = 1 + \"a\"\n",
        ]
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func countsEveryAssertAndEndsWithTheSummaryLine() throws {
        let dir = try suite()
        let result = try HaloProcess.run(["test", dir.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "5 passed, 2 failed")
        #expect(lines.contains { $0.hasPrefix("PASS") && $0.contains("a_pass.halo") && $0.contains("2 of 2 asserts") })
        #expect(lines.contains { $0.hasPrefix("FAIL") && $0.contains("b_assert.halo") && $0.contains("2 of 3 asserts") })
        #expect(result.stdout.contains("b_assert.halo:3:1: assertion failed: three (len(x) == 3)"))
        #expect(result.stdout.contains("left:  2"))
        #expect(result.stdout.contains("c_error.halo:2:7: error: cannot add number and string"))
    }

    @Test func aFailedAssertDoesNotStopTheFile() throws {
        let dir = try suite()
        let result = try HaloProcess.run(["test", dir.appendingPathComponent("b_assert.halo").path])
        #expect(result.stdout.contains("after"))
        #expect(result.stdout.hasSuffix("2 passed, 1 failed\n"))
    }

    @Test func passingFilesExitZero() throws {
        let dir = try suite()
        let result = try HaloProcess.run(["test", dir.appendingPathComponent("a_pass.halo").path])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("2 passed, 0 failed\n"))
    }

    @Test func writesAJUnitReportThatParses() throws {
        let dir = try suite()
        let report = dir.appendingPathComponent("junit.xml")
        _ = try HaloProcess.run(["test", dir.path, "--junit", report.path, "--jobs", "2"])
        let data = try Data(contentsOf: report)
        let parser = XMLParser(data: data)
        let counter = ElementCounter()
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.counts["testsuite"] == 3)
        #expect(counter.counts["testcase"] == 7)
        #expect(counter.counts["failure"] == 1)
        #expect(counter.counts["error"] == 1)
    }

    @Test func tapReportNumbersEveryAssert() throws {
        let dir = try suite()
        let result = try HaloProcess.run(["test", dir.path, "--tap"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.prefix(2) == ["TAP version 13", "1..7"])
        #expect(lines.filter { $0.hasPrefix("ok ") }.count == 5)
        #expect(lines.filter { $0.hasPrefix("not ok ") }.count == 2)
    }

    @Test func parallelJobsGiveTheSameResult() throws {
        let dir = try suite()
        let serial = try HaloProcess.run(["test", dir.path])
        let parallel = try HaloProcess.run(["test", dir.path, "--jobs", "3"])
        func withoutTimes(_ s: String) -> String { s.replacingOccurrences(of: #", \d+ ms\)"#, with: ")", options: .regularExpression) }
        #expect(withoutTimes(serial.stdout) == withoutTimes(parallel.stdout))
    }

    @Test func describeListsParamsRequestsAndWrites() throws {
        let result = try HaloProcess.run(["describe", "scripts/close-stale-tickets.halo"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Closes open tickets with no action"))
        #expect(result.stdout.contains("  days = 90"))
        #expect(result.stdout.contains("GET all  /api/tickets"))
        #expect(result.stdout.contains("POST     /api/tickets"))
        #expect(result.stdout.contains("writes: yes"))
    }

    @Test func describeSeesRequestsMadeThroughModules() throws {
        let result = try HaloProcess.run(["describe", "scripts/create-ticket.halo", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let requests = json?["requests"] as? [[String: Any]] ?? []
        #expect(requests.contains { $0["method"] as? String == "POST" && $0["module"] as? String == "halo/tickets" })
        #expect(json?["writes"] as? Bool == true)
    }

    @Test func jsonOutputHoldsOutputVariablesAndPrintedLines() throws {
        let result = try HaloProcess.run(["--sandbox", "--json", "scripts/clients.halo"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let outputs = json?["output_variables"] as? [String: Any]
        #expect(outputs?["total"] as? Int == 38)
        #expect((outputs?["clients"] as? [Any])?.count == 38)
        #expect((json?["printed"] as? [String])?.first == "38 clients")
    }
}

/// Counts XML elements by name.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
    }
}
