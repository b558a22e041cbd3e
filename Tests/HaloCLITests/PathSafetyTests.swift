import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// A value a runbook is given cannot retarget its request, however hostile.
    @Suite struct PathSafetyTests {
        @Test func aClimbingIdDeletesNothing() async throws {
            try await withSandbox { sandbox in
                let script = FileManager.default.temporaryDirectory.appendingPathComponent("delete-\(UUID().uuidString).halo")
                try "param id\ndelete /api/tickets/<<id>>\nprint \"deleted <<id>>\"\n".write(to: script, atomically: true, encoding: .utf8)
                defer { try? FileManager.default.removeItem(at: script) }
                let result = try await sandbox.halo(SandboxFixture.quickRetries + [script.path, "--set", "id=../client/3"])
                #expect(result.status == 1)
                #expect(result.stdout.isEmpty)
                #expect(result.stderr.contains("DELETE /api/tickets/..%2Fclient%2F3: 404"), "\(result.stderr)")
                let check = try await sandbox.run("get /api/client/3\nprint response^id")
                #expect(check.stdout == "3\n", "\(check.stderr)")
                #expect(sandbox.stats().writes == 0)
                #expect(sandbox.stats()["DELETE /api/client/3"] == 0)
            }
        }

        @Test func anInjectedQueryStaysInsideTheSegment() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("id = \"1?count=1\"\nget /api/tickets/<<id>>")
                #expect(result.status == 1)
                #expect(result.stderr.contains("GET /api/tickets/1%3Fcount%3D1: 404"), "\(result.stderr)")
            }
        }

        @Test func aDotDotValueStopsTheRunBeforeAnyRequest() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("id = \"..\"\ndelete /api/tickets/<<id>>")
                #expect(result.status == 1)
                #expect(result.stderr.contains("-e:2:23: error: a request path cannot have the segment '..'"), "\(result.stderr)")
                #expect(result.stderr.contains("^"))
                #expect(sandbox.stats().writes == 0)
            }
        }
    }
}
