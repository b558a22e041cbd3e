import Foundation
import Testing

extension EndToEnd {
    /// A `user:password@` in the Halo URL is masked wherever halo prints the URL.
    @Suite struct URLPasswordTests {
        static let password = "hunter2-in-the-url"

        @Test func connectionErrorAndTraceMaskThePassword() async throws {
            let server = try SilentServer()
            let port = server.port
            server.stop()   // nothing listens: the connection is refused
            let environment = ["HALO_URL": "http://ops:\(Self.password)@127.0.0.1:\(port)", "HALO_TENANT": "t",
                               "HALO_CLIENT_ID": "c", "HALO_CLIENT_SECRET": "url-test-secret"]
            let result = try await runHaloOffThePool(["--trace", "--max-attempts", "1", "-e", "get /api/tickets"],
                                                     environment: environment, timeout: 20)
            #expect(result.status == 1)
            #expect(!result.stderr.contains(Self.password), "\(result.stderr)")
            #expect(!result.stdout.contains(Self.password))
            #expect(result.stderr.contains("http://ops:***@127.0.0.1:\(port)"), "\(result.stderr)")
        }

        @Test func profilesListingMasksThePassword() async throws {
            let workspace = try ProfileTests.Workspace()
            defer { workspace.remove() }
            try workspace.writeConfig("""
                [profiles.basic]
                url = "https://ops:\(Self.password)@acme.halopsa.com"
                client_id = "c"
                secret_env = "BASIC_SECRET"
                """)
            let result = try await runHaloOffThePool(["profiles"], environment: workspace.environment(), timeout: 20)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(Self.password))
            #expect(result.stdout.contains("https://ops:***@acme.halopsa.com"), "\(result.stdout)")
        }

        @Test func insecureURLErrorMasksThePassword() async throws {
            let environment = ["HALO_URL": "http://ops:\(Self.password)@halo.example.com", "HALO_TENANT": "t",
                               "HALO_CLIENT_ID": "c", "HALO_CLIENT_SECRET": "url-test-secret"]
            let result = try await runHaloOffThePool(["-e", "get /api/tickets"], environment: environment, timeout: 20)
            #expect(result.status == 1)
            #expect(!result.stderr.contains(Self.password), "\(result.stderr)")
            #expect(result.stderr.contains("ops:***@halo.example.com"), "\(result.stderr)")
        }
    }
}
