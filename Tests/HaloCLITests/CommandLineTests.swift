import Foundation
import Testing

extension EndToEnd {
    /// The command line itself: `--sandbox`, the shipped runbooks, `--set`, `halo check`, stdin, `-e`.
    /// None of these need an in-process sandbox; `--sandbox` starts halo's own.
    @Suite struct CommandLineTests {
        /// A temporary directory with `files`, removed after `body`.
        private func withFiles(_ files: [String: String], _ body: (URL) async throws -> Void) async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("halo-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            for (name, text) in files {
                try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            try await body(dir)
        }

        @Test func sandboxRunsTheClientsExample() async throws {
            let result = try await runHaloOffThePool(["--sandbox", "scripts/clients.halo"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.lines.first == "38 clients")
            #expect(result.lines.count == 39)
            #expect(result.stderr == "")
        }

        @Test func sandboxRunsOpenTicketsPerClient() async throws {
            let result = try await runHaloOffThePool(["--sandbox", "scripts/open-tickets-per-client.halo"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.lines.first?.contains("open tickets across") == true)
            #expect(result.lines.count == 11)
        }

        @Test func sandboxRunsCreateTicket() async throws {
            let result = try await runHaloOffThePool(["--sandbox", "scripts/create-ticket.halo", "--set", "client=Fenwick"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("created ticket "))
            #expect(result.stdout.contains("Fenwick"))
        }

        @Test func sandboxRunsCloseStaleTicketsDryRun() async throws {
            let result = try await runHaloOffThePool(["--sandbox", "--dry-run", "scripts/close-stale-tickets.halo", "--set", "limit=25"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.lines.first?.contains("open tickets have had no action") == true)
            #expect(result.lines.filter { $0.hasPrefix("tickets/") && $0.hasSuffix(" → 9") }.count == 25)
            #expect(result.lines.dropLast().last == "closed 25 tickets")
            #expect(result.lines.last?.hasPrefix("plan: 25 updates (25 fields), 0 creates, 0 deletes on http://127.0.0.1:") == true)
        }

        @Test func setOverridesAParamAsJSONOrText() async throws {
            try await withFiles(["p.halo": "param n = 1\nparam who = \"nobody\"\nprint n + 1, type(n)\nprint who, type(who)\n"]) { dir in
                let path = dir.appendingPathComponent("p.halo").path
                let defaults = try await runHaloOffThePool([path])
                #expect(defaults.status == 0, "\(defaults.stderr)")
                #expect(defaults.stdout == "2 number\nnobody string\n")

                let set = try await runHaloOffThePool([path, "--set", "n=41", "--set", "who=Acme Ltd"])
                #expect(set.status == 0, "\(set.stderr)")
                #expect(set.lines.first == "42 number")
                #expect(set.lines.last == "Acme Ltd string", "a value that is not JSON is text")

                let json = try await runHaloOffThePool([path, "--set", "n=2.5", "--set", "who=42"])
                #expect(json.status == 0, "\(json.stderr)")
                #expect(json.lines == ["3.5 number", "42 number"], "a value that parses as JSON is JSON")

                let list = try await runHaloOffThePool(["-e", "param ids = []\nprint len(ids), ids^1", "--set", "ids=[4, 5, 6]"])
                #expect(list.status == 0, "\(list.stderr)")
                #expect(list.stdout == "3 5\n")
            }
        }

        @Test func setOfAnUndeclaredNameIsAUsageError() async throws {
            try await withFiles(["p.halo": "param n = 1\nprint n\n"]) { dir in
                let result = try await runHaloOffThePool([dir.appendingPathComponent("p.halo").path, "--set", "nope=3"])
                #expect(result.status == 2)
                #expect(result.stdout == "")
                #expect(result.stderr.contains("nope"))
            }
        }

        @Test func checkAcceptsAGoodFile() async throws {
            let result = try await runHaloOffThePool(["check", "scripts/clients.halo"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("ok"))
        }

        @Test func checkRejectsABadFileWithItsPosition() async throws {
            try await withFiles(["bad.halo": "x = 1\nprint (x +\n"]) { dir in
                let path = dir.appendingPathComponent("bad.halo").path
                let result = try await runHaloOffThePool(["check", path])
                #expect(result.status == 2)
                let position = try NSRegularExpression(pattern: "bad\\.halo:\\d+:\\d+")
                let range = NSRange(result.stderr.startIndex..., in: result.stderr)
                #expect(position.firstMatch(in: result.stderr, range: range) != nil, "\(result.stderr)")
            }
        }

        @Test func checkReportsAnUnknownName() async throws {
            try await withFiles(["unknown.halo": "print undefined_thing\n"]) { dir in
                let result = try await runHaloOffThePool(["check", dir.appendingPathComponent("unknown.halo").path])
                #expect(result.status == 2)
                #expect(result.stderr.contains("unknown.halo:1:"))
                #expect(result.stderr.contains("undefined_thing"))
            }
        }

        @Test func scriptOnStdinRuns() async throws {
            let result = try await runHaloOffThePool([], stdin: "x = 20\nprint x * 2 + 2\n")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "42\n")
        }

        @Test func dashERunsCode() async throws {
            let result = try await runHaloOffThePool(["-e", #"print "<<1 + 2>> and " + upper("ok")"#])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "3 and OK\n")
        }

        @Test func unreadableFileIsAUsageError() async throws {
            let result = try await runHaloOffThePool(["/nonexistent/never.halo"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("/nonexistent/never.halo"))
        }
    }
}
