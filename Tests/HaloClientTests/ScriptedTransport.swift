import Foundation
@testable import HaloClient

/// A fake wire: records every request and answers from a closure. Token requests get
/// `tok-1`, `tok-2`, ... unless the test routes `/auth/token` itself.
final class ScriptedTransport: HTTPTransport {
    var requests: [HTTPRequest] = []
    var tokensIssued = 0
    var tokenLifetime = 3600
    var route: (HTTPRequest) -> Result<HTTPReply, TransportFailure>

    init(route: @escaping (HTTPRequest) -> Result<HTTPReply, TransportFailure> = { _ in .success(.json("{}")) }) {
        self.route = route
    }

    func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPReply {
        requests.append(request)
        if request.url.path == "/auth/token" && request.method == "POST" && !routesTokens {
            tokensIssued += 1
            return .json(#"{"access_token":"tok-\#(tokensIssued)","token_type":"Bearer","expires_in":\#(tokenLifetime)}"#)
        }
        return try route(request).get()
    }

    /// Set when the test wants to answer `/auth/token` itself.
    var routesTokens = false

    /// Requests other than the token endpoint.
    var apiRequests: [HTTPRequest] { requests.filter { $0.url.path != "/auth/token" } }
}

extension HTTPReply {
    static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> HTTPReply {
        HTTPReply(status: status, headers: headers, body: Data(text.utf8))
    }
}

/// Collects trace lines from a `@Sendable` callback.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    func append(_ line: String) { lock.withLock { stored.append(line) } }
}

enum Fixture {
    static let secret = "S3cr3t-Value-XYZ"
    static let credentials = HaloCredentials(url: "https://acme.halopsa.com/", tenant: "acme",
                                             clientID: "client-1", clientSecret: secret)

    /// A client over `transport` that never really sleeps and records its sleeps and trace lines.
    static func client(_ transport: ScriptedTransport, credentials: HaloCredentials = credentials,
                       configure: (inout HaloClientOptions) -> Void = { _ in }) throws -> (HaloClient, LineCollector, SleepLog) {
        let trace = LineCollector()
        var options = HaloClientOptions()
        options.trace = { trace.append($0) }
        configure(&options)
        let client = try HaloClient(credentials: credentials, options: options, transport: transport)
        let sleeps = SleepLog()
        client.sleep = { sleeps.values.append($0) }
        client.random = { 0.5 }
        return (client, trace, sleeps)
    }
}

final class SleepLog {
    var values: [Double] = []
}

/// Decodes `{"record_count": N, "<key>": [..]}` or a bare array with JSONSerialization.
struct TestDecoder: PageDecoder {
    func decodePage(_ body: Data) throws -> Page<Int> {
        let json = try JSONSerialization.jsonObject(with: body)
        if let array = json as? [Int] { return Page(recordCount: nil, listKey: nil, items: array) }
        let object = json as! [String: Any]
        let key = object.keys.first { $0 != "record_count" }
        return Page(recordCount: object["record_count"] as? Int, listKey: key, items: key.flatMap { object[$0] as? [Int] } ?? [])
    }
}
