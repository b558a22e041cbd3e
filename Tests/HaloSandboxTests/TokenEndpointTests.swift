import Testing

@Test func validCredentialsGetABearerToken() async throws {
    try await withSandbox({ $0.tokenLifetime = 1234 }) { sandbox in
        let reply = try await sandbox.requestToken()
        #expect(reply.status == 200)
        #expect((reply.object["access_token"] as? String)?.count ?? 0 >= 32)
        #expect(reply.object["token_type"] as? String == "Bearer")
        #expect(reply.object["expires_in"] as? Int == 1234)
        #expect(reply.object["scope"] as? String == "all")
        #expect(reply.headers["content-type"] == "application/json; charset=utf-8")
    }
}

@Test func eachTokenIsDifferent() async throws {
    try await withSandbox { sandbox in
        let first = try await sandbox.token()
        #expect(try await sandbox.token() != first)
    }
}

@Test func badSecretIs401InvalidClient() async throws {
    try await withSandbox { sandbox in
        let reply = try await sandbox.requestToken(secret: "wrong")
        #expect(reply.status == 401)
        #expect(reply.object["error"] as? String == "invalid_client")
        #expect(reply.object["error_description"] is String)
    }
}

@Test func wrongTenantIs500WithDotNetException() async throws {
    try await withSandbox { sandbox in
        let reply = try await sandbox.requestToken(tenant: "someoneelse")
        #expect(reply.status == 500)
        #expect(reply.object["ClassName"] as? String == "System.Exception")
        #expect(reply.object["Message"] is String)
    }
}

@Test func missingTenantIsAcceptedLikeSelfHostedHalo() async throws {
    try await withSandbox { sandbox in
        let reply = try await sandbox.requestToken(tenant: nil)
        #expect(reply.status == 200)
    }
}

@Test func wrongGrantTypeIs400() async throws {
    try await withSandbox { sandbox in
        let reply = try await sandbox.requestToken(grantType: "password")
        #expect(reply.status == 400)
        #expect(reply.object["error"] as? String == "unsupported_grant_type")
    }
}
