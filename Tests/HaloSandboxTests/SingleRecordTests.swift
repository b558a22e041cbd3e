import Testing

@Test func singleGetReturnsTheRecordIdFirst() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let reply = try await sandbox.get("/api/tickets/42", token: token)
        #expect(reply.status == 200)
        #expect(reply.text.hasPrefix(#"{"id":42,"#))
        let seed = seedRecords("tickets")[41]
        #expect(reply.object["summary"] as? String == seed["summary"] as? String)
        #expect(try await sandbox.get("/api/agent/me", token: token).object["id"] as? Int == 1)
    }
}

@Test func unknownIdIs404WithMessage() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let reply = try await sandbox.get("/api/client/99999", token: token)
        #expect(reply.status == 404)
        #expect((reply.object["Message"] as? String)?.contains("not found") == true)
        #expect(try await sandbox.get("/api/client/abc", token: token).status == 404)
    }
}
