import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// A shared runbook cannot read, print or send the credentials it runs with.
    @Suite struct SecretTests {
        @Test func envRefusesTheClientSecret() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("print env(\"HALO_CLIENT_SECRET\")")
                #expect(result.status == 1)
                #expect(result.stderr.contains("env() refuses HALO_CLIENT_SECRET: it holds a credential"), "\(result.stderr)")
                sandbox.expectNoSecrets(in: result.stdout + result.stderr)
            }
        }

        @Test func envRefusesAProfilesSecretVariable() async throws {
            try await withSandbox { sandbox in
                let root = FileManager.default.temporaryDirectory.appendingPathComponent("halo-secret-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: root) }
                let config = root.appendingPathComponent("config.toml").path
                try "[profiles.acme]\nurl = \"https://acme.halopsa.com\"\nclient_id = \"x\"\nsecret_env = \"ACME_HALO_SECRET\"\n"
                    .write(toFile: config, atomically: true, encoding: .utf8)
                var env = sandbox.environment
                env["HALO_CONFIG"] = config
                env["ACME_HALO_SECRET"] = "acme-secret-value-5521"
                env["UNRELATED_SETTING"] = "plain"
                let result = try await sandbox.halo(["-e", "print env(\"UNRELATED_SETTING\")\nprint env(\"ACME_HALO_SECRET\")"],
                                                    environment: env)
                #expect(result.status == 1)
                #expect(result.stdout == "plain\n")
                #expect(result.stderr.contains("env() refuses ACME_HALO_SECRET"), "\(result.stderr)")
                #expect(!result.stderr.contains("acme-secret-value-5521"))
            }
        }

        @Test func theSecretIsMaskedInPrintAndJSON() async throws {
            try await withSandbox { sandbox in
                let secret = sandbox.options.clientSecret
                let printed = try await sandbox.run("s = \"\(secret)\"\nprint \"it is <<s>>\"")
                #expect(printed.stdout == "it is ***\n")
                let json = try await sandbox.run("param s = \"\(secret)\"\nprint s", flags: ["--json"])
                #expect(json.status == 0)
                #expect(json.stdout.contains("\"s\": \"***\""), "\(json.stdout)")
                #expect(!json.stdout.contains(secret))
            }
        }

        @Test func postingTheSecretFailsBeforeAnythingIsSent() async throws {
            try await withSandbox { sandbox in
                let secret = sandbox.options.clientSecret
                let code = "auth\nnote = \"creds: \(secret)\"\npost /api/tickets {summary: note, client_id: 3}"
                let result = try await sandbox.run(code)
                #expect(result.status == 1)
                #expect(result.stderr.contains("POST /api/tickets: the request holds the client secret or the current token; nothing was sent"),
                        "\(result.stderr)")
                #expect(sandbox.stats().writes == 0)
                #expect(sandbox.stats()["POST /api/tickets"] == 0)
                sandbox.expectNoSecrets(in: result.stdout)
            }
        }

        @Test func anErrorExcerptMasksASecretLiteral() async throws {
            try await withSandbox { sandbox in
                let result = try await sandbox.run("c = {client_id: \"x\", client_secret: \"literal-s3cret-901\"} + 1")
                #expect(result.status == 1)
                #expect(result.stderr.contains("client_secret: \"***\""), "\(result.stderr)")
                #expect(!result.stderr.contains("literal-s3cret-901"))
            }
        }
    }
}
