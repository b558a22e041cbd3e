import Foundation
import HaloSandbox
import Testing
@testable import HaloClient

/// The client's limiter against a sandbox enforcing the same rolling window: the budget is spent at
/// full speed, then requests are spaced out, and the server never answers 429.
@Suite(.timeLimit(.minutes(4)))
struct ClientRateLimitTests {
    /// The case: 1,000 requests under 100 per 10 s. The first 100 go at once, the other
    /// 900 (and the token request, which the client counts too) take nine windows: about 90 s.
    @Test func aThousandRequestsUnderAHundredPerTenSecondsGetNo429() async throws {
        try await paced(limit: 100, window: 10, pageSize: 10, concurrency: 8, requests: 1_000)
    }

    /// The same, scaled down (20 per 2 s, 100 requests): about 8 s.
    @Test func aHundredRequestsUnderTwentyPerTwoSecondsGetNo429() async throws {
        try await paced(limit: 20, window: 2, pageSize: 100, concurrency: 4, requests: 100)
    }

    private func paced(limit: Int, window: Double, pageSize: Int, concurrency: Int, requests: Int) async throws {
        let sandbox = try await SandboxClient.start { $0.rateLimit = limit; $0.rateWindow = window }
        defer { sandbox.server.stop() }
        let lines = ThreadSafeLog<String>()
        let client = try sandbox.client {
            $0.concurrency = concurrency
            $0.pageSize = pageSize
            $0.rateLimit = RateLimit(requests: limit, seconds: window)
            $0.timeout = 60
            $0.trace = { lines.append($0) }
        }
        let started = Date()
        let walked = try await offThePool { try client.getAll(path: "/api/tickets", decoder: IDPageDecoder()) }
        let elapsed = Date().timeIntervalSince(started)
        #expect(walked.pages == requests && walked.items.count == walked.recordCount)
        #expect(sandbox.server.stats().rateLimited == 0)
        // requests + the token, of which `limit` go at once: the rest take whole windows. Faster
        // would have meant 429s; the upper bound is loose for a loaded machine (the whole suite
        // in parallel starves the in-process sandbox: seen 102.8 s for 90.1), and the benchmark
        // holds the 10% target (docs/PERFORMANCE.md).
        let ideal = Double(requests + 1 - limit) / Double(limit) * window
        #expect(elapsed >= ideal * 0.9 && elapsed <= ideal * 1.5 + 10, "\(elapsed) s against \(ideal) s")
        #expect(lines.all.contains { $0.hasPrefix("rate limit: waiting ") && $0.hasSuffix(" s (\(limit)/\(Int(window)) s used)") })
    }

    /// A server whose limit is lower than the client's: a 429 without Retry-After waits until the
    /// window frees (our oldest request leaves it) instead of hammering.
    @Test func a429WithoutRetryAfterWaitsForTheWindow() async throws {
        let sandbox = try await SandboxClient.start { $0.rateLimit = 5; $0.rateWindow = 2; $0.sendRetryAfter = false }
        defer { sandbox.server.stop() }
        let lines = ThreadSafeLog<String>()
        let client = try sandbox.client {
            $0.rateLimit = RateLimit(requests: 50, seconds: 2)
            $0.trace = { lines.append($0) }
        }
        let started = Date()
        try await offThePool {
            for id in 1...12 { _ = try client.send(.get, path: "/api/client/\(id)") }
        }
        let elapsed = Date().timeIntervalSince(started)
        let refused = sandbox.server.stats().rateLimited
        #expect(refused >= 1 && refused <= 8, "one 429 per window, not a retry storm: \(refused)")
        #expect(elapsed >= 2 && elapsed < 30, "\(elapsed) s")
        #expect(lines.all.contains { $0.contains(" 429 ") && $0.contains("retry 1/4 in") })
    }
}

