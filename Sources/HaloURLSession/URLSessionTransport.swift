import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Dispatch
import HaloClient

/// The real wire: one ephemeral `URLSession` per client, so connections are kept alive and reused,
/// with no cache and no cookies. The public API is synchronous because the interpreter is, so each
/// exchange runs as a `dataTask` and the calling thread waits on a semaphore.
///
/// Its own target because on Linux FoundationNetworking links libcurl: a `halo` that contained it
/// would load libcurl and its ~30 libraries at every start. `halo` offers it (`HALO_HTTP=urlsession`)
/// on macOS only, where URLSession is the system's own.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let timeout: Double
    private let maxResponseBytes: Int

    /// `timeout` is rounded up to whole seconds: FoundationNetworking on Linux fires sub-second
    /// timeouts almost at once (seen: 0.3 s timing out after 2 ms). URLSession has no separate
    /// connect timeout, and a completion-handler task holds the whole body before it can be
    /// measured, so `maxResponseBytes` is checked after the fact: only the curl transport stops an
    /// endless reply mid-transfer.
    public init(timeout: Double, maxResponseBytes: Int = 256 << 20, userAgent: String) {
        let timeout = max(1, timeout.rounded(.up))
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpAdditionalHeaders = ["User-Agent": userAgent]
        self.session = URLSession(configuration: configuration)
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// The client's timeout, reply cap and user agent.
    public convenience init(options: HaloClientOptions) {
        self.init(timeout: options.timeout, maxResponseBytes: options.maxResponseBytes, userAgent: options.userAgent)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPReply {
        let timeout = request.timeout.map { max(1, $0.rounded(.up)) } ?? self.timeout
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body

        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        // The handler runs on the session's own queue, never on this (blocked) thread.
        session.dataTask(with: urlRequest) { data, response, error in
            outcome.set(Self.reply(data: data, response: response, error: error))
            done.signal()
        }.resume()
        done.wait()
        let reply = try outcome.get().get()
        if reply.body.count > maxResponseBytes { throw .replyTooLarge(limit: maxResponseBytes) }
        return reply
    }

    private static func reply(data: Data?, response: URLResponse?, error: (any Error)?) -> Result<HTTPReply, TransportFailure> {
        if let error { return .failure(failure(for: error)) }
        guard let http = response as? HTTPURLResponse else { return .failure(.other("not an HTTP reply")) }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        return .success(HTTPReply(status: http.statusCode, headers: headers, body: data ?? Data()))
    }

    /// Sorts URLSession's errors by whether the request may have reached the server.
    static func failure(for error: any Error) -> TransportFailure {
        guard let urlError = error as? URLError else { return .other(error.localizedDescription) }
        switch urlError.code {
        case .timedOut:
            return .timedOut
        case .networkConnectionLost, .badServerResponse, .zeroByteResource:
            return .connectionLost(urlError.localizedDescription)
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
             .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .unsupportedURL:
            return .cannotConnect(urlError.localizedDescription)
        default:
            return .other(urlError.localizedDescription)
        }
    }
}

/// Carries the completion handler's result back to the waiting thread; the semaphore orders the
/// write before the read, which is why unchecked Sendable is sound here.
private final class Outcome: @unchecked Sendable {
    private var result: Result<HTTPReply, TransportFailure> = .failure(.other("no reply"))
    func set(_ value: Result<HTTPReply, TransportFailure>) { result = value }
    func get() -> Result<HTTPReply, TransportFailure> { result }
}
