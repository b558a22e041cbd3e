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

        /// Eight replies each 300 ms late: one after another they take 2.4 s; eight in flight take one
        /// round trip plus the sign-in. The bound is loose; a serial run cannot meet it.
        @Test func itemsWaitForHaloTogetherUpToTheConcurrency() async throws {
            try await withSandbox({ $0.latency = 0.3 }) { sandbox in
                let code = """
                t0 = time()
                tickets = pmap([1, 2, 3, 4, 5, 6, 7, 8], fn(id) { return get /api/tickets/<<id>> })
                print tickets^id
                print time() - t0 < 1.8
                """
                let result = try await sandbox.run(code, flags: SandboxFixture.quickRetries + ["--concurrency", "8"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines == ["[1,2,3,4,5,6,7,8]", "true"], "\(result.stdout)")
            }
        }

        @Test func writesFromSeveralItemsAreEachJournaledOnce() async throws {
            try await withSandbox { sandbox in
                let code = "pmap([8, 11, 13, 14], fn(id) { return post /api/tickets {id: id, priority_id: 1} })"
                let result = try await sandbox.run(code, flags: SandboxFixture.quickRetries + ["--concurrency", "4"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(sandbox.stats().writes == 4)
                let file = try #require(try FileManager.default.contentsOfDirectory(at: sandbox.journalDirectory, includingPropertiesForKeys: nil).first)
                let entries = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                    .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
                let writes = entries.filter { $0["type"] as? String == "write" }
                let outcomes = entries.filter { $0["type"] as? String == "outcome" }
                #expect(writes.count == 4 && outcomes.count == 4, "\(entries)")
                #expect(Set(writes.compactMap { $0["seq"] as? Int }) == [1, 2, 3, 4])
                #expect(outcomes.allSatisfy { $0["outcome"] as? String == "applied" })
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
