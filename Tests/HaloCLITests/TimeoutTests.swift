import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// `--timeout` bounds a whole request, retries and sign-in included, whatever the server does.
    @Suite struct TimeoutTests {
        /// Runs halo and returns its result and the seconds it took.
        static func timed(_ body: () async throws -> HaloProcess.Result) async throws -> (HaloProcess.Result, Double) {
            let started = Date()
            let result = try await body()
            return (result, Date().timeIntervalSince(started))
        }

        @Test func silentTokenEndpointEndsTheRunWithinTheTimeout() async throws {
            let server = try SilentServer()
            defer { server.stop() }
            let (result, elapsed) = try await Self.timed {
                try await runHaloOffThePool(["--timeout", "2", "-e", "get /api/tickets"], environment: server.environment, timeout: 20)
            }
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains("POST /auth/token: no reply within 2 s (--timeout)"), "\(result.stderr)")
            #expect(elapsed < 3, "took \(elapsed) s: the default 5 attempts must share the one 2 s budget")
            #expect(!result.stderr.contains("silent-secret-value"))
        }

        @Test func silentGetEndsTheRunWithinTheTimeout() async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "GET", pathPrefix: "/api/tickets", status: 200, count: 5, delay: 4))
                let (result, elapsed) = try await Self.timed {
                    try await sandbox.run("get /api/tickets", flags: ["--timeout", "2"], timeout: 20)
                }
                #expect(result.status == 1, "\(result.stderr)")
                #expect(result.stderr.contains("GET /api/tickets: no reply within 2 s (--timeout)"), "\(result.stderr)")
                #expect(elapsed < 3, "took \(elapsed) s")
                #expect(sandbox.stats()["GET /api/tickets"] == 1, "no time was left for a retry")
            }
        }

        @Test func haloTimeoutVariableSetsTheLimitAndIsNamed() async throws {
            let server = try SilentServer()
            defer { server.stop() }
            var environment = server.environment
            environment["HALO_TIMEOUT"] = "1"
            let (result, elapsed) = try await Self.timed {
                try await runHaloOffThePool(["-e", "get /api/tickets"], environment: environment, timeout: 20)
            }
            #expect(result.status == 1)
            #expect(result.stderr.contains("no reply within 1 s (HALO_TIMEOUT)"), "\(result.stderr)")
            #expect(elapsed < 2, "took \(elapsed) s")
        }

        @Test func profileTimeoutAppliesAndTheFlagBeatsIt() async throws {
            let server = try SilentServer()
            defer { server.stop() }
            let workspace = try ProfileTests.Workspace()
            defer { workspace.remove() }
            try workspace.writeConfig("""
                [profiles.slow]
                url = "\(server.url)"
                tenant = "silent"
                client_id = "silent-client"
                secret_env = "SLOW_SECRET"
                timeout = 1
                """)
            let environment = workspace.environment(["SLOW_SECRET": "slow-secret-value"])
            let fromProfile = try await runHaloOffThePool(["--profile", "slow", "-e", "get /api/tickets"],
                                                          environment: environment, timeout: 20)
            #expect(fromProfile.status == 1)
            #expect(fromProfile.stderr.contains("no reply within 1 s (timeout in profile 'slow')"), "\(fromProfile.stderr)")
            var withVariable = environment
            withVariable["HALO_TIMEOUT"] = "2"
            let fromFlag = try await runHaloOffThePool(["--profile", "slow", "--timeout", "1.5", "-e", "get /api/tickets"],
                                                       environment: withVariable, timeout: 20)
            #expect(fromFlag.stderr.contains("no reply within 1.5 s (--timeout)"), "\(fromFlag.stderr)")
        }

        @Test func aTimeoutThatIsNotAPositiveNumberIsRefused() async throws {
            let result = try await runHaloOffThePool(["--timeout", "0", "-e", "print 1"], timeout: 20)
            #expect(result.status == 2, "a usage error")
            #expect(result.stderr.contains("--timeout must be a number above 0"), "\(result.stderr)")
            let fromVariable = try await runHaloOffThePool(["-e", "print 1"], environment: ["HALO_TIMEOUT": "soon"], timeout: 20)
            #expect(fromVariable.status == 2)
            #expect(fromVariable.stderr.contains("HALO_TIMEOUT must be a number above 0"), "\(fromVariable.stderr)")
        }
    }
}
