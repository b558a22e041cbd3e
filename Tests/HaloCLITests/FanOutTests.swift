import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// `pmap` through the built binary: its threads share the command's connection.
    @Suite struct FanOutTests {
        @Test func fetchingTicketsByIdKeepsTheirOrder() async throws {
            try await withSandbox { sandbox in
                let code = """
                ids = [5, 3, 9, 1, 7, 2, 8, 4]
                tickets = pmap(ids, fn(id) { return get /api/tickets/<<id>> })
                print tickets^id
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines == ["[5,3,9,1,7,2,8,4]"])
                #expect(sandbox.stats()["GET /api/tickets/9"] == 1)
            }
        }

        @Test func aMissingTicketNamesTheItemThatAskedForIt() async throws {
            try await withSandbox { sandbox in
                let code = """
                fn fetch(id) {
                  return get /api/tickets/<<id>>
                }
                tickets = pmap([1, 2, 999999, 4], fetch)
                print "not reached"
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 1)
                #expect(result.stdout == "")
                let lines = result.errorLines
                #expect(lines.first?.hasPrefix("-e:2:10: error: ") == true, "\(result.stderr)")
                #expect(lines.first?.contains("404") == true, "\(result.stderr)")
                #expect(lines.contains("  in fetch() called at -e:4:11"), "\(result.stderr)")
                #expect(lines.contains("  in pmap item 2 (value 999999)"), "\(result.stderr)")
                #expect(sandbox.stats()["GET /api/tickets/999999"] == 1, "a 404 is neither retried nor replayed")
            }
        }

        @Test func aPostInsideIsSentOncePerItem() async throws {
            try await withSandbox { sandbox in
                let code = """
                created = pmap(range(6), fn(i) { return post /api/tickets {summary: "fan-out <<i>>", client_id: 3} })
                print created^summary
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines == [#"["fan-out 0","fan-out 1","fan-out 2","fan-out 3","fan-out 4","fan-out 5"]"#])
                let stats = sandbox.stats()
                #expect(stats["POST /api/tickets"] == 6)
                #expect(stats.writes == 6)
            }
        }
    }
}
