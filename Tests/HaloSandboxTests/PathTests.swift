import Testing

@Test func pathsAreCaseInsensitiveWithOrWithoutTrailingSlash() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        let plain = try await sandbox.get("/api/client", token: token)
        for path in ["/api/Client", "/API/CLIENT/", "/api/client/"] {
            let reply = try await sandbox.get(path, token: token)
            #expect(reply.status == 200, "\(path)")
            #expect(reply.body == plain.body, "\(path)")
        }
        #expect(try await sandbox.get("/api/Tickets/1", token: token).object["id"] as? Int == 1)
    }
}

@Test func unknownRouteIs404() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        #expect(try await sandbox.get("/api/nosuchthing", token: token).status == 404)
        #expect(try await sandbox.send("GET", "/elsewhere").status == 404)
    }
}

@Test func unsupportedMethodIs405() async throws {
    try await withSandbox { sandbox in
        let token = try await sandbox.token()
        #expect(try await sandbox.send("PUT", "/api/client", body: "[]", token: token).status == 405)
    }
}
