import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// `--max-response-mb` caps the size of one reply (the client tests stream an endless one).
    @Suite struct ReplySizeTests {
        @Test func aReplyOverTheCapIsAnErrorNamingTheFlag() async throws {
            try await withSandbox { sandbox in
                // 0.001 MB is 1,048 bytes: smaller than a page of tickets.
                let result = try await sandbox.run("get /api/tickets", flags: ["--max-response-mb", "0.001"])
                #expect(result.status == 1)
                #expect(result.stderr.contains("GET /api/tickets: reply larger than 1.02 KB (--max-response-mb)"), "\(result.stderr)")
            }
        }

        @Test func theVariableSetsTheCapWhenTheFlagIsAbsent() async throws {
            try await withSandbox { sandbox in
                var environment = sandbox.environment
                environment["HALO_MAX_RESPONSE_MB"] = "0.001"
                let result = try await sandbox.run("get /api/tickets", environment: environment)
                #expect(result.status == 1)
                #expect(result.stderr.contains("(HALO_MAX_RESPONSE_MB)"), "\(result.stderr)")
            }
        }
    }
}
