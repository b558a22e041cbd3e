import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// GETs through the built binary: lists, single records, 404s, `get all`.
    @Suite struct ReadTests {
        @Test func listGivesRecordCountAndClients() async throws {
            try await withSandbox { sandbox in
                let code = """
                get /api/client
                  -> clients = response^clients
                  -> total = response^record_count
                print total, len(clients), status
                print clients^0^name
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines == ["38 38 200", "Abbott & Finch Solicitors"])
                #expect(sandbox.stats()["GET /api/client"] == 1)
            }
        }

        @Test func singleRecordIsOneObject() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("get /api/client/3\nprint response^id, response^name, type(response)")
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "3 Castleford Logistics object\n")
            }
        }

        @Test func queryObjectFiltersTheList() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run(#"get /api/client {search: "Castleford"}"# + "\nprint response^clients^name")
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.contains("Castleford Logistics"))
                #expect(!result.stdout.contains("Abbott"))
            }
        }

        @Test func unknownIdFailsWith404AndAHint() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("get /api/client/99999\nprint \"not reached\"")
                #expect(result.status == 1)
                #expect(result.stdout == "")
                #expect(result.stderr.contains("GET /api/client/99999"))
                #expect(result.stderr.contains("404"))
                #expect(result.stderr.contains("unknown id or path"))
                #expect(sandbox.stats()["GET /api/client/99999"] == 1, "a 404 is not retried")
            }
        }

        @Test func a404IsCatchableWithStatusAndBody() async throws {
            try await withSandbox { sandbox in
                let code = """
                try {
                  get /api/client/99999
                } catch err {
                  print err^status
                  print type(err^body)
                  print err^body^Message != null
                  print contains(err^message, "404")
                }
                print "after"
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines == ["404", "object", "true", "true", "after"])
            }
        }

        @Test func getAllWalksEveryPage() async throws {
            try await withSandbox(maxRequests: 80) { sandbox in
                let code = """
                get all /api/tickets
                  -> tickets = response^tickets
                  -> total = response^record_count
                print total
                print len(tickets)
                print len(unique([t^id for t in tickets]))
                """
                let result = try await sandbox.run(code, flags: SandboxFixture.quickRetries + ["--page-size", "250"])
                #expect(result.status == 0, "\(result.stderr)")
                let numbers = result.lines.compactMap { Int($0) }
                try #require(numbers.count == 3, "\(result.stdout)")
                let total = numbers[0]
                #expect(total > 2 * 250, "needs several pages to prove anything")
                #expect(numbers[1] == total)
                #expect(numbers[2] == total, "no ticket twice")
                let pages = (total + 249) / 250
                #expect(sandbox.stats()["GET /api/tickets"] == pages)
                #expect(sandbox.stats().tokensIssued == 1)
            }
        }

        @Test func getAllKeepsTheQueryFilters() async throws {
            try await withSandbox { sandbox in
                let code = """
                get all /api/tickets {client_id: 3}
                print response^record_count == len(response^tickets)
                print unique(response^tickets^client_id)
                """
                let result = try await sandbox.run(code, flags: SandboxFixture.quickRetries + ["--page-size", "50"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines == ["true", "[3]"])
                #expect(sandbox.stats()["GET /api/tickets"] >= 2)
            }
        }

        @Test func getAllOnABareArrayEndpoint() async throws {
            try await withSandbox { sandbox in
                let code = """
                get all /api/status
                print response^record_count, len(response^items)
                get /api/status
                print type(response), len(response)
                """
                let result = try await sandbox.run(code, flags: SandboxFixture.quickRetries + ["--page-size", "2"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines == ["9 9", "list 9"])
                // A bare array is its own single page.
                #expect(sandbox.stats()["GET /api/status"] == 2)
            }
        }

        @Test func pathsAreCaseInsensitive() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("get /api/Client/3\nprint response^name")
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "Castleford Logistics\n")
            }
        }

        @Test func oneTokenServesAWholeRun() async throws {
            try await withSandbox { sandbox in
                let code = """
                for id in [1, 2, 3, 4, 5] {
                  get /api/client/<<id>>
                }
                print "done"
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                let stats = sandbox.stats()
                #expect(stats.tokensIssued == 1)
                #expect(stats.total == 6)
            }
        }
    }
}
