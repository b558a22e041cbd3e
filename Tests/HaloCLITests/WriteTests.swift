import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// POST and DELETE through the built binary.
    @Suite struct WriteTests {
        @Test func postCreatesATicketWithAnId() async throws {
            try await withSandbox { sandbox in
                let code = """
                post /api/tickets {summary: "Disk full on FS01", client_id: 3}
                print status
                print type(response^id), response^id > 10000
                print response^summary, response^client_id
                get /api/tickets/<<response^id>>
                print response^summary
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(["200", "201"].contains(result.lines.first ?? ""), "\(result.stdout)")
                #expect(result.lines.dropFirst() == ["number true", "Disk full on FS01 3", "Disk full on FS01"])
                let stats = sandbox.stats()
                #expect(stats["POST /api/tickets"] == 1)
                #expect(stats.writes == 1)
            }
        }

        @Test func postWithAnIdMergesFieldsIntoTheRecord() async throws {
            try await withSandbox { sandbox in
                let code = """
                get /api/tickets/1
                  -> before = response
                post /api/tickets {id: 1, summary: "Renamed by a runbook"}
                get /api/tickets/1
                  -> after = response
                print after^summary
                print after^client_id == before^client_id, after^status_id == before^status_id, after^details == before^details
                print len(keys(after)) >= len(keys(before))
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines == ["Renamed by a runbook", "true true true", "true"])
                #expect(sandbox.stats()["POST /api/tickets"] == 1)
            }
        }

        @Test func postAListSendsItInOneRequest() async throws {
            try await withSandbox { sandbox in
                let code = """
                post /api/tickets [{summary: "one", client_id: 3}, {summary: "two", client_id: 3}]
                print type(response), len(response)
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "list 2\n")
                #expect(sandbox.stats()["POST /api/tickets"] == 1)
            }
        }

        @Test func deleteThenGetIs404AndCatchable() async throws {
            try await withSandbox { sandbox in
                let code = """
                delete /api/tickets/5
                print "deleted", status
                try {
                  get /api/tickets/5
                  print "still there"
                } catch err {
                  print err^status
                }
                get /api/tickets/5
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 1)
                #expect(result.lines.count == 2, "\(result.stdout)")
                #expect(result.lines.first?.hasPrefix("deleted 2") == true)
                #expect(result.lines.last == "404")
                #expect(result.stderr.contains("GET /api/tickets/5"))
                #expect(result.stderr.contains("404"))
                let stats = sandbox.stats()
                #expect(stats["DELETE /api/tickets/5"] == 1)
                #expect(stats["GET /api/tickets/5"] == 3, "the journal reads the record once before deleting it")
            }
        }

        @Test func deleteOfAnUnknownIdIs404() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("delete /api/tickets/999999")
                #expect(result.status == 1)
                #expect(result.stderr.contains("DELETE /api/tickets/999999"))
                #expect(result.stderr.contains("404"))
                #expect(sandbox.stats()["DELETE /api/tickets/999999"] == 1)
            }
        }
    }
}
