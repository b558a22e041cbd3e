import Testing

@Test func overTheLimitIs429WithRetryAfter() async throws {
    try await withSandbox({ $0.rateLimit = 3; $0.rateWindow = 60 }) { sandbox in
        let token = try await sandbox.token()
        for _ in 0..<3 { #expect(try await sandbox.get("/api/status", token: token).status == 200) }
        let refused = try await sandbox.get("/api/status", token: token)
        #expect(refused.status == 429)
        #expect(refused.object["error"] as? String == "Rate Limit Reached - 3 Requests per rolling 1 minute window")
        #expect(Int(refused.headers["retry-after"] ?? "") ?? 0 > 0)
        #expect(sandbox.server.stats().rateLimited == 1)
    }
}

@Test func retryAfterCanBeLeftOutLikeRealHalo() async throws {
    try await withSandbox({ $0.rateLimit = 1; $0.sendRetryAfter = false }) { sandbox in
        let token = try await sandbox.token()
        _ = try await sandbox.get("/api/status", token: token)
        let refused = try await sandbox.get("/api/status", token: token)
        #expect(refused.status == 429)
        #expect(refused.headers["retry-after"] == nil)
    }
}

@Test func rollingWindowAdmitsAgainAfterItPasses() async throws {
    // Window long enough that a busy machine cannot slip the second request past it.
    try await withSandbox({ $0.rateLimit = 1; $0.rateWindow = 8 }) { sandbox in
        let token = try await sandbox.token()
        #expect(try await sandbox.get("/api/status", token: token).status == 200)
        #expect(try await sandbox.get("/api/status", token: token).status == 429)
        try await Task.sleep(for: .milliseconds(8100))
        #expect(try await sandbox.get("/api/status", token: token).status == 200)
    }
}
