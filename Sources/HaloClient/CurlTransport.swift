import Foundation
import Synchronization

/// The default wire: libcurl's easy interface, called directly. `curl_easy_perform` sleeps in
/// poll while it waits, where FoundationNetworking's URLSession busy-waits on Linux (a core at
/// 100% per request in flight, starving an in-process sandbox on small machines).
///
/// Safe to call from several threads at once: each request borrows an idle easy handle from a
/// pool (a new one when all are busy) and returns it, so there are as many handles as requests
/// were ever in flight together, and each keeps its connection alive for the next request.
/// Measured against libcurl's multi interface in docs/PERFORMANCE.md.
public final class CurlTransport: HTTPTransport, Sendable {
    private let idle = Mutex<[CurlHandle]>([])
    private let timeout: Double
    private let connectTimeout: Double
    private let maxResponseBytes: Int
    private let userAgent: String

    /// - Parameters:
    ///   - timeout: seconds for the whole exchange, connecting included (sub-second works), unless
    ///     the request sets its own.
    ///   - connectTimeout: seconds to open the connection (TLS handshake included).
    ///   - maxResponseBytes: longer replies are aborted mid-transfer with `.replyTooLarge`.
    public init(timeout: Double, connectTimeout: Double = 10, maxResponseBytes: Int = 256 << 20,
                userAgent: String) throws(TransportFailure) {
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
        // The first handle now, so that a libcurl that cannot start fails here rather than mid-run.
        let first = try CurlHandle(timeout: timeout, connectTimeout: connectTimeout,
                                   maxResponseBytes: maxResponseBytes, userAgent: userAgent)
        idle.withLock { $0.append(first) }
    }

    /// Handles created so far: the most requests that were in flight at once.
    public var handleCount: Int { created.withLock { $0 } }
    private let created = Mutex(1)

    public func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPReply {
        let handle = try borrow()
        defer { idle.withLock { $0.append(handle) } }
        return try handle.send(request)
    }

    /// The most recently returned idle handle (its connection is the likeliest to be alive), or a new one.
    private func borrow() throws(TransportFailure) -> CurlHandle {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        let handle = try CurlHandle(timeout: timeout, connectTimeout: connectTimeout,
                                    maxResponseBytes: maxResponseBytes, userAgent: userAgent)
        created.withLock { $0 += 1 }
        return handle
    }
}
