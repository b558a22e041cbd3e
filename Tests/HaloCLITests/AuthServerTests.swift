import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// Self-hosted Halo may issue tokens from a separate authorisation server, advertised at /api/authinfo.
    @Suite struct AuthServerTests {
        static let code = "get /api/client {count: 1}\nprint len(response^clients)"

        @Test func aSeparateAuthServerIsFoundThroughAuthinfo() async throws {
            try await withSandbox({ $0.authPort = 0 }) { sandbox in
                #expect(sandbox.server.authURL != sandbox.server.url + "/auth")
                let result = try await sandbox.run(Self.code)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "1\n")
                let stats = sandbox.stats()
                #expect(stats["GET /api/authinfo"] == 1)
                #expect(stats["POST /auth/token"] == 2, "the API port's 404, then the authorisation server")
            }
        }

        @Test func haloAuthURLGoesStraightThere() async throws {
            try await withSandbox({ $0.authPort = 0 }) { sandbox in
                var env = sandbox.environment
                env["HALO_AUTH_URL"] = sandbox.server.authURL
                let result = try await sandbox.halo(SandboxFixture.quickRetries + ["-e", Self.code], environment: env)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(sandbox.stats()["GET /api/authinfo"] == 0)
                #expect(sandbox.stats()["POST /auth/token"] == 1)
            }
        }

        @Test func aProfilesAuthURLIsUsed() async throws {
            try await withSandbox({ $0.authPort = 0 }) { sandbox in
                let root = FileManager.default.temporaryDirectory.appendingPathComponent("halo-auth-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: root) }
                let config = root.appendingPathComponent("config.toml").path
                try """
                    [profiles.selfhosted]
                    url = "\(sandbox.server.url)"
                    tenant = "\(sandbox.options.tenant)"
                    client_id = "\(sandbox.options.clientID)"
                    secret_env = "SELFHOSTED_SECRET"
                    auth_url = "\(sandbox.server.authURL)"
                    """.write(toFile: config, atomically: true, encoding: .utf8)
                let env = ["HALO_CONFIG": config, "SELFHOSTED_SECRET": sandbox.options.clientSecret, "HALO_NO_TOKEN_CACHE": "1"]
                let result = try await sandbox.halo(["--profile", "selfhosted", "-e", Self.code], environment: env)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(sandbox.stats()["GET /api/authinfo"] == 0)
            }
        }

        @Test func anUnreachableAuthServerIsNamedInTheError() async throws {
            try await withSandbox { sandbox in
                var env = sandbox.environment
                env["HALO_AUTH_URL"] = "http://127.0.0.1:9/auth"
                let result = try await sandbox.halo(SandboxFixture.quickRetries + ["--timeout", "5", "-e", Self.code], environment: env)
                #expect(result.status == 1)
                #expect(result.stderr.contains("POST http://127.0.0.1:9/auth/token"), "\(result.stderr)")
                sandbox.expectNoSecrets(in: result.stderr)
            }
        }
    }
}
