import Foundation
import Testing
@testable import HaloClient

/// The client's policy over a scripted transport: auth, replay, retries, dry run, trace, paging.
struct HaloClientTests {
    @Test func firstRequestSignsInLazily() throws {
        let transport = ScriptedTransport()
        let (client, _, _) = try Fixture.client(transport, credentials: HaloCredentials(
            url: "https://acme.halopsa.com", tenant: "acme", clientID: "id 1", clientSecret: "p+ss&w=rd", scope: "read:tickets edit:tickets"))
        _ = try client.send(.get, path: "/api/client")
        #expect(transport.requests.count == 2)
        let token = transport.requests[0]
        #expect(token.method == "POST" && token.url.absoluteString == "https://acme.halopsa.com/auth/token?tenant=acme")
        #expect(token.header("content-type") == "application/x-www-form-urlencoded")
        #expect(token.header("authorization") == nil)
        #expect(String(decoding: token.body ?? Data(), as: UTF8.self)
                == "grant_type=client_credentials&client_id=id%201&client_secret=p%2Bss%26w%3Drd&scope=read%3Atickets%20edit%3Atickets")
        #expect(transport.requests[1].header("Authorization") == "Bearer tok-1")
        #expect(client.requestCount == 2)
    }

    @Test func emptyTenantIsOmitted() throws {
        let transport = ScriptedTransport()
        var credentials = Fixture.credentials
        credentials.tenant = ""
        let (client, _, _) = try Fixture.client(transport, credentials: credentials)
        try client.authenticate()
        #expect(transport.requests[0].url.absoluteString == "https://acme.halopsa.com/auth/token")
    }

    @Test func missingTenantIsLookedUpOnce() throws {
        let transport = ScriptedTransport { request in
            request.url.path == "/api/instanceinfo" ? .success(.json(#"{"tenant_id":"acmetenant","version":"2.236"}"#)) : .success(.json("{}"))
        }
        var credentials = Fixture.credentials
        credentials.tenant = nil
        let (client, _, _) = try Fixture.client(transport, credentials: credentials)
        try client.authenticate()
        try client.authenticate()
        #expect(transport.requests.map(\.url.absoluteString) == [
            "https://acme.halopsa.com/api/instanceinfo",
            "https://acme.halopsa.com/auth/token?tenant=acmetenant",
            "https://acme.halopsa.com/auth/token?tenant=acmetenant",
        ])
        #expect(transport.requests[0].header("authorization") == nil)
    }

    @Test func failedTenantLookupSaysToSetTheTenant() throws {
        let transport = ScriptedTransport { _ in .success(.json("", status: 404)) }
        var credentials = Fixture.credentials
        credentials.tenant = nil
        let (client, _, _) = try Fixture.client(transport, credentials: credentials)
        let error = #expect(throws: HaloHTTPError.self) { try client.send(.get, path: "/api/client") }
        #expect(error?.path == "/api/instanceinfo" && error?.hint?.contains("HALO_TENANT") == true)
        #expect(client.baseURL == "https://acme.halopsa.com")
    }

    @Test func tokenIsKeptThenRenewedBeforeExpiry() throws {
        let transport = ScriptedTransport()
        transport.tokenLifetime = 2
        let (client, _, _) = try Fixture.client(transport)
        var clock = Date(timeIntervalSince1970: 0)
        client.now = { clock }
        _ = try client.send(.get, path: "/api/a")
        clock += 1.7
        _ = try client.send(.get, path: "/api/b")
        clock += 0.2
        _ = try client.send(.get, path: "/api/c")
        #expect(transport.tokensIssued == 2)
        #expect(transport.apiRequests.map { $0.header("authorization") } == ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"])
    }

    @Test(arguments: [HTTPMethod.get, .post, .delete])
    func a401IsReplayedOnceWithANewToken(method: HTTPMethod) throws {
        var answered = 0
        let transport = ScriptedTransport { _ in
            answered += 1
            return .success(answered == 1 ? .json("", status: 401) : .json(#"{"id":1}"#))
        }
        let (client, trace, _) = try Fixture.client(transport)
        let response = try client.send(method, path: "/api/tickets", body: method == .post ? Data("[{}]".utf8) : nil)
        #expect(response.status == 200)
        #expect(transport.apiRequests.map { $0.header("authorization") } == ["Bearer tok-1", "Bearer tok-2"])
        #expect(trace.lines.contains { $0.contains(" 401 ") && $0.hasSuffix("token refused, signing in again") })
    }

    @Test func aSecond401IsReported() throws {
        let transport = ScriptedTransport { _ in .success(.json("", status: 401)) }
        let (client, _, _) = try Fixture.client(transport)
        let error = #expect(throws: HaloHTTPError.self) { try client.send(.get, path: "/api/tickets") }
        #expect(error?.status == 401 && transport.apiRequests.count == 2 && transport.tokensIssued == 2)
        #expect(error?.hint?.contains("signing in again") == true)
    }

    @Test func getRetriesTransientFailuresWithBackoff() throws {
        var answers: [Result<HTTPReply, TransportFailure>] = [.success(.json("", status: 503)), .failure(.timedOut),
                                                              .failure(.connectionLost("reset")), .success(.json("[1]"))]
        let transport = ScriptedTransport { _ in answers.removeFirst() }
        let (client, trace, sleeps) = try Fixture.client(transport)
        let response = try client.send(.get, path: "/api/client")
        #expect(String(decoding: response.body, as: UTF8.self) == "[1]")
        #expect(sleeps.values == [0.5, 0.75, 1.25]) // random 0.5 between 0.5 and 0.5·2^(n-1)
        #expect(trace.lines.filter { $0.contains("retry") }.count == 3)
        #expect(trace.lines.contains { $0.hasSuffix("retry 2/4 in 0.8s") })
    }

    @Test func getGivesUpAfterMaxAttempts() throws {
        let transport = ScriptedTransport { _ in .success(.json(#"{"error":"Rate Limit Reached"}"#, status: 429)) }
        let (client, _, sleeps) = try Fixture.client(transport) { $0.maxAttempts = 3 }
        let error = #expect(throws: HaloHTTPError.self) { try client.send(.get, path: "/api/client") }
        #expect(transport.apiRequests.count == 3 && sleeps.values.count == 2)
        #expect(error?.message == "GET /api/client: 429 Too Many Requests: Rate Limit Reached (rate limit: Halo counts requests over a rolling 5-minute window; gave up after 3 attempts)")
        #expect(error?.writeMayHaveApplied == false)
    }

    @Test func retryAfterIsHonoured() throws {
        var answered = 0
        let transport = ScriptedTransport { _ in
            answered += 1
            return .success(answered == 1 ? .json("", status: 429, headers: ["Retry-After": "7"]) : .json("{}"))
        }
        let (client, _, sleeps) = try Fixture.client(transport)
        _ = try client.send(.post, path: "/api/tickets", body: Data("[{}]".utf8))
        #expect(sleeps.values == [7] && transport.apiRequests.count == 2)
    }

    @Test(arguments: [HTTPMethod.post, .delete])
    func writeFailuresThatMayHaveLandedAreNeverResent(method: HTTPMethod) throws {
        for answer: Result<HTTPReply, TransportFailure> in [.success(.json("oops", status: 500)), .success(.json("", status: 503)),
                                                            .failure(.timedOut), .failure(.connectionLost("reset"))] {
            let transport = ScriptedTransport { _ in answer }
            let (client, _, sleeps) = try Fixture.client(transport)
            let error = #expect(throws: HaloHTTPError.self) { try client.send(method, path: "/api/tickets/5", body: Data("[]".utf8)) }
            #expect(transport.apiRequests.count == 1 && sleeps.values.isEmpty)
            #expect(error?.writeMayHaveApplied == true)
            #expect(error?.message.contains("the write may or may not have happened: check in Halo before running it again") == true)
        }
    }

    @Test func writeThatNeverConnectedIsNotAmbiguous() throws {
        let transport = ScriptedTransport { _ in .failure(.cannotConnect("Connection refused")) }
        let (client, _, _) = try Fixture.client(transport)
        try client.authenticate()
        let error = #expect(throws: HaloHTTPError.self) { try client.send(.post, path: "/api/tickets", body: Data("[]".utf8)) }
        #expect(error?.writeMayHaveApplied == false && error?.status == 0)
        #expect(error?.message == "POST /api/tickets: no reply (could not connect (Connection refused)) (check the URL (https://acme.halopsa.com) and that Halo is reachable from here)")
    }

    @Test func validationErrorMessage() throws {
        let transport = ScriptedTransport { _ in .success(.json("Summary is required", status: 400)) }
        let (client, _, _) = try Fixture.client(transport)
        let error = #expect(throws: HaloHTTPError.self) { try client.send(.post, path: "api/tickets", body: Data("[{}]".utf8)) }
        #expect(error?.message == "POST /api/tickets: 400 Bad Request: Summary is required")
        #expect(error?.body == Data("Summary is required".utf8))
    }

    @Test func tokenEndpoint500HintsAtTheTenant() throws {
        let transport = ScriptedTransport { _ in .success(.json("", status: 500)) }
        transport.routesTokens = true
        let (client, _, sleeps) = try Fixture.client(transport)
        let error = #expect(throws: HaloHTTPError.self) { try client.send(.get, path: "/api/client") }
        #expect(error?.path == "/auth/token" && error?.status == 500 && sleeps.values.isEmpty)
        #expect(error?.hint?.contains("HALO_TENANT") == true)
    }

    @Test func dryRunSendsNoWrites() throws {
        let transport = ScriptedTransport()
        let (client, trace, _) = try Fixture.client(transport) { $0.dryRun = true }
        let body = Data(#"[{"summary":"x"}]"#.utf8)
        let post = try client.send(.post, path: "/api/tickets", body: body)
        let delete = try client.send(.delete, path: "/api/tickets/4")
        #expect(post.dryRun && post.status == 0 && post.body == body)
        #expect(delete.dryRun && delete.body.isEmpty)
        #expect(transport.requests.isEmpty && client.requestCount == 0)
        #expect(trace.lines == ["POST https://acme.halopsa.com/api/tickets dry run, not sent 17B",
                                "DELETE https://acme.halopsa.com/api/tickets/4 dry run, not sent 0B"])
        let get = try client.send(.get, path: "/api/tickets")
        #expect(!get.dryRun && transport.apiRequests.count == 1)
    }

    @Test func traceHasOneLinePerExchange() throws {
        let transport = ScriptedTransport { _ in .success(.json(#"{"id":1}"#)) }
        let (client, trace, _) = try Fixture.client(transport)
        _ = try client.send(.get, path: "/api/client", query: [("search", "Acme")])
        #expect(trace.lines.count == 2)
        #expect(trace.lines[0].hasPrefix("POST https://acme.halopsa.com/auth/token?tenant=acme 200 "))
        #expect(trace.lines[1].wholeMatch(of: /GET https:\/\/acme\.halopsa\.com\/api\/client\?search=Acme 200 8B \d+ms/) != nil)
    }

    @Test func getAllWalksPagesThroughTheClient() throws {
        let transport = ScriptedTransport { request in
            let query = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
            let pageNo = Int(query.first { $0.name == "page_no" }?.value ?? "") ?? 0
            let items = pageNo == 1 ? "[1,2]" : "[3]"
            return .success(.json(#"{"record_count":3,"clients":\#(items)}"#))
        }
        let reports = LineCollector()
        let (client, _, _) = try Fixture.client(transport) {
            $0.pageSize = 2
            $0.progress = { reports.append("\($0)/\($1)") }
        }
        let walked = try client.getAll(path: "/api/client", query: [("search", "a b"), ("page_no", "9")], decoder: TestDecoder())
        #expect(walked.items == [1, 2, 3] && walked.pages == 2 && walked.listKey == "clients")
        #expect(transport.apiRequests.map { $0.url.query ?? "" } == [
            "search=a%20b&pageinate=true&page_size=2&page_no=1",
            "search=a%20b&pageinate=true&page_size=2&page_no=2",
        ])
        #expect(reports.lines == ["2/3", "3/3"])
    }
}
