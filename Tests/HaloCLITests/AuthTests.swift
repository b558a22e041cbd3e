import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// `auth` against the sandbox: the happy path and every way it can fail.
    @Suite struct AuthTests {
        @Test func authFromEnvironmentGetsOneToken() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("auth\nprint \"signed in\"")
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "signed in\n")
                #expect(result.stderr == "")
                let stats = sandbox.stats()
                #expect(stats.tokensIssued == 1)
                #expect(stats["POST /auth/token"] == 1)
                #expect(stats["GET /api/instanceinfo"] == 0, "HALO_TENANT was given, so no lookup")
            }
        }

        @Test func authWithoutTenantLooksItUpAtInstanceInfo() async throws {
            try await withSandbox { sandbox in
                var env = sandbox.environment
                env["HALO_TENANT"] = nil
                let result = try await sandbox.run("auth\nget /api/client/3\nprint response^name", environment: env)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "Castleford Logistics\n")
                let stats = sandbox.stats()
                #expect(stats["GET /api/instanceinfo"] == 1)
                #expect(stats.tokensIssued == 1)
            }
        }

        @Test func authWithAnObjectUsesItsCredentials() async throws {
            try await withSandbox { sandbox in
                let o = sandbox.options
                let code = """
                auth {url: env("SANDBOX_URL"), tenant: "\(o.tenant)", client_id: "\(o.clientID)", client_secret: env("SANDBOX_SECRET")}
                get /api/client/3
                print response^name
                """
                // No HALO_* variables at all: only the object counts.
                let result = try await sandbox.run(code, environment: ["SANDBOX_URL": sandbox.server.url,
                                                                       "SANDBOX_SECRET": o.clientSecret])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "Castleford Logistics\n")
                #expect(sandbox.stats().tokensIssued == 1)
            }
        }

        @Test func badSecretFailsWithInvalidClientAndAHint() async throws {
            try await withSandbox { sandbox in
                var env = sandbox.environment
                env["HALO_CLIENT_SECRET"] = "wrong-secret-4f1d2c"
                let result = try await sandbox.run("auth\nprint \"should not get here\"", environment: env)
                #expect(result.status == 1)
                #expect(result.stdout == "")
                #expect(result.stderr.contains("POST /auth/token"))
                #expect(result.stderr.contains("401"))
                #expect(result.stderr.contains("invalid_client"))
                #expect(result.stderr.contains("client id and secret"))
                #expect(!result.stderr.contains("wrong-secret-4f1d2c"))
                let stats = sandbox.stats()
                #expect(stats["POST /auth/token"] == 1, "a 401 from the token endpoint is not retried")
                #expect(stats.tokensIssued == 0)
            }
        }

        @Test func badSecretOnAFirstGetFailsTheSameWay() async throws {
            try await withSandbox { sandbox in
                var env = sandbox.environment
                env["HALO_CLIENT_SECRET"] = "another-wrong-secret-77"
                // No explicit auth: the first request signs in from the environment.
                let result = try await sandbox.run("get /api/client", environment: env)
                #expect(result.status == 1)
                #expect(result.stderr.contains("POST /auth/token"))
                #expect(result.stderr.contains("invalid_client"))
                #expect(sandbox.stats()["GET /api/client"] == 0)
            }
        }

        @Test func wrongTenantFailsWith500AndATenantHint() async throws {
            try await withSandbox { sandbox in
                var env = sandbox.environment
                env["HALO_TENANT"] = "no-such-tenant"
                let result = try await sandbox.run("auth", environment: env)
                #expect(result.status == 1)
                #expect(result.stderr.contains("POST /auth/token"))
                #expect(result.stderr.contains("500"))
                #expect(result.stderr.contains("tenant"))
                #expect(result.stderr.contains("HALO_TENANT"))
                #expect(sandbox.stats()["POST /auth/token"] == 1, "a 500 from the token endpoint is not retried")
            }
        }

        @Test func missingEnvironmentVariablesAreNamed() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("auth", environment: [:])
                #expect(result.status == 1)
                for name in ["HALO_URL", "HALO_CLIENT_ID", "HALO_CLIENT_SECRET"] {
                    #expect(result.stderr.contains(name), "\(name) not named in: \(result.stderr)")
                }
                #expect(sandbox.stats().total == 0)
            }
        }

        @Test func onlyTheMissingVariablesAreNamed() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("auth", environment: ["HALO_URL": sandbox.server.url,
                                                                         "HALO_CLIENT_ID": sandbox.options.clientID])
                #expect(result.status == 1)
                #expect(result.stderr.contains("HALO_CLIENT_SECRET"))
                #expect(!result.stderr.contains("HALO_URL"))
                #expect(sandbox.stats().total == 0)
            }
        }

        @Test func plainHTTPToANonLoopbackHostIsRefused() async throws {
            try await withSandbox { sandbox in
                let started = Date()
                let result = try await sandbox.run(#"auth {url: "http://example.com", client_id: "x", client_secret: "y"}"#,
                                                   environment: [:])
                #expect(result.status == 1)
                #expect(result.stderr.contains("http://example.com"))
                #expect(result.stderr.contains("https://"))
                #expect(result.stderr.lowercased().contains("refus"))
                // Refused before connecting: no DNS lookup or TCP handshake to wait for, no retries.
                #expect(Date().timeIntervalSince(started) < 10)
                #expect(sandbox.stats().total == 0)
            }
        }

        @Test func plainHTTPToLoopbackIsAllowed() async throws {
            try await withSandbox { sandbox in
                var env = sandbox.environment
                env["HALO_URL"] = sandbox.server.url.replacingOccurrences(of: "127.0.0.1", with: "localhost")
                let result = try await sandbox.run("auth\nprint \"ok\"", environment: env)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "ok\n")
            }
        }

        @Test func aRefusedTokenIsRenewedOnceAndTheRequestReplayed() async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "GET", pathPrefix: "/api/client", status: 401, count: 1))
                let result = try await sandbox.run("get /api/client/3\nprint response^name")
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "Castleford Logistics\n")
                let stats = sandbox.stats()
                #expect(stats.tokensIssued == 2)
                #expect(stats["GET /api/client/3"] == 2)
            }
        }
    }
}
