import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// `--dry-run`, `--trace`, and what must never be printed.
    @Suite struct OutputTests {
        /// `--dry-run` is `--plan` (WriteSafetyTests has the rest): writes are shown by record, not sent.
        @Test func dryRunPrintsWritesAndSendsNone() async throws {
            try await withSandbox { sandbox in
                let code = """
                get /api/client/3
                print response^name
                post /api/tickets {summary: "Disk full", client_id: 3, tags: ["a", "b"], urgent: true}
                delete /api/tickets/5
                get /api/tickets/5
                print response^id
                """
                let result = try await sandbox.run(code, flags: SandboxFixture.quickRetries + ["--dry-run"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines == [
                    "Castleford Logistics",
                    #"tickets/new: summary "Disk full", client_id 3, tags ["a","b"], urgent true"#,
                    #"tickets/5: delete "Grant access to finance folder""#,
                    "5",
                    "plan: 0 updates (0 fields), 1 create, 1 delete on \(sandbox.server.url) (1 read; nothing was written)",
                ])
                let stats = sandbox.stats()
                #expect(stats["POST /api/tickets"] == 0)
                #expect(stats["DELETE /api/tickets/5"] == 0)
                #expect(stats.writes == 0)
                #expect(stats["GET /api/client/3"] == 1)
                #expect(stats["GET /api/tickets/5"] == 2, "read for the plan, then by the runbook: the delete was not sent")
            }
        }

        @Test func dryRunPrintsEachRecordOfAListBody() async throws {
            try await withSandbox { sandbox in
                let code = #"post /api/tickets [{id: 8, status_id: 9}, {id: 11, status_id: 9}]"#
                let result = try await sandbox.run(code, flags: SandboxFixture.quickRetries + ["--dry-run"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines == ["tickets/8: status_id 2 → 9", "tickets/11: status_id 3 → 9",
                                         "plan: 2 updates (2 fields), 0 creates, 0 deletes on \(sandbox.server.url) (2 reads; nothing was written)"])
                let stats = sandbox.stats()
                #expect(stats["POST /api/tickets"] == 0)
                #expect(stats.writes == 0)
            }
        }

        @Test func traceWritesOneLinePerRequest() async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "GET", pathPrefix: "/api/client/4", status: 503, count: 1))
                let code = """
                get /api/client/3
                get /api/client/4
                get /api/status
                print "done"
                """
                let result = try await sandbox.run(code, flags: ["--trace", "--max-attempts", "3", "--max-retry-wait", "3"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "done\n")
                let lines = result.errorLines
                // token + GET 3 + GET 4 (503, retried) + GET 4 + GET status
                #expect(lines.count == sandbox.stats().total)
                #expect(lines.count == 5, "\(result.stderr)")
                let pattern = try NSRegularExpression(
                    pattern: #"^trace: (GET|POST|DELETE) http://127\.0\.0\.1:\d+/\S+ \d{3} \d+B \d+ms( .*)?$"#)
                for line in lines {
                    let range = NSRange(line.startIndex..., in: line)
                    #expect(pattern.firstMatch(in: line, range: range) != nil, "not a trace line: \(line)")
                }
                let port = sandbox.server.port
                #expect(lines.first?.hasPrefix("trace: POST http://127.0.0.1:\(port)/auth/token?tenant=sandbox 200 ") == true)
                #expect(lines.contains { $0.hasPrefix("trace: GET http://127.0.0.1:\(port)/api/client/3 200 ") })
                #expect(lines.contains { $0.hasPrefix("trace: GET http://127.0.0.1:\(port)/api/client/4 503 ") && $0.contains("retry") })
                #expect(lines.contains { $0.hasPrefix("trace: GET http://127.0.0.1:\(port)/api/status 200 ") })
            }
        }

        @Test func traceShowsDryRunWritesAsNotSent() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run(#"post /api/tickets {summary: "x"}"#,
                                                   flags: ["--trace", "--dry-run"])
                #expect(result.status == 0, "\(result.stderr)")
                let posts = result.errorLines.filter { $0.contains("/api/tickets") }
                #expect(posts.count == 1, "\(result.stderr)")
                #expect(posts.first?.hasPrefix("trace: POST http://127.0.0.1:") == true)
                #expect(posts.first?.contains("not sent") == true)
                #expect(sandbox.stats()["POST /api/tickets"] == 0)
            }
        }

        /// The fixture scans every output of every test for the secret and for token-shaped text; this
        /// test proves the scan can see a real token and sweeps the riskiest outputs in one place.
        @Test func secretsAndTokensNeverAppearInAnyOutput() async throws {
            try await withSandbox(maxRequests: 80, { $0.tokenLifetime = 1 }) { sandbox in
                // A token exactly like the ones halo receives, fetched independently.
                let token = try await sandbox.fetchToken()
                #expect(SandboxFixture.tokenLikeStrings(in: "Authorization: Bearer \(token)") == [token],
                        "the scanner recognises a sandbox token")

                sandbox.inject(SandboxFault(method: "GET", pathPrefix: "/api/client/4", status: 401, count: 1))
                sandbox.inject(SandboxFault(method: "POST", pathPrefix: "/api/tickets", status: 500, count: 1))
                let code = """
                auth
                get /api/client/3
                sleep(1.2)
                get /api/client/4
                try { post /api/tickets {summary: "x", client_id: 3} } catch err { print err }
                try { get /api/client/99999 } catch err { print err }
                get /api/nonsense
                """
                var outputs: [HaloProcess.Result] = []
                outputs.append(try await sandbox.run(code, flags: ["--trace", "--max-attempts", "2", "--max-retry-wait", "2"]))
                outputs.append(try await sandbox.run(code, flags: ["--trace", "--dry-run"]))
                var bad = sandbox.environment
                bad["HALO_CLIENT_SECRET"] = "definitely-not-the-secret-91"
                outputs.append(try await sandbox.run("auth", flags: ["--trace"], environment: bad))
                var wrongTenant = sandbox.environment
                wrongTenant["HALO_TENANT"] = "elsewhere"
                outputs.append(try await sandbox.run("auth", flags: ["--trace"], environment: wrongTenant))

                #expect(outputs[0].status == 1)
                #expect(outputs[0].stderr.contains("trace: POST"))
                #expect(sandbox.stats().tokensIssued >= 3, "the first run renewed its token; traces saw several tokens")
                for output in outputs {
                    for text in [output.stdout, output.stderr] {
                        #expect(!text.contains(token))
                        #expect(!text.contains(sandbox.options.clientSecret))
                        #expect(!text.contains("definitely-not-the-secret-91"))
                        #expect(!text.contains("access_token"))
                        #expect(!text.lowercased().contains("bearer "), "\(text)")
                        sandbox.expectNoSecrets(in: text)
                    }
                }
            }
        }

        @Test func aTokenEchoedInAnErrorBodyIsRedacted() async throws {
            try await withSandbox { sandbox in
                // A server that quotes the secret back in its error text must not get it printed.
                let secret = sandbox.options.clientSecret
                sandbox.inject(SandboxFault(method: "GET", pathPrefix: "/api/client", status: 400, count: 1,
                                            body: #"{"Message":"bad request from client with secret \#(secret)"}"#))
                let code = """
                try { get /api/client/3 } catch err { print err^message; print err^body }
                get /api/client/3
                """
                sandbox.inject(SandboxFault(method: "GET", pathPrefix: "/api/client", status: 400, count: 1,
                                            body: "plain text with \(secret) inside"))
                let result = try await sandbox.run(code, flags: ["--trace"] + SandboxFixture.quickRetries)
                #expect(result.status == 1)
                #expect(result.stdout.contains("400"))
                #expect(!result.stdout.contains(secret))
                #expect(!result.stderr.contains(secret))
            }
        }
    }
}
