import Foundation
import CCurl

/// One libcurl easy handle, used by one thread at a time (`CurlTransport` lends it out, hence
/// `@unchecked Sendable`: it moves between threads but is never shared). It keeps
/// its connection open between requests, so consecutive requests on it reuse the connection.
///
/// Redirects are not followed: HaloClient vets only the base URL, and a redirect must not carry
/// the secret or token somewhere it never checked; a 3xx surfaces as an HTTP error instead.
/// Request headers are never logged here: they carry the bearer token.
final class CurlHandle: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    /// libcurl's detailed message for the last failure (CURL_ERROR_SIZE bytes, alive as long as the handle).
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Body bytes accepted per reply (see `HaloClientOptions.maxResponseBytes`).
    private let maxResponseBytes: Int
    /// CURLOPT_TIMEOUT_MS for a request that does not bring its own timeout.
    private let defaultTimeout: Int

    /// See `CurlTransport.init`.
    init(timeout: Double, connectTimeout: Double, maxResponseBytes: Int, userAgent: String) throws(TransportFailure) {
        if let failure = halo_curl_load() { throw .cannotConnect(Self.unavailable(String(cString: failure))) }
        guard let handle = halo_curl_easy_init() else { throw .other("libcurl could not create a handle") }
        self.handle = handle
        self.maxResponseBytes = max(0, maxResponseBytes)
        self.defaultTimeout = Self.milliseconds(timeout)
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))

        // No SIGALRM for timeouts (Debian's libcurl resolves in a thread anyway). libcurl then no
        // longer ignores SIGPIPE itself; it sends with MSG_NOSIGNAL, TLS included (its own OpenSSL BIO).
        halo_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        halo_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(min(connectTimeout, timeout)))
        halo_curl_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
        halo_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        halo_curl_setopt_str(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        // "" offers every encoding this libcurl can decode; bodies arrive decoded.
        halo_curl_setopt_str(handle, CURLOPT_ACCEPT_ENCODING, "")
        halo_curl_setopt_str(handle, CURLOPT_USERAGENT, userAgent)
        halo_curl_setopt_ptr(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        halo_curl_setopt_data_fn(handle, CURLOPT_WRITEFUNCTION, CurlExchange.writeBody)
        halo_curl_setopt_data_fn(handle, CURLOPT_HEADERFUNCTION, CurlExchange.readHeader)
    }

    /// Why no request can be sent, with what would mend it: libcurl is opened at the first request.
    static func unavailable(_ failure: String) -> String {
        "libcurl could not be loaded: \(failure); install it (Debian/Ubuntu: apt-get install libcurl4; "
            + "Fedora: dnf install libcurl) or name its file in HALO_LIBCURL"
    }

    deinit {
        halo_curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPReply {
        var headers: UnsafeMutablePointer<curl_slist>?
        defer { halo_curl_slist_free_all(headers) }
        for (name, value) in request.headers {
            // CR, LF or NUL would split or cut the header line on the wire.
            guard !Self.unsafeForHeader(name), !Self.unsafeForHeader(value) else {
                throw .other("header \(name) holds a line break or NUL")
            }
            headers = halo_curl_slist_append(headers, "\(name): \(value)")
        }
        // Without this, libcurl waits up to a second for `100 Continue` before a body over 1 KiB.
        headers = halo_curl_slist_append(headers, "Expect:")

        let exchange = CurlExchange(maxBody: maxResponseBytes)
        let total = request.timeout.map(Self.milliseconds) ?? defaultTimeout
        halo_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, total)
        let userdata = Unmanaged.passUnretained(exchange).toOpaque()
        halo_curl_setopt_str(handle, CURLOPT_URL, request.url.absoluteString)
        halo_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
        halo_curl_setopt_ptr(handle, CURLOPT_WRITEDATA, userdata)
        halo_curl_setopt_ptr(handle, CURLOPT_HEADERDATA, userdata)
        defer {
            // Nothing dangling in the handle between requests.
            halo_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, nil)
            halo_curl_setopt_ptr(handle, CURLOPT_POSTFIELDS, nil)
            halo_curl_setopt_ptr(handle, CURLOPT_WRITEDATA, nil)
            halo_curl_setopt_ptr(handle, CURLOPT_HEADERDATA, nil)
        }

        let code = withExtendedLifetime(exchange) { perform(request) }
        if exchange.overflowed { throw .replyTooLarge(limit: maxResponseBytes) }
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            throw CurlFailure.failure(code, detail: detail.isEmpty ? String(cString: halo_curl_easy_strerror(code)) : detail)
        }
        var status = 0
        halo_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPReply(status: status, headers: exchange.headers, body: exchange.body)
    }

    /// Sets the method and body, then performs while the body bytes are pinned (POSTFIELDS is not copied).
    private func perform(_ request: HTTPRequest) -> CURLcode {
        let method = request.method.uppercased()
        halo_curl_setopt_long(handle, CURLOPT_NOBODY, method == "HEAD" ? 1 : 0)
        guard request.body != nil || method == "POST" else {
            // HTTPGET also undoes a previous request's POST on this reused handle.
            halo_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
            if method == "HEAD" { halo_curl_setopt_long(handle, CURLOPT_NOBODY, 1) }
            halo_curl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, method == "GET" || method == "HEAD" ? nil : method)
            return halo_curl_easy_perform(handle)
        }
        halo_curl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, method == "POST" ? nil : method)
        let body = request.body ?? Data()
        return body.withUnsafeBytes { bytes in
            halo_curl_setopt_long(handle, CURLOPT_POST, 1)
            halo_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
            if let start = bytes.baseAddress, bytes.count > 0 {
                halo_curl_setopt_ptr(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: start))
            } else {
                // Never a NULL POSTFIELDS: libcurl would then read the body from stdin.
                halo_curl_setopt_str(handle, CURLOPT_COPYPOSTFIELDS, "")
            }
            return halo_curl_easy_perform(handle)
        }
    }

    /// Whole milliseconds, at least 1 (0 would mean "no timeout" to libcurl).
    private static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite else { return Int(Int32.max) }
        return max(1, min(Int(Int32.max), Int((seconds * 1000).rounded(.up))))
    }

    private static func unsafeForHeader(_ text: String) -> Bool {
        text.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
    }
}
