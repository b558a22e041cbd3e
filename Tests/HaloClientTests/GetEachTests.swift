import Foundation
import HaloSandbox
import Testing
@testable import HaloClient

/// `getEach`: one GET per path, several in flight, answers in the order asked.
@Suite(.timeLimit(.minutes(1)))
struct GetEachTests {
    @Test func bodiesComeBackInTheOrderAskedWithMissingRecordsInPlace() async throws {
        let sandbox = try await SandboxClient.start { $0.latency = 0.02; $0.jitter = 0.02 }
        defer { sandbox.server.stop() }
        let client = try sandbox.client { $0.concurrency = 4 }
        let ids = [9, 3, 999_999, 12, 1, 7, 8, 2]
        let results = try await offThePool { try client.getEach(ids.map { "/api/tickets/\($0)" }) }
        #expect(results.count == ids.count)
        for (id, result) in zip(ids, results) {
            switch result {
            case .success(let body):
                let record = try JSONSerialization.jsonObject(with: body) as? [String: Any]
                #expect(record?["id"] as? Int == id)
            case .failure(let error):
                #expect(id == 999_999 && error.status == 404)
            }
        }
        #expect(sandbox.server.stats().total == ids.count + 1, "one GET each and one token")
    }

    @Test func aServerErrorStopsTheBatchAndIsThrown() async throws {
        let sandbox = try await SandboxClient.start { _ in }
        defer { sandbox.server.stop() }
        sandbox.server.injectFault(SandboxFault(method: "GET", pathPrefix: "/api/tickets/3", status: 500, count: 10))
        let client = try sandbox.client { $0.concurrency = 2; $0.maxAttempts = 1 }
        await #expect(throws: HaloHTTPError.self) {
            try await offThePool { try client.getEach((1...6).map { "/api/tickets/\($0)" }) }
        }
    }
}
