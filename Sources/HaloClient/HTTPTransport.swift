import Foundation

/// The seam between the client's policy (auth, retries, errors) and the wire, so that policy can
/// be tested with a scripted fake and an embedder can route requests in-process.
/// One call is one HTTP exchange, blocking until the reply or a failure. A client with
/// `concurrency` above 1, or called from several threads, calls `send` from several threads at
/// once (the libcurl and URLSession transports allow it; a scripted fake for one thread need not).
public protocol HTTPTransport: AnyObject {
    func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPReply
}

/// One request exactly as it goes on the wire.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(String, String)]
    public var body: Data?
    /// Seconds this exchange may take in all, connecting included; nil uses the transport's own.
    /// The client passes what is left of the request's deadline.
    public var timeout: Double?

    public init(method: String, url: URL, headers: [(String, String)] = [], body: Data? = nil, timeout: Double? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// Any HTTP reply, whatever its status.
public struct HTTPReply: Sendable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }
}

/// No HTTP reply at all. The cases differ in whether the server may have seen the request,
/// which decides whether a write may have been applied.
public enum TransportFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// No reply within the timeout: the server may have acted.
    case timedOut
    /// The connection dropped mid-exchange: the server may have acted.
    case connectionLost(String)
    /// Never connected (refused, unknown host, TLS handshake): the server did not see the request.
    case cannotConnect(String)
    /// The reply body passed this many bytes (the transport's cap) and the transfer was cut off.
    case replyTooLarge(limit: Int)
    /// Anything else; treated like a lost connection.
    case other(String)

    /// False only when the request certainly never reached Halo.
    var requestMayHaveArrived: Bool {
        if case .cannotConnect = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .timedOut: return "timed out"
        case .connectionLost(let why): return "connection lost (\(why))"
        case .cannotConnect(let why): return "could not connect (\(why))"
        case .replyTooLarge(let limit): return "reply larger than \(ByteCount.text(limit))"
        case .other(let why): return why
        }
    }
}
