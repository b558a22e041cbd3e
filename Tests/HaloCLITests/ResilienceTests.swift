import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// Token renewal, rate limits, retries, and the writes that must never be resent.
    @Suite struct ResilienceTests {
        @Test func tokenExpiringMidRunIsRenewed() async throws {
            try await withSandbox({ $0.tokenLifetime = 1 }) { sandbox in
                let code = """
                get /api/client/3
                print response^name
                sleep(1.5)
                get /api/client/4
                print response^name
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines == ["Castleford Logistics", "Dunmore Veterinary Practice"])
                let stats = sandbox.stats()
                #expect(stats.tokensIssued == 2)
                #expect(stats["POST /auth/token"] == 2)
                // Renewed before use: the sandbox never had to refuse the old token.
                #expect(stats["GET /api/client/4"] == 1)
            }
        }

        @Test func injected429WithRetryAfterIsRetried() async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "GET", pathPrefix: "/api/client", status: 429, count: 1, retryAfter: 1))
                let started = Date()
                let result = try await sandbox.run("get /api/client/3\nprint response^name",
                                                   flags: ["--max-attempts", "3", "--max-retry-wait", "5"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "Castleford Logistics\n")
                #expect(Date().timeIntervalSince(started) >= 1, "Retry-After: 1 was honoured")
                let stats = sandbox.stats()
                #expect(stats["GET /api/client/3"] == 2)
                #expect(stats.faultsServed == 1)
            }
        }

        @Test func rateLimitedGetWaitsForTheWindowThenSucceeds() async throws {
            try await withSandbox({ $0.rateLimit = 2; $0.rateWindow = 1 }) { sandbox in
                let code = """
                for id in [1, 2, 3] {
                  get /api/client/<<id>>
                }
                print response^name
                """
                let result = try await sandbox.run(code, flags: ["--max-attempts", "3", "--max-retry-wait", "5"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "Castleford Logistics\n")
                let stats = sandbox.stats()
                #expect(stats.rateLimited == 1)
                #expect(stats["GET /api/client/3"] == 2)
            }
        }

        @Test func rateLimitWithoutRetryAfterStaysWithinMaxRetryWait() async throws {
            try await withSandbox({ $0.rateLimit = 1; $0.rateWindow = 1; $0.sendRetryAfter = false }) { sandbox in
                let code = """
                get /api/client/1
                get /api/client/2
                print response^name
                """
                let started = Date()
                let result = try await sandbox.run(code, flags: ["--max-attempts", "3", "--max-retry-wait", "1.2"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "Brightwater Dental Group\n")
                #expect(Date().timeIntervalSince(started) < 10, "the 5 s rate-limit backoff is capped by --max-retry-wait")
                #expect(sandbox.stats()["GET /api/client/2"] >= 2)
            }
        }

        @Test func rateLimitThatOutlastsTheBudgetFailsWithAHint() async throws {
            try await withSandbox({ $0.rateLimit = 1; $0.rateWindow = 300 }) { sandbox in
                let result = try await sandbox.run("get /api/client/1\nget /api/client/2",
                                                   flags: ["--max-attempts", "3", "--max-retry-wait", "1"])
                #expect(result.status == 1)
                #expect(result.stderr.contains("GET /api/client/2"))
                #expect(result.stderr.contains("429"))
                #expect(result.stderr.contains("rate limit"))
                // Retry-After (300 s) exceeds the budget, so halo gives up at once instead of sleeping.
                #expect(sandbox.stats()["GET /api/client/2"] == 1)
            }
        }

        @Test func getThatFailsTwiceWith503ThenSucceeds() async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "GET", pathPrefix: "/api/client", status: 503, count: 2))
                let result = try await sandbox.run("get /api/client/3\nprint response^name",
                                                   flags: ["--max-attempts", "4", "--max-retry-wait", "5"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "Castleford Logistics\n")
                let stats = sandbox.stats()
                #expect(stats["GET /api/client/3"] == 3)
                #expect(stats.faultsServed == 2)
            }
        }

        @Test func getThatKeepsFailingGivesUpAfterMaxAttempts() async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "GET", pathPrefix: "/api/client", status: 502, count: 10))
                let result = try await sandbox.run("get /api/client/3",
                                                   flags: ["--max-attempts", "2", "--max-retry-wait", "3"])
                #expect(result.status == 1)
                #expect(result.stderr.contains("GET /api/client/3"))
                #expect(result.stderr.contains("502"))
                #expect(sandbox.stats()["GET /api/client/3"] == 2)
            }
        }

        @Test(arguments: [500, 502])
        func postThatGets5xxIsNotResent(status: Int) async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "POST", pathPrefix: "/api/tickets", status: status, count: 5))
                let code = #"post /api/tickets {summary: "must be created once at most", client_id: 3}"#
                let result = try await sandbox.run(code, flags: ["--max-attempts", "5", "--max-retry-wait", "5"])
                #expect(result.status == 1)
                #expect(result.stderr.contains("POST /api/tickets"))
                #expect(result.stderr.contains("\(status)"))
                #expect(result.stderr.contains("may or may not have happened"))
                let stats = sandbox.stats()
                #expect(stats["POST /api/tickets"] == 1)
                #expect(stats.writes == 0)
                // And nothing was created: the sandbox still has no such ticket.
                let check = try await sandbox.run(#"get /api/tickets {search: "must be created once"}"# + "\nprint response^record_count")
                #expect(check.stdout == "0\n", "\(check.stderr)")
            }
        }

        @Test func writeMayHaveAppliedIsCatchable() async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "POST", pathPrefix: "/api/tickets", status: 500, count: 1))
                let code = """
                try {
                  post /api/tickets {summary: "x", client_id: 3}
                } catch err {
                  print err^status, err^write_may_have_applied
                }
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "500 true\n")
                #expect(sandbox.stats()["POST /api/tickets"] == 1)
            }
        }

        @Test func postThatGets429IsResent() async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "POST", pathPrefix: "/api/tickets", status: 429, count: 1, retryAfter: 1))
                let code = #"post /api/tickets {summary: "sent after a 429", client_id: 3}"# + "\nprint response^summary"
                let result = try await sandbox.run(code, flags: ["--max-attempts", "3", "--max-retry-wait", "5"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "sent after a 429\n")
                let stats = sandbox.stats()
                #expect(stats["POST /api/tickets"] == 2)
                #expect(stats.writes == 1)
            }
        }
    }
}
