import Foundation
import HaloSandbox
import Testing
@testable import HaloClient

/// `getAll` with several pages in flight, against a real sandbox that delays and reorders replies.
@Suite(.timeLimit(.minutes(2)))
struct ConcurrentWalkTests {
    @Test(arguments: [100, 37])
    func pagesComeBackInOrderUnderLatencyAndJitter(pageSize: Int) async throws {
        let sandbox = try await SandboxClient.start { $0.latency = 0.02; $0.jitter = 0.02 }
        defer { sandbox.server.stop() }
        let progress = ThreadSafeLog<Int>()
        let transport = try CurlTransport(timeout: 30, userAgent: "halo-tests")
        let concurrent = try sandbox.client(transport: transport) {
            $0.concurrency = 8
            $0.pageSize = pageSize
            $0.progress = { have, _ in progress.append(have) }
        }
        let walked = try await offThePool { try concurrent.getAll(path: "/api/tickets", decoder: IDPageDecoder()) }
        let serial = try sandbox.client { $0.pageSize = pageSize }
        let expected = try await offThePool { try serial.getAll(path: "/api/tickets", decoder: IDPageDecoder()) }
        #expect(walked.recordCount == expected.recordCount && walked.recordCount >= 10_000)
        #expect(walked.items == expected.items, "the same items in the same order as the serial walk")
        #expect(walked.pages == (walked.recordCount + pageSize - 1) / pageSize && walked.pages == expected.pages)
        #expect(walked.listKey == "tickets")
        let haves = progress.all
        #expect(haves == haves.sorted() && haves.last == walked.recordCount && haves.count == walked.pages)
        #expect(sandbox.server.stats()["GET /api/tickets"] == walked.pages * 2)
        // Connections are reused: one easy handle (one kept-alive connection) per page in flight.
        #expect(transport.handleCount >= 2 && transport.handleCount <= 8, "\(transport.handleCount) handles")
    }

    @Test func aFailedPageAmongSeveralInFlightFailsTheWalkNamingIt() async throws {
        let sandbox = try await SandboxClient.start { $0.latency = 0.02; $0.jitter = 0.01 }
        defer { sandbox.server.stop() }
        let server = sandbox.server
        let injected = ThreadSafeLog<Int>()
        let client = try sandbox.client {
            $0.concurrency = 8
            $0.maxAttempts = 1
            // Once page 1 is in, one of the pages in flight after it gets a 500.
            $0.progress = { have, total in
                if injected.all.isEmpty { server.injectFault(SandboxFault(method: "GET", pathPrefix: "/api/tickets", status: 500)) }
                injected.append(have)
            }
        }
        let outcome = try await offThePool { () -> String in
            do {
                _ = try client.getAll(path: "/api/tickets", decoder: IDPageDecoder())
                return "no error"
            } catch let error as HaloHTTPError {
                return "\(error.status) page \(error.page ?? 0): \(error.message)"
            }
        }
        #expect(outcome.hasPrefix("500 page "), "\(outcome)")
        #expect(outcome.contains("GET /api/tickets (page "), "\(outcome)")
        #expect(!outcome.hasPrefix("500 page 0") && !outcome.hasPrefix("500 page 1:"))
        let stats = server.stats()
        #expect(stats.faultsServed == 1)
        #expect(stats["GET /api/tickets"] < 100, "the walk stopped starting pages after the failure: \(stats["GET /api/tickets"])")
    }

    @Test func aRecordCountThatChangesMidWalkFailsLoudly() async throws {
        let sandbox = try await SandboxClient.start { $0.latency = 0.01 }
        defer { sandbox.server.stop() }
        let server = sandbox.server
        let created = ThreadSafeLog<Int>()
        let client = try sandbox.client {
            $0.concurrency = 4
            $0.progress = { have, total in
                if created.all.isEmpty {
                    // A ticket created after page 1: later pages say record_count + 1.
                    created.append(have)
                    let token = Self.token(server)
                    _ = Self.send(server, "POST", "/api/tickets", body: #"[{"summary": "new mid-walk"}]"#,
                                  headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")])
                }
            }
        }
        let error = try await offThePool { () -> PageWalkError? in
            do {
                _ = try client.getAll(path: "/api/tickets", decoder: IDPageDecoder())
                return nil
            } catch let error as PageWalkError {
                return error
            }
        }
        let walkError = try #require(error)
        guard case .totalChanged(let page, let count) = walkError.reason else {
            Issue.record("expected totalChanged, got \(walkError)")
            return
        }
        #expect(page == 2 && count == walkError.total + 1)
        #expect(walkError.description.contains("got 100 of \(walkError.total)"))
    }

    /// A sandbox token, fetched with a transport of its own (not through the client under test).
    static func token(_ server: SandboxServer) -> String {
        let o = server.options
        let body = send(server, "POST", "/auth/token?tenant=\(o.tenant)",
                        body: "grant_type=client_credentials&client_id=\(o.clientID)&client_secret=\(o.clientSecret)&scope=all",
                        headers: [("Content-Type", "application/x-www-form-urlencoded")])
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        return object?["access_token"] as? String ?? ""
    }

    static func send(_ server: SandboxServer, _ method: String, _ path: String, body: String,
                     headers: [(String, String)]) -> Data {
        let transport = try? CurlTransport(timeout: 10, userAgent: "halo-tests")
        let reply = try? transport?.send(HTTPRequest(method: method, url: URL(string: server.url + path)!,
                                                     headers: headers, body: Data(body.utf8)))
        return reply?.body ?? Data()
    }
}
