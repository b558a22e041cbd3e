import Foundation
import Testing
@testable import HaloClient

/// The client over each real transport against `LoopbackServer`: what actually goes on the wire.
struct WireTests {
    static let token = #"{"access_token":"wire-token-1","token_type":"Bearer","expires_in":3600}"#

    func client(_ server: LoopbackServer, over wire: Wire, tenant: String? = "t1",
                configure: (inout HaloClientOptions) -> Void = { _ in }) throws -> (HaloClient, LineCollector) {
        let trace = LineCollector()
        var options = HaloClientOptions()
        options.trace = { trace.append($0) }
        options.timeout = 5
        configure(&options)
        let credentials = HaloCredentials(url: server.url + "/", tenant: tenant, clientID: "cid", clientSecret: "wire-secret")
        let client = try HaloClient(credentials: credentials, options: options,
                                    transport: wire.transport(timeout: options.timeout, userAgent: options.userAgent))
        client.sleep = { _ in }
        return (client, trace)
    }

    @Test(arguments: Wire.allCases) func tokenThenGetOnTheWire(_ wire: Wire) throws {
        let server = try LoopbackServer { request, _ in
            request.target.hasPrefix("/auth/token") ? .json(Self.token) : .json(#"{"record_count":0,"clients":[]}"#)
        }
        defer { server.stop() }
        let (client, trace) = try client(server, over: wire)
        let response = try client.send(.get, path: "api/client", query: [("search", "Acme & Sons+ü")])
        #expect(response.status == 200 && response.headers["content-type"] == "application/json")
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[0].method == "POST" && requests[0].target == "/auth/token?tenant=t1")
        #expect(requests[0].headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(String(decoding: requests[0].body, as: UTF8.self)
                == "grant_type=client_credentials&client_id=cid&client_secret=wire-secret&scope=all")
        #expect(requests[1].target == "/api/client?search=Acme%20%26%20Sons%2B%C3%BC")
        #expect(requests[1].headers["authorization"] == "Bearer wire-token-1")
        #expect(requests[1].headers["user-agent"] == "halo/0.1")
        #expect(trace.lines.count == 2)
        #expect(trace.lines[0].wholeMatch(of: /POST http:\/\/127\.0\.0\.1:\d+\/auth\/token\?tenant=t1 200 \d+B \d+ms/) != nil)
        #expect(trace.lines[1].wholeMatch(of: /GET http:\/\/127\.0\.0\.1:\d+\/api\/client\?search=\S+ 200 31B \d+ms/) != nil, "\(trace.lines)")
    }

    @Test(arguments: Wire.allCases) func tenantLookupAndTokenRenewalOnTheWire(_ wire: Wire) throws {
        let server = try LoopbackServer { request, index in
            if request.target == "/api/instanceinfo" { return .json(#"{"tenant_id":"found"}"#) }
            if request.target.hasPrefix("/auth/token") {
                return .json(#"{"access_token":"short-\#(index)","token_type":"Bearer","expires_in":2}"#)
            }
            return .json("[]")
        }
        defer { server.stop() }
        let (client, _) = try client(server, over: wire, tenant: nil)
        var clock = Date()
        client.now = { clock }
        _ = try client.send(.get, path: "/api/agent")
        clock += 1.9
        _ = try client.send(.get, path: "/api/agent")
        #expect(server.requests.map(\.target) == ["/api/instanceinfo", "/auth/token?tenant=found", "/api/agent",
                                                 "/auth/token?tenant=found", "/api/agent"])
        #expect(server.requests[4].headers["authorization"] == "Bearer short-3")
    }

    @Test(arguments: Wire.allCases) func postIsReplayedAfter401OnTheWire(_ wire: Wire) throws {
        let server = try LoopbackServer { request, index in
            if request.target.hasPrefix("/auth/token") { return .json(#"{"access_token":"tok\#(index)","expires_in":3600}"#) }
            return index == 1 ? .reply(status: 401, headers: ["WWW-Authenticate": "Bearer"], body: "") : .json(#"{"id":42}"#, status: 201)
        }
        defer { server.stop() }
        let (client, _) = try client(server, over: wire)
        let response = try client.send(.post, path: "/api/tickets", body: Data(#"[{"summary":"x"}]"#.utf8))
        #expect(response.status == 201 && String(decoding: response.body, as: UTF8.self) == #"{"id":42}"#)
        let posts = server.requests.filter { $0.target == "/api/tickets" }
        #expect(posts.count == 2 && posts.allSatisfy { $0.body == Data(#"[{"summary":"x"}]"#.utf8) })
        #expect(posts.map { $0.headers["authorization"] ?? "" } == ["Bearer tok0", "Bearer tok2"])
        #expect(posts[0].headers["content-type"] == "application/json")
    }

    @Test(arguments: Wire.allCases) func getRetriesDropsAndGatewayErrorsOnTheWire(_ wire: Wire) throws {
        let server = try LoopbackServer { request, index in
            if request.target.hasPrefix("/auth/token") { return .json(Self.token) }
            switch index {
            case 1: return .drop
            case 2: return .reply(status: 503, headers: ["Retry-After": "0"], body: "busy")
            default: return .json("[1]")
            }
        }
        defer { server.stop() }
        let (client, trace) = try client(server, over: wire)
        let response = try client.send(.get, path: "/api/status")
        #expect(String(decoding: response.body, as: UTF8.self) == "[1]")
        #expect(server.requests.count == 4 && client.requestCount == 4)
        #expect(trace.lines.filter { $0.contains("retry") }.count == 2)
    }

    @Test(arguments: Wire.allCases) func postTimeoutIsReportedNotResent(_ wire: Wire) throws {
        let server = try LoopbackServer { request, _ in
            request.target.hasPrefix("/auth/token") ? .json(Self.token) : .stall(seconds: 1.6)
        }
        defer { server.stop() }
        let (client, trace) = try client(server, over: wire) { $0.timeout = 1 }
        try client.authenticate()
        let error = #expect(throws: HaloHTTPError.self) { try client.send(.post, path: "/api/tickets", body: Data("[{}]".utf8)) }
        #expect(error?.status == 0 && error?.transportFailure == .timedOut && error?.writeMayHaveApplied == true)
        let waited = trace.lines.last.flatMap { $0.firstMatch(of: /timed out (\d+)ms/) }.flatMap { Int($0.1) } ?? 0
        #expect(waited >= 900, "the timeout fired early: \(trace.lines)")
        #expect(server.requests.count == 2, "\(trace.lines)")
    }

    @Test(arguments: Wire.allCases) func refusedConnectionNamesTheURL(_ wire: Wire) throws {
        let server = try LoopbackServer { _, _ in .drop }
        server.stop()
        let (client, _) = try client(server, over: wire)
        let error = #expect(throws: HaloHTTPError.self) { try client.authenticate() }
        #expect(error?.status == 0 && error?.path == "/auth/token")
        #expect(error?.hint?.contains(server.url) == true)
        #expect(error?.message.contains("wire-secret") == false)
    }
}
