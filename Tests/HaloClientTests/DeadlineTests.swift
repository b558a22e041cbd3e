import Foundation
import Testing
@testable import HaloClient

/// `HaloClientOptions.timeout` bounds a whole request over the real wire: every attempt, every
/// retry wait and the sign-in it needs share one deadline.
struct DeadlineTests {
    static let token = #"{"access_token":"deadline-token","token_type":"Bearer","expires_in":3600}"#

    func client(_ server: LoopbackServer, timeout: Double, over wire: Wire = .curl) throws -> HaloClient {
        var options = HaloClientOptions()
        options.timeout = timeout
        options.maxAttempts = 5
        options.timeoutSetting = "--timeout"
        let credentials = HaloCredentials(url: server.url, tenant: "t1", clientID: "cid", clientSecret: "deadline-secret")
        return try HaloClient(credentials: credentials, options: options,
                              transport: wire.transport(timeout: timeout, userAgent: options.userAgent))
    }

    @Test func aSilentTokenEndpointCostsOneTimeoutNotOnePerAttempt() throws {
        let server = try LoopbackServer { _, _ in .stall(seconds: 2) }
        defer { server.stop() }
        let client = try client(server, timeout: 1)
        let started = Date()
        let error = #expect(throws: HaloHTTPError.self) { try client.send(.get, path: "/api/tickets") }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 1.5, "took \(elapsed) s")
        #expect(error?.message.hasPrefix("POST /auth/token: no reply within 1 s (--timeout)") == true, "\(String(describing: error))")
        #expect(server.requests.count == 1)
    }

    @Test func aSilentGetEndsAtTheDeadlineWithTheLimitInTheMessage() throws {
        let server = try LoopbackServer { request, _ in
            request.target.hasPrefix("/auth/token") ? .json(Self.token) : .stall(seconds: 2)
        }
        defer { server.stop() }
        let client = try client(server, timeout: 1)
        let started = Date()
        let error = #expect(throws: HaloHTTPError.self) { try client.send(.get, path: "/api/tickets") }
        #expect(Date().timeIntervalSince(started) < 1.5)
        #expect(error?.message.hasPrefix("GET /api/tickets: no reply within 1 s (--timeout)") == true, "\(String(describing: error))")
        #expect(error?.transportFailure == .timedOut && error?.writeMayHaveApplied == false)
    }

    @Test func aGetThatFailsEarlyIsRetriedWithinTheDeadline() throws {
        let server = try LoopbackServer { request, index in
            if request.target.hasPrefix("/auth/token") { return .json(Self.token) }
            return index == 1 ? .drop : .json(#"{"ok":true}"#)
        }
        defer { server.stop() }
        let client = try client(server, timeout: 5)
        let response = try client.send(.get, path: "/api/tickets")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
        #expect(server.requests.count == 3)
    }

    @Test func aConnectTimeoutIsRetriedLikeA503WithinTheDeadline() throws {
        let port = try FullBacklog()
        defer { port.stop() }
        let trace = LineCollector()
        var options = HaloClientOptions()
        options.timeout = 3
        options.connectTimeout = 0.3
        options.baseBackoff = 0.1
        options.maxAttempts = 3
        options.trace = { trace.append($0) }
        let client = try HaloClient(credentials: HaloCredentials(url: port.url, tenant: "t", clientID: "c", clientSecret: "connect-secret"),
                                    options: options)
        let started = Date()
        let error = #expect(throws: HaloHTTPError.self) { try client.authenticate() }
        #expect(Date().timeIntervalSince(started) < 3, "three 0.3 s connects and short waits, inside the deadline")
        #expect(error?.transportFailure == .timedOut)
        #expect(trace.lines.count == 3 && trace.lines.allSatisfy { $0.contains("timed out") }, "\(trace.lines)")
        #expect(error?.message.contains("no reply (timed out)") == true, "not the deadline: \(String(describing: error))")
    }

    @Test func eachRequestGetsAFreshDeadline() throws {
        let server = try LoopbackServer(keepAlive: true) { request, _ in
            request.target.hasPrefix("/auth/token") ? .json(Self.token) : .json("[]")
        }
        defer { server.stop() }
        let client = try client(server, timeout: 0.5)
        for _ in 0..<3 {
            _ = try client.send(.get, path: "/api/status")
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(server.requests.count == 4, "1.2 s of requests under a 0.5 s timeout: each has its own")
    }
}
