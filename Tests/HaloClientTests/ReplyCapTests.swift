import Foundation
import Testing
@testable import HaloClient

/// An endless reply is cut off at `maxResponseBytes` instead of growing memory without limit.
struct ReplyCapTests {
    static let megabyte = 1 << 20

    @Test func curlAbortsAnEndlessReplyAtTheCap() throws {
        let server = try LoopbackServer { _, _ in .endless(chunk: 64 << 10, seconds: 10) }
        defer { server.stop() }
        let transport = try CurlTransport(timeout: 15, maxResponseBytes: Self.megabyte, userAgent: "t")
        let started = Date()
        #expect(throws: TransportFailure.replyTooLarge(limit: Self.megabyte)) {
            try transport.send(HTTPRequest(method: "GET", url: URL(string: server.url + "/api/big")!))
        }
        #expect(Date().timeIntervalSince(started) < 5, "stopped at the cap, not when the server gave up")
    }

    @Test func aReplyUpToTheCapIsAccepted() throws {
        let body = String(repeating: "x", count: 1000)
        let server = try LoopbackServer { _, _ in .reply(status: 200, headers: [:], body: body) }
        defer { server.stop() }
        let transport = try CurlTransport(timeout: 5, maxResponseBytes: 1000, userAgent: "t")
        let reply = try transport.send(HTTPRequest(method: "GET", url: URL(string: server.url + "/x")!))
        #expect(reply.body.count == 1000)
    }

    @Test func theClientNamesTheRequestAndTheLimit() throws {
        let server = try LoopbackServer { request, _ in
            request.target.hasPrefix("/auth/token")
                ? .json(#"{"access_token":"cap-token","expires_in":3600}"#)
                : .endless(chunk: 64 << 10, seconds: 10)
        }
        defer { server.stop() }
        var options = HaloClientOptions()
        options.maxResponseBytes = 2 * Self.megabyte
        options.maxResponseSetting = "--max-response-mb"
        let client = try HaloClient(credentials: HaloCredentials(url: server.url, tenant: "t", clientID: "c", clientSecret: "cap-secret"),
                                    options: options)
        let error = #expect(throws: HaloHTTPError.self) { try client.send(.get, path: "/api/x") }
        #expect(error?.message == "GET /api/x: reply larger than 2 MB (--max-response-mb)")
        #expect(server.requests.count == 2, "an oversized reply is not asked for again")
    }
}
