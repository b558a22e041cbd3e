import Foundation
import HaloSandbox
import Testing

extension EndToEnd {
    /// SIGINT and SIGTERM stop a batch run at once (130, 143) and name a write that was in flight.
    @Suite struct InterruptTests {
        /// Polls (every 50 ms, at most `seconds`) until `condition` holds.
        static func waitUntil(seconds: Double, _ condition: () -> Bool) async throws -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if condition() { return true }
                try await Task.sleep(for: .milliseconds(50))
            }
            return condition()
        }

        /// Starts halo on `code` against the sandbox, waits until the sandbox has seen `request`,
        /// sends `signal`, and returns what halo did.
        static func interrupt(_ sandbox: SandboxFixture, code: String, after request: String,
                              with signal: Int32) async throws -> HaloProcess.Result {
            var environment = sandbox.environment
            environment["XDG_CACHE_HOME"] = sandbox.cacheDirectory.path
            let running = try HaloProcess.start(["-e", code], environment: environment)
            let seen = try await waitUntil(seconds: 15) { sandbox.stats()[request] >= 1 }
            running.signal(seen ? signal : SIGKILL)
            let result = try await withCheckedThrowingContinuation { continuation in
                Thread { continuation.resume(with: Result { try running.wait(timeout: 10) }) }.start()
            }
            #expect(seen, "the sandbox never saw \(request)")
            sandbox.expectNoSecrets(in: result.stderr + result.stdout)
            return result
        }

        @Test func sigtermDuringAPostNamesTheWriteAndExits143() async throws {
            try await withSandbox { sandbox in
                sandbox.inject(SandboxFault(method: "POST", pathPrefix: "/api/tickets", status: 500, delay: 5))
                let started = Date()
                let result = try await Self.interrupt(sandbox, code: #"post /api/tickets {summary: "slow", client_id: 3}"#,
                                                      after: "POST /api/tickets", with: SIGTERM)
                #expect(result.status == 143, "\(result.stderr)")
                #expect(result.stderr.contains("POST /api/tickets was in flight: it may or may not have been applied"),
                        "\(result.stderr)")
                #expect(Date().timeIntervalSince(started) < 5, "it stopped at once, not when the reply came")
            }
        }

        @Test func sigintWithNoWriteInFlightExits130() async throws {
            try await withSandbox { sandbox in
                let result = try await Self.interrupt(sandbox, code: "get /api/client/1\nsleep(20)",
                                                      after: "GET /api/client/1", with: SIGINT)
                #expect(result.status == 130, "\(result.stderr)")
                #expect(result.stderr.contains("interrupted (SIGINT); no write was in flight"), "\(result.stderr)")
            }
        }
    }
}
