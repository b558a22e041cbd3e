import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HaloSandbox
import Testing

extension EndToEnd {
    /// Plans, the write journal and `halo undo`, driving the built binary against the sandbox.
    @Suite struct WriteSafetyTests {
        // MARK: - plan

        @Test func planShowsTheFieldsThatWouldChangeAndWritesNothing() async throws {
            try await withSandbox { sandbox in
                let code = """
                get /api/tickets/2
                status = response^status_id
                post /api/tickets [{id: 8, status_id: 9, agent_id: 3}, {id: 2, status_id: status}]
                post /api/tickets {summary: "Disk full", client_id: 3}
                delete /api/tickets/5
                """
                let planJSON = sandbox.stateDirectory.appendingPathComponent("plan.json").path
                try FileManager.default.createDirectory(at: sandbox.stateDirectory, withIntermediateDirectories: true)
                let result = try await sandbox.run(code, flags: ["--plan", "--plan-json", planJSON])
                #expect(result.status == 0, "\(result.stderr)")
                let ticket8 = try await Self.record(sandbox, "tickets/8")
                let ticket5 = try await Self.record(sandbox, "tickets/5")
                #expect(result.lines == [
                    "tickets/8: status_id \(ticket8["status_id"]!) → 9, agent_id \(ticket8["agent_id"]!) → 3",
                    "tickets/2: no change",
                    #"tickets/new: summary "Disk full", client_id 3"#,
                    "tickets/5: delete \"\(ticket5["summary"]!)\"",
                    "plan: 1 update (2 fields), 1 create, 1 delete, 1 unchanged on \(sandbox.server.url) (3 reads; nothing was written)",
                ])
                let stats = sandbox.stats()
                #expect(stats.writes == 0)
                #expect(stats["POST /api/tickets"] == 0 && stats["DELETE /api/tickets/5"] == 0)
                let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planJSON))) as? [String: Any])
                let summary = try #require(plan["summary"] as? [String: Int])
                #expect(summary == ["updates": 1, "fields": 2, "creates": 1, "deletes": 1, "unchanged": 1, "other": 0, "reads": 3])
                let writes = try #require(plan["writes"] as? [[String: Any]])
                let first = try #require((writes.first?["records"] as? [[String: Any]])?.first)
                #expect((first["changes"] as? [String: [String: Int]])?["status_id"]?["to"] == 9)
                #expect(!FileManager.default.fileExists(atPath: sandbox.journalDirectory.path), "a plan journals nothing")
            }
        }

        @Test func dryRunIsThePlan() async throws {
            try await withSandbox { sandbox in
                let code = "post /api/tickets [{id: 8, status_id: 9}]"
                let plan = try await sandbox.run(code, flags: ["--plan"])
                let dryRun = try await sandbox.run(code, flags: ["--dry-run"])
                #expect(plan.status == 0 && dryRun.status == 0)
                #expect(plan.stdout == dryRun.stdout)
                #expect(plan.lines.first?.hasPrefix("tickets/8: status_id ") == true)
                #expect(sandbox.stats().writes == 0)
            }
        }

        @Test func planWithJSONKeepsStdoutOneDocumentWithThePlanInIt() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("post /api/tickets {id: 8, status_id: 9}", flags: ["--plan", "--json"])
                #expect(result.status == 0, "\(result.stderr)")
                let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
                let plan = try #require(document["plan"] as? [String: Any])
                #expect((plan["summary"] as? [String: Int])?["updates"] == 1)
                #expect(result.stderr.contains("tickets/8: status_id 2 → 9"))
                #expect(sandbox.stats().writes == 0)
            }
        }

        @Test func aSecondPlannedWriteToARecordIsComparedWithTheFirstsResult() async throws {
            try await withSandbox { sandbox in
                let code = """
                post /api/tickets {id: 8, status_id: 9}
                post /api/tickets {id: 8, status_id: 9, agent_id: 3}
                """
                let result = try await sandbox.run(code, flags: ["--plan"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines[1].hasPrefix("tickets/8: agent_id "), "status_id is already 9 in the plan: \(result.lines)")
                #expect(result.lines.last?.contains("(1 read;") == true, "the record is read once")
                #expect(sandbox.stats()["GET /api/tickets/8"] == 1)
            }
        }

        // MARK: - journal

        @Test func everySentWriteIsJournaledWithTheRecordBeforeAndItsOutcome() async throws {
            try await withSandbox { sandbox in
                let before = try await Self.record(sandbox, "tickets/8")
                let result = try await sandbox.run("post /api/tickets {id: 8, status_id: 9}\ndelete /api/tickets/4")
                #expect(result.status == 0, "\(result.stderr)")
                let files = try Self.journalFiles(sandbox)
                #expect(files.count == 1)
                let file = try #require(files.first)
                #expect(try Self.mode(sandbox.journalDirectory.path) == 0o700)
                #expect(try Self.mode(file.path) == 0o600)
                let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                    .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
                #expect(lines.map { $0["type"] as? String } == ["run", "write", "outcome", "write", "outcome"])
                #expect(lines[0]["runbook"] as? String == "-e")
                #expect(lines[0]["target"] as? String == sandbox.server.url)
                let records = try #require(lines[1]["records"] as? [[String: Any]])
                #expect((records.first?["before"] as? [String: Any])?["status_id"] as? Int == before["status_id"] as? Int)
                #expect(lines[2]["outcome"] as? String == "applied")
                #expect(((lines[2]["saved"] as? [String: Any])?["status_id"]) as? Int == 9)
                #expect((lines[3]["records"] as? [[String: Any]])?.first?["action"] as? String == "delete")

                let list = try await sandbox.halo(["journal"])
                #expect(list.status == 0, "\(list.stderr)")
                #expect(list.lines.count == 2)
                let row = list.lines[1].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                #expect(row[3...7] == ["0", "1", "1", "0", "0"], "creates, updates, deletes, unknown, rejected: \(row)")
                let shown = try await sandbox.halo(["journal", "last"])
                #expect(shown.stdout.contains("#1 POST /api/tickets · applied (201)"), "\(shown.stdout)")
                #expect(shown.stdout.contains("tickets/8: status_id \(before["status_id"]!) → 9"))
                #expect(shown.stdout.contains("#2 DELETE /api/tickets/4 · applied (200)"))
            }
        }

        @Test func noJournalWritesNoJournalAndReadsNothingFirst() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("post /api/tickets {id: 8, status_id: 9}", flags: ["--no-journal"])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(sandbox.stats()["GET /api/tickets/8"] == 0)
                #expect(!FileManager.default.fileExists(atPath: sandbox.journalDirectory.path))
            }
        }

        @Test func theJournalHoldsNoSecretOrToken() async throws {
            try await withSandbox { sandbox in
                let token = try await sandbox.fetchToken()
                // Not sent: a request holding the secret is refused before it leaves. The journal must not hold it either.
                let code = """
                post /api/tickets {id: 8, status_id: 9}
                try { post /api/actions {ticket_id: 1, note: env("HALO_CLIENT_SECRET")} } catch e { print "refused" }
                post /api/actions {ticket_id: 1, note: "token \(token.prefix(8))"}
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                let text = try Self.journalFiles(sandbox).map { try String(contentsOf: $0, encoding: .utf8) }.joined()
                #expect(text.contains("status_id"))
                sandbox.expectNoSecrets(in: text)
                #expect(!text.contains(token))
            }
        }

        // MARK: - undo

        @Test func undoRestoresTwentyFiveClosedTicketsFieldByField() async throws {
            try await withSandbox(maxRequests: 400) { sandbox in
                let before = try await Self.openTicketStatuses(sandbox)
                let run = try await sandbox.halo(["scripts/close-stale-tickets.halo", "--set", "limit=25"])
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.lines.last == "closed 25 tickets")
                let listed = try await sandbox.halo(["journal"])
                let runID = try #require(listed.lines.last?.split(separator: " ").first.map(String.init))
                #expect(listed.lines.last?.contains("scripts/close-stale-tickets.halo") == true)
                let closed = try Self.journaledIDs(sandbox)
                #expect(closed.count == 25)
                for id in closed { #expect(try await Self.record(sandbox, "tickets/\(id)")["status_id"] as? Int == 9) }

                let plan = try await sandbox.halo(["undo", runID, "--plan"])
                #expect(plan.status == 0, "\(plan.stderr)")
                #expect(plan.lines.filter { $0.hasSuffix("→ \(before[closed[0]]!)") || $0.contains("status_id 9 →") }.count == 25)
                #expect(plan.lines.last?.hasPrefix("plan: 25 updates (25 fields)") == true, "\(plan.stdout)")
                let writesBeforeUndo = sandbox.stats().writes

                let undo = try await sandbox.halo(["undo", runID])
                #expect(undo.status == 0, "\(undo.stderr)")
                #expect(undo.lines.filter { $0.hasSuffix("(restored)") }.count == 25)
                #expect(undo.lines.last?.hasPrefix("undo of \(runID): 25 restored, 0 deleted, 0 re-created, 0 skipped") == true, "\(undo.stdout)")
                #expect(sandbox.stats().writes == writesBeforeUndo + 1, "the 25 reverts go in one POST")
                for id in closed {
                    #expect(try await Self.record(sandbox, "tickets/\(id)")["status_id"] as? Int == before[id], "ticket \(id)")
                }
            }
        }

        /// The issue's scenario as a user runs it: `halo sandbox --port N` in one process, the runbook,
        /// `halo journal` and `halo undo` in others.
        @Test func onAHaloSandboxServerUndoReopensWhatCloseStaleTicketsClosed() async throws {
            let port = try ConcurrencyTests.freePort()
            let server = try HaloProcess.start(["sandbox", "--port", String(port)])
            defer { server.signal(SIGTERM); _ = try? server.wait(timeout: 10) }
            let url = "http://127.0.0.1:\(port)"
            try #require(await ConcurrencyTests.isServing(url))
            let state = FileManager.default.temporaryDirectory.appendingPathComponent("halo-e2e-state-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: state) }
            let env = ["HALO_URL": url, "HALO_TENANT": "sandbox", "HALO_CLIENT_ID": "halo-sandbox",
                       "HALO_CLIENT_SECRET": "sandbox-secret-not-for-production", "XDG_STATE_HOME": state.path]
            let statuses = "get all /api/tickets\nprint json([[t^id, t^status_id] for t in response^tickets])"
            let before = try await runHaloOffThePool(["-e", statuses], environment: env)
            let run = try await runHaloOffThePool(["scripts/close-stale-tickets.halo", "--set", "limit=25"], environment: env)
            #expect(run.status == 0 && run.stdout.hasSuffix("closed 25 tickets\n"), "\(run.stderr)")
            let listed = try await runHaloOffThePool(["journal"], environment: env)
            #expect(listed.lines.count == 2 && listed.lines[1].contains(" 25 "), "\(listed.stdout)")
            let undo = try await runHaloOffThePool(["undo", "last"], environment: env)
            #expect(undo.status == 0, "\(undo.stderr)")
            #expect(undo.lines.last?.contains("25 restored, 0 deleted, 0 re-created, 0 skipped") == true, "\(undo.stdout)")
            let after = try await runHaloOffThePool(["-e", statuses], environment: env)
            #expect(after.stdout == before.stdout, "every ticket's status as before the run")
        }

        @Test func undoSkipsARecordChangedSinceTheRunAndSaysSo() async throws {
            try await withSandbox(maxRequests: 100) { sandbox in
                let before = try await Self.record(sandbox, "tickets/11")["status_id"] as? Int
                let run = try await sandbox.run("post /api/tickets [{id: 8, status_id: 9}, {id: 11, status_id: 9}]")
                #expect(run.status == 0, "\(run.stderr)")
                let runID = try Self.lastRunID(sandbox)
                // Someone else moves ticket 1 on after the run.
                #expect(try await sandbox.run("post /api/tickets {id: 8, status_id: 4}", flags: ["--no-journal"]).status == 0)

                let undo = try await sandbox.halo(["undo", runID])
                #expect(undo.status == 1, "a skipped record is reported with exit 1")
                #expect(undo.lines.contains("tickets/8: skipped: changed since the run (status_id is 4, the run wrote 9)"), "\(undo.stdout)")
                #expect(undo.lines.last?.contains("1 restored, 0 deleted, 0 re-created, 1 skipped") == true)
                #expect(try await Self.record(sandbox, "tickets/8")["status_id"] as? Int == 4, "never overwritten")
                #expect(try await Self.record(sandbox, "tickets/11")["status_id"] as? Int == before)
            }
        }

        @Test func aRecordWrittenTwiceIsRestoredToItsFirstStateInOnePost() async throws {
            try await withSandbox(maxRequests: 100) { sandbox in
                let before = try await Self.record(sandbox, "tickets/8")
                let code = "post /api/tickets {id: 8, status_id: 9}\npost /api/tickets {id: 8, status_id: 4, priority_id: 1}"
                #expect(try await sandbox.run(code).status == 0)
                let writes = sandbox.stats().writes
                let undo = try await sandbox.halo(["undo", "last"])
                #expect(undo.status == 0, "\(undo.stderr)")
                #expect(undo.lines.last?.hasPrefix("undo of ") == true && undo.lines.last?.contains("2 restored") == true, "\(undo.stdout)")
                #expect(sandbox.stats().writes == writes + 1)
                let after = try await Self.record(sandbox, "tickets/8")
                #expect(after["status_id"] as? Int == before["status_id"] as? Int)
                #expect(after["priority_id"] as? Int == before["priority_id"] as? Int)
            }
        }

        @Test func undoDeletesCreatedRecordsAndRecreatesDeletedOnes() async throws {
            try await withSandbox(maxRequests: 100) { sandbox in
                let deleted = try await Self.record(sandbox, "tickets/6")
                let code = """
                created = post /api/tickets {summary: "Made by the run", client_id: 3}
                print created^id
                delete /api/tickets/6
                """
                let run = try await sandbox.run(code)
                #expect(run.status == 0, "\(run.stderr)")
                let newID = try #require(run.lines.first)
                let undo = try await sandbox.halo(["undo", "last"])
                #expect(undo.status == 0, "\(undo.stderr)")
                #expect(undo.lines.contains(#"tickets/\#(newID) "Made by the run": deleted (the run created it)"#), "\(undo.stdout)")
                let recreated = try #require(undo.lines.first { $0.hasPrefix("tickets/6: re-created as tickets/") })
                let recreatedID = try #require(recreated.split(separator: "/").dropFirst(2).first?.split(separator: " ").first.map(String.init))
                #expect(try await Self.status(sandbox, "tickets/\(newID)") == 404)
                let copy = try await Self.record(sandbox, "tickets/\(recreatedID)")
                #expect(copy["summary"] as? String == deleted["summary"] as? String)
                #expect(copy["client_id"] as? Int == deleted["client_id"] as? Int)
            }
        }

        @Test func undoIsJournaledSoItCanBeUndone() async throws {
            try await withSandbox(maxRequests: 100) { sandbox in
                #expect(try await sandbox.run("post /api/tickets {id: 8, status_id: 9}").status == 0)
                let first = try Self.lastRunID(sandbox)
                let undo = try await sandbox.halo(["undo", first])
                #expect(undo.status == 0, "\(undo.stderr)")
                let second = try Self.lastRunID(sandbox)
                #expect(second != first)
                #expect(undo.lines.last?.hasSuffix("journaled as run \(second) (halo undo \(second) reverses it)") == true)
                let redo = try await sandbox.halo(["undo", second])
                #expect(redo.status == 0, "\(redo.stderr)")
                #expect(try await Self.record(sandbox, "tickets/8")["status_id"] as? Int == 9)
                let list = try await sandbox.halo(["journal"])
                #expect(list.stdout.contains("halo undo \(first) (undo of \(first))"))
            }
        }

        @Test func undoRefusesAnotherServer() async throws {
            try await withSandbox { sandbox in
                #expect(try await sandbox.run("post /api/tickets {id: 8, status_id: 9}").status == 0)
                var other = sandbox.environment
                other["HALO_URL"] = "http://127.0.0.1:9"
                let undo = try await sandbox.halo(["undo", "last"], environment: other)
                #expect(undo.status != 0)
                #expect(undo.stderr.contains("wrote to \(sandbox.server.url)"), "\(undo.stderr)")
                #expect(sandbox.stats().writes == 1)
            }
        }

        // MARK: - permissions

        @Test func aRunbookPlannedFineFailsWith403OnWriteAndIsJournaledAsRejected() async throws {
            try await withSandbox { sandbox in
                var readOnly = sandbox.environment
                readOnly["HALO_CLIENT_ID"] = SandboxApplication.readOnly.clientID
                readOnly["HALO_CLIENT_SECRET"] = SandboxApplication.readOnly.clientSecret
                let code = "get /api/tickets/8\npost /api/tickets {id: 8, status_id: 9}"
                let plan = try await sandbox.run(code, flags: ["--plan"], environment: readOnly)
                #expect(plan.status == 0, "\(plan.stderr)")
                #expect(plan.lines.first?.hasSuffix("→ 9") == true)

                let run = try await sandbox.run(code, environment: readOnly)
                #expect(run.status == 1)
                #expect(run.stderr.contains("POST /api/tickets: 403"), "\(run.stderr)")
                #expect(run.stderr.contains("hint: this needs the 'edit:tickets' permission: add it to the API application's permissions"))
                #expect(sandbox.stats().writes == 0 && sandbox.stats().forbidden == 1)
                let shown = try await sandbox.halo(["journal", "last"], environment: readOnly)
                #expect(shown.stdout.contains("#1 POST /api/tickets · rejected (403: The API application does not have the 'edit:tickets' permission"), "\(shown.stdout)")
                let undo = try await sandbox.halo(["undo", "last"], environment: readOnly)
                #expect(undo.status == 0, "nothing to undo: \(undo.stderr)")
                #expect(undo.lines.last?.contains("0 restored") == true)
            }
        }

        // MARK: - helpers

        /// One record, read straight from the sandbox (not through halo).
        static func record(_ sandbox: SandboxFixture, _ path: String) async throws -> [String: Any] {
            let (data, _) = try await Self.fetch(sandbox, path)
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        static func status(_ sandbox: SandboxFixture, _ path: String) async throws -> Int {
            try await Self.fetch(sandbox, path).1
        }

        private static func fetch(_ sandbox: SandboxFixture, _ path: String) async throws -> (Data, Int) {
            var request = URLRequest(url: URL(string: sandbox.server.url + "/api/" + path)!)
            request.setValue("Bearer " + (try await sandbox.fetchToken()), forHTTPHeaderField: "Authorization")
            let session = URLSession(configuration: .ephemeral)
            defer { session.finishTasksAndInvalidate() }
            let (data, response) = try await session.data(for: request)
            return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
        }

        /// id → status of every open ticket, read through halo before a run changes them.
        static func openTicketStatuses(_ sandbox: SandboxFixture) async throws -> [Int: Int] {
            let result = try await sandbox.run("get all /api/tickets {open_only: true}\nprint json({s: [[t^id, t^status_id] for t in response^tickets]})")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [[Int]]])
            return Dictionary(uniqueKeysWithValues: (object["s"] ?? []).map { ($0[0], $0[1]) })
        }

        static func journalFiles(_ sandbox: SandboxFixture) throws -> [URL] {
            try FileManager.default.contentsOfDirectory(at: sandbox.journalDirectory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "jsonl" }.sorted { $0.path < $1.path }
        }

        /// The newest run's id, from its file name (`TIME-RUN.jsonl`).
        static func lastRunID(_ sandbox: SandboxFixture) throws -> String {
            let file = try #require(try journalFiles(sandbox).last)
            return String(file.deletingPathExtension().lastPathComponent.split(separator: "-").last!)
        }

        /// The ids the newest run's writes updated.
        static func journaledIDs(_ sandbox: SandboxFixture) throws -> [Int] {
            let file = try #require(try journalFiles(sandbox).last)
            return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").flatMap { line -> [Int] in
                let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                return ((entry["records"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int }
            }
        }

        static func mode(_ path: String) throws -> Int {
            (((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1) & 0o777
        }
    }
}
