import Foundation
import HaloSandbox
import Testing
@testable import HaloClient

/// One token renewal at a time while several requests are in flight: the others wait for it and
/// use the new token (the sandbox counts the tokens it issued).
@Suite(.timeLimit(.minutes(2)))
struct TokenRenewalTests {
    @Test func tokenExpiryWithEightRequestsInFlightRenewsOnce() async throws {
        // A 1-second token is used for 0.9 s; 100 pages 8 at a time at 100 ms each outlive it.
        let sandbox = try await SandboxClient.start { $0.tokenLifetime = 1; $0.latency = 0.1 }
        defer { sandbox.server.stop() }
        let client = try sandbox.client { $0.concurrency = 8 }
        let started = Date()
        let walked = try await offThePool { try client.getAll(path: "/api/tickets", decoder: IDPageDecoder()) }
        let elapsed = Date().timeIntervalSince(started)
        #expect(walked.items.count == walked.recordCount && walked.pages >= 100)
        let stats = sandbox.server.stats()
        // One token per 0.9 s of walk at most (eight renewing at once would issue eight each time).
        let most = Int(elapsed / 0.9) + 2
        #expect(stats.tokensIssued >= 2 && stats.tokensIssued <= most, "\(stats.tokensIssued) tokens in \(elapsed) s")
        // The token reply itself is 100 ms late, so a request sent just before a renewal may find it
        // expired at the sandbox: each of those (at most the 8 in flight) is replayed once with the
        // new token, no more. A loaded machine stretches the walk over several renewals.
        let renewals = max(1, stats.tokensIssued - 1)
        #expect(stats["GET /api/tickets"] <= walked.pages + 8 * renewals)
    }

    @Test func eightRequestsRefusedAtOnceSignInOnceAndAllReplay() async throws {
        // Half a second of latency: the eight first requests all arrive before any 401 is back
        // (a replay must not meet one of the eight faults), even on a loaded machine.
        let sandbox = try await SandboxClient.start { $0.latency = 0.5 }
        defer { sandbox.server.stop() }
        let server = sandbox.server
        let injected = ThreadSafeLog<Int>()
        let client = try sandbox.client {
            $0.concurrency = 8
            $0.pageSize = 1000
            // After page 1, the next eight requests (the eight in flight) are answered 401.
            $0.progress = { have, total in
                if injected.all.isEmpty {
                    server.injectFault(SandboxFault(method: "GET", pathPrefix: "/api/tickets", status: 401, count: 8))
                }
                injected.append(have)
            }
        }
        let walked = try await offThePool { try client.getAll(path: "/api/tickets", decoder: IDPageDecoder()) }
        #expect(walked.items.count == walked.recordCount)
        let stats = server.stats()
        #expect(stats.faultsServed == 8)
        #expect(stats.tokensIssued == 2, "one sign-in at the start, one after the eight 401s")
        #expect(stats["GET /api/tickets"] == walked.pages + 8)
    }
}
