import Foundation
import Testing
@testable import HaloClient
import HaloURLSession

/// Each real transport on its own against `LoopbackServer`: reuse, failures, bodies and headers.
struct TransportTests {
    func get(_ server: LoopbackServer, _ path: String = "/x") -> HTTPRequest {
        HTTPRequest(method: "GET", url: URL(string: server.url + path)!)
    }

    @Test(arguments: Wire.allCases) func oneConnectionForManyRequests(_ wire: Wire) throws {
        let server = try LoopbackServer(maxRequests: 100, keepAlive: true) { _, index in .json("[\(index)]") }
        defer { server.stop() }
        let transport = try wire.transport(timeout: 5)
        for index in 0..<20 {
            let reply = try transport.send(get(server, "/page/\(index)"))
            #expect(reply.status == 200 && String(decoding: reply.body, as: UTF8.self) == "[\(index)]")
        }
        #expect(server.requests.count == 20)
        #expect(server.connections == 1)
    }

    @Test(arguments: Wire.allCases) func silenceTimesOut(_ wire: Wire) throws {
        let server = try LoopbackServer { _, _ in .stall(seconds: 3) }
        defer { server.stop() }
        // URLSessionTransport rounds up to whole seconds; curl takes the 0.4 as it is.
        let transport = try wire.transport(timeout: 0.4)
        let started = Date()
        #expect(throws: TransportFailure.timedOut) { try transport.send(get(server)) }
        let waited = Date().timeIntervalSince(started)
        #expect(waited >= 0.35 && waited < 2.9, "waited \(waited) s")
    }

    @Test(arguments: Wire.allCases) func refusedPortCannotConnect(_ wire: Wire) throws {
        let server = try LoopbackServer { _, _ in .drop }
        server.stop()
        let transport = try wire.transport(timeout: 5)
        let error = #expect(throws: TransportFailure.self) { try transport.send(get(server)) }
        guard case .cannotConnect = error else { Issue.record("got \(String(describing: error))"); return }
    }

    @Test(arguments: Wire.allCases) func droppedConnectionIsLost(_ wire: Wire) throws {
        let server = try LoopbackServer { _, _ in .drop }
        defer { server.stop() }
        let transport = try wire.transport(timeout: 5)
        let error = #expect(throws: TransportFailure.self) { try transport.send(get(server)) }
        #expect(error?.requestMayHaveArrived == true)
    }

    @Test(arguments: Wire.allCases) func postBodyAndHeadersArriveIntact(_ wire: Wire) throws {
        let server = try LoopbackServer(keepAlive: true) { request, _ in
            .json(#"{"method":"\#(request.method)"}"#, status: request.method == "POST" ? 201 : 200)
        }
        defer { server.stop() }
        let transport = try wire.transport(timeout: 5, userAgent: "halo-test/9")
        // Every byte value, and well over the 1 KiB at which libcurl would send `Expect: 100-continue`.
        let body = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let post = HTTPRequest(method: "POST", url: URL(string: server.url + "/api/tickets?a=1")!,
                               headers: [("Authorization", "Bearer t0k"), ("Content-Type", "application/octet-stream"),
                                         ("X-Custom", "a: b, c")], body: body)
        let reply = try transport.send(post)
        #expect(reply.status == 201)
        // The reused handle must not carry the POST or its body into later requests.
        _ = try transport.send(HTTPRequest(method: "DELETE", url: URL(string: server.url + "/api/tickets/1")!))
        _ = try transport.send(get(server, "/after"))
        let seen = server.requests
        #expect(seen.map(\.method) == ["POST", "DELETE", "GET"])
        #expect(seen[0].target == "/api/tickets?a=1" && seen[0].body == body)
        #expect(seen[0].headers["authorization"] == "Bearer t0k")
        #expect(seen[0].headers["content-type"] == "application/octet-stream")
        #expect(seen[0].headers["x-custom"] == "a: b, c")
        #expect(seen[0].headers["user-agent"] == "halo-test/9")
        #expect(seen[0].headers["content-length"] == "100000")
        #expect(seen[0].headers["expect"] == nil)
        #expect(seen[1].body.isEmpty && seen[2].body.isEmpty)
        #expect(seen[2].headers["authorization"] == nil && seen[2].headers["content-length"] == nil)
    }

    @Test(arguments: Wire.allCases) func emptyPostSendsNoBody(_ wire: Wire) throws {
        let server = try LoopbackServer { _, _ in .json("{}") }
        defer { server.stop() }
        let transport = try wire.transport(timeout: 5)
        _ = try transport.send(HTTPRequest(method: "POST", url: URL(string: server.url + "/p")!, body: Data()))
        #expect(server.requests.first?.method == "POST" && server.requests.first?.body.isEmpty == true)
    }

    @Test(arguments: Wire.allCases) func largeBodyReadIntact(_ wire: Wire) throws {
        // Pseudo-random letters, so a dropped, repeated or reordered chunk shows.
        let text = String(unsafeUninitializedCapacity: 5_000_000) { buffer in
            var state: UInt32 = 2_463_534_242
            for index in buffer.indices {
                state ^= state << 13; state ^= state >> 17; state ^= state << 5
                buffer[index] = UInt8(ascii: "a") + UInt8(state % 26)
            }
            return buffer.count
        }
        let server = try LoopbackServer { _, _ in .json(text) }
        defer { server.stop() }
        let reply = try wire.transport(timeout: 20).send(get(server))
        #expect(reply.body.count == 5_000_000)
        #expect(reply.body == Data(text.utf8))
    }

    @Test func curlKeepsTheLastStatusLinesHeaders() throws {
        let server = try LoopbackServer { _, _ in
            .raw("HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n"
                 + "HTTP/1.1 429 Too Many\r\nContent-Length: 2\r\nRetry-After: 7\r\nSet-Thing: a\r\nSet-Thing: b\r\n"
                 + "X-Folded: one\r\n two\r\n\r\nno")
        }
        defer { server.stop() }
        let reply = try CurlTransport(timeout: 5, userAgent: "t").send(get(server))
        #expect(reply.status == 429 && String(decoding: reply.body, as: UTF8.self) == "no")
        #expect(reply.headers["x-interim"] == nil)
        #expect(reply.headers["retry-after"] == "7")
        #expect(reply.headers["set-thing"] == "a, b")
        #expect(reply.headers["x-folded"] == "one two")
    }

    @Test func curlRefusesHeaderInjection() throws {
        let server = try LoopbackServer { _, _ in .json("{}") }
        defer { server.stop() }
        let transport = try CurlTransport(timeout: 5, userAgent: "t")
        let request = HTTPRequest(method: "GET", url: URL(string: server.url + "/")!,
                                  headers: [("Authorization", "Bearer x\r\nX-Evil: 1")])
        #expect(throws: TransportFailure.self) { try transport.send(request) }
        #expect(server.requests.isEmpty)
    }

    @Test func curlDoesNotFollowRedirects() throws {
        let server = try LoopbackServer { _, _ in
            .reply(status: 307, headers: ["Location": "http://127.0.0.1:9/elsewhere"], body: "")
        }
        defer { server.stop() }
        let reply = try CurlTransport(timeout: 5, userAgent: "t").send(get(server))
        #expect(reply.status == 307 && reply.headers["location"] == "http://127.0.0.1:9/elsewhere")
    }

    @Test func environmentChoosesTheTransport() throws {
        let options = HaloClientOptions()
        #expect(try DefaultTransport.make(options: options, environment: [:]) is CurlTransport)
        #expect(try DefaultTransport.make(options: options, environment: ["HALO_HTTP": "curl"]) is CurlTransport)
        #expect(try DefaultTransport.make(options: options, environment: ["HALO_HTTP": "URLSession"],
                                          urlSession: { URLSessionTransport(options: $0) }) is URLSessionTransport)
        #expect(throws: UnknownTransport.self) { try DefaultTransport.make(options: options, environment: ["HALO_HTTP": "carrier-pigeon"]) }
    }

    @Test func urlSessionIsRefusedWithTheReasonWhereTheBuildLeavesItOut() throws {
        let error = #expect(throws: UnknownTransport.self) {
            try DefaultTransport.make(options: HaloClientOptions(), environment: ["HALO_HTTP": "urlsession"])
        }
        #expect(error?.description.contains("this build of halo has no URLSession transport") == true)
        #expect(error?.description.contains("unset HALO_HTTP") == true)
    }
}
