import Foundation
import Testing

@Test func statsCountRequestsPerRouteAndAppliedWrites() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        _ = try await sandbox.get("/api/Tickets/", token: token)
        _ = try await sandbox.get("/api/tickets?page_no=2", token: token)
        _ = try await sandbox.post("/api/client", #"[{"name":"Counted"}]"#, token: token)
        _ = try await sandbox.post("/api/client", #"{"name":"Refused"}"#, token: token)
        let stats = try await sandbox.send("GET", "/_sandbox/stats").object
        let routes = stats["routes"] as? [String: Int] ?? [:]
        #expect(stats["total"] as? Int == 5)
        #expect(routes["GET /api/tickets"] == 2)
        #expect(routes["POST /api/client"] == 2)
        #expect(routes["POST /auth/token"] == 1)
        #expect(stats["writes"] as? Int == 1)
        #expect(stats["tokens_issued"] as? Int == 1)
    }
}

@Test func resetRestoresSeedsAndClearsStatsButKeepsTokens() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        _ = try await sandbox.send("DELETE", "/api/client/1", token: token)
        #expect(try await sandbox.send("POST", "/_sandbox/reset").status == 200)
        #expect(sandbox.server.stats().total == 0)
        #expect(try await sandbox.get("/api/client/1", token: token).status == 200)
    }
}
