import HaloSandbox
import Testing

/// The second API application: `read:tickets read:customers`, enforced as Halo does, with 403.
private func limitedToken(_ sandbox: SandboxHarness, scope: String = "all") async throws -> HTTPResult {
    let app = SandboxApplication.readOnly
    let form = "grant_type=client_credentials&client_id=\(app.clientID)&client_secret=\(app.clientSecret)&scope=\(scope)"
    return try await sandbox.send("POST", "/auth/token?tenant=sandbox", body: form,
                                  contentType: "application/x-www-form-urlencoded")
}

@Test func limitedApplicationGetsItsOwnPermissionsForScopeAll() async throws {
    try await withSandbox { sandbox in
        let reply = try await limitedToken(sandbox)
        #expect(reply.status == 200)
        #expect(reply.object["scope"] as? String == "read:customers read:tickets")
    }
}

@Test func limitedApplicationReadsTicketsAndCustomersButNothingElse() async throws {
    try await withSandbox { sandbox in
        let token = try #require(try await limitedToken(sandbox).object["access_token"] as? String)
        #expect(try await sandbox.get("/api/tickets?count=1", token: token).status == 200)
        #expect(try await sandbox.get("/api/actions?ticket_id=1", token: token).status == 200, "actions belong to tickets")
        #expect(try await sandbox.get("/api/client/3", token: token).status == 200)
        #expect(try await sandbox.get("/api/site?client_id=3", token: token).status == 200, "sites belong to customers")
        let assets = try await sandbox.get("/api/asset", token: token)
        #expect(assets.status == 403)
        #expect(assets.object["Message"] as? String
                == "The API application does not have the 'read:assets' permission required for GET /api/asset.")
    }
}

@Test func limitedApplicationCannotWriteAndNothingChanges() async throws {
    try await withSandbox { sandbox in
        let token = try #require(try await limitedToken(sandbox).object["access_token"] as? String)
        let before = try await sandbox.get("/api/tickets/1", token: token).object["status_id"] as? Int
        let post = try await sandbox.post("/api/tickets", #"[{"id": 1, "status_id": 9}]"#, token: token)
        #expect(post.status == 403)
        #expect((post.object["Message"] as? String)?.contains("'edit:tickets'") == true)
        #expect(try await sandbox.send("DELETE", "/api/tickets/1", token: token).status == 403)
        #expect(try await sandbox.get("/api/tickets/1", token: token).object["status_id"] as? Int == before)
        let stats = sandbox.server.stats()
        #expect(stats.writes == 0)
        #expect(stats.forbidden == 2)
    }
}

@Test func fullApplicationCanNarrowItsTokenWithAScope() async throws {
    try await withSandbox { sandbox in
        let options = sandbox.server.options
        let form = "grant_type=client_credentials&client_id=\(options.clientID)&client_secret=\(options.clientSecret)&scope=edit:tickets"
        let reply = try await sandbox.send("POST", "/auth/token?tenant=sandbox", body: form,
                                           contentType: "application/x-www-form-urlencoded")
        let token = try #require(reply.object["access_token"] as? String)
        #expect(try await sandbox.get("/api/tickets/1", token: token).status == 200, "edit includes read")
        #expect(try await sandbox.get("/api/client/1", token: token).status == 403)
    }
}

@Test func unknownScopeIsRefusedAtTheTokenEndpoint() async throws {
    try await withSandbox { sandbox in
        let reply = try await limitedToken(sandbox, scope: "read:actions")
        #expect(reply.status == 400)
        #expect(reply.object["error"] as? String == "invalid_scope")
    }
}
