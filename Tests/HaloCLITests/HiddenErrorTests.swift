import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// Halo sometimes answers 200 with only an error in the body; a runbook can catch it like any
    /// HTTP error, with the same fields.
    @Suite struct HiddenErrorTests {
        @Test func anErrorInA200IsCatchableWithStatusMessageAndBody() async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "GET", pathPrefix: "/api/tickets", status: 200,
                                            body: #"{"error":"Report failed to load"}"#))
                let code = """
                try {
                  get /api/tickets
                  print "not reached"
                } catch err {
                  print err^status
                  print err^body^error
                  print err^message
                }
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.lines.count == 3, "\(result.stdout)")
                #expect(result.lines.first == "200")
                #expect(result.lines.dropFirst().first == "Report failed to load")
                #expect(result.lines.last == "GET /api/tickets: 200 OK with an error in the reply: Report failed to load")
                #expect(sandbox.stats()["GET /api/tickets"] == 1, "an error answer is not retried")
            }
        }

        @Test func anUncaughtErrorInA200EndsTheRunWithExit1() async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "GET", pathPrefix: "/api/client", status: 200,
                                            body: #"{"ClassName":"System.Exception","Message":"Object reference not set"}"#))
                let result = try await sandbox.run("get /api/client/3\nprint response^name")
                #expect(result.status == 1)
                #expect(result.stderr.contains("GET /api/client/3: 200 OK with an error in the reply: Object reference not set (System.Exception)"),
                        "\(result.stderr)")
            }
        }

        @Test func aWriteAnsweredWithAnErrorIn200MayHaveApplied() async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "POST", pathPrefix: "/api/tickets", status: 200,
                                            body: #"{"message":"Something went wrong"}"#))
                let code = """
                try {
                  post /api/tickets {summary: "x", client_id: 3}
                } catch err {
                  print err^status, err^write_may_have_applied
                }
                """
                let result = try await sandbox.run(code)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "200 true\n")
                #expect(sandbox.stats()["POST /api/tickets"] == 1, "never resent")
            }
        }
    }
}
