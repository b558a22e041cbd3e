import Foundation
import Dispatch

/// A blocking client for the Halo REST API: signs in with client credentials, keeps and renews the
/// token, retries what is safe to retry, walks pages, and turns failures into messages that say
/// what Halo said and what to check. Synchronous because the interpreter that calls it is; use it
/// from one thread.
public final class HaloClient {
    public let options: HaloClientOptions
    /// HTTP exchanges sent so far, token requests and retries included (Halo's rate limit counts them all).
    public private(set) var requestCount = 0

    /// The credentials' URL without trailing slashes.
    public let baseURL: String

    private let credentials: HaloCredentials
    private let transport: any HTTPTransport
    private let policy: RetryPolicy
    private var tokens = TokenManager()
    private var redactor: Redactor
    /// The tenant from the credentials or, once looked up, from `/api/instanceinfo`.
    private var tenant: String?
    /// The token cache is read on the first sign-in only: later ones renew an expired or refused token.
    private var cacheConsulted = false
    /// Who tokens are cached for: the credentials, the secret only as a digest (a rotated secret misses).
    private let cacheKey: TokenCacheKey
    /// The deadline of the request under way: set by the outermost `send` or `authenticate`, shared
    /// by the sign-in and tenant lookup it triggers.
    private var deadline: Deadline?

    /// Seams for tests: no real sleeping, a controllable clock, deterministic jitter.
    var sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }
    var now: () -> Date = { Date() }
    var random: () -> Double = { Double.random(in: 0...1) }

    /// Refuses `http://` unless the host is loopback (127.0.0.0/8, localhost, ::1).
    /// The transport is libcurl unless `HALO_HTTP=urlsession` (see `DefaultTransport`).
    public convenience init(credentials: HaloCredentials, options: HaloClientOptions = .init()) throws {
        try self.init(credentials: credentials, options: options, transport: DefaultTransport.make(options: options))
    }

    /// As above with another transport, e.g. one that serves requests in-process.
    public init(credentials: HaloCredentials, options: HaloClientOptions = .init(), transport: any HTTPTransport) throws {
        try URLSecurity.check(credentials.url)
        var base = credentials.url
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.credentials = credentials
        self.options = options
        self.transport = transport
        self.policy = RetryPolicy(options)
        self.redactor = Redactor(secrets: [credentials.clientSecret] + (URLDisplay.password(in: base).map { [$0] } ?? []))
        self.tenant = credentials.tenant
        self.cacheKey = TokenCacheKey(credentials: credentials)
    }

    /// The base URL as messages may show it: a password in it masked.
    public var displayURL: String { URLDisplay.masked(baseURL) }

    /// Signs in now, looking the tenant up first when the credentials have none. Requests call
    /// this lazily, so calling it is only needed to check credentials early.
    /// - Parameter reuseCachedToken: take a still-valid token from `options.tokenCache` instead of
    ///   asking Halo (false proves the credentials themselves work). A new token is always cached.
    public func authenticate(reuseCachedToken: Bool = true) throws {
        try withinDeadline { try signIn(reuseCachedToken: reuseCachedToken) }
    }

    private func signIn(reuseCachedToken: Bool) throws {
        if reuseCachedToken, adoptCachedToken() { return }
        let tenant = try resolveTenant()
        var query: [(String, String)] = []
        if !tenant.isEmpty { query.append(("tenant", tenant)) }
        let form = URLEncoding.form([("grant_type", "client_credentials"), ("client_id", credentials.clientID),
                                     ("client_secret", credentials.clientSecret), ("scope", credentials.scope)])
        tokens.invalidate()
        let explicit = credentials.authURL.map(Self.trimmed)
        let authURL = explicit ?? AuthServerDirectory.authURL(for: baseURL) ?? baseURL + "/auth"
        let reply: HaloResponse
        do {
            reply = try requestToken(at: authURL, query: query, form: form)
        } catch let error as HaloHTTPError where error.status == 404 && explicit == nil {
            // Not issued here: a self-hosted Halo names its authorisation server at /api/authinfo.
            guard let advertised = try discoverAuthURL(), advertised != authURL else { throw error }
            reply = try requestToken(at: advertised, query: query, form: form)
            AuthServerDirectory.remember(advertised, for: baseURL)
        }
        let token = try tokens.store(reply: reply.body, receivedAt: now())
        redactor.add(token.value)
        options.tokenObserver?(token.value)
        // A cache that cannot be written costs a sign-in next run, not this run.
        try? options.tokenCache?.save(token, for: cacheKey)
    }

    /// POSTs the client credentials to `{authURL}/token`. Errors name the token URL in full when it
    /// is not under the Halo URL, so a wrong authorisation server shows which one was tried.
    private func requestToken(at authURL: String, query: [(String, String)], form: String) throws -> HaloResponse {
        try URLSecurity.check(authURL)
        let url = try URLEncoding.join(base: authURL, path: "/token", query: query)
        let shown = authURL.hasPrefix(baseURL + "/") ? String(authURL.dropFirst(baseURL.count)) + "/token"
                                                    : URLDisplay.masked(authURL + "/token")
        return try exchange(.post, path: shown, url: url, body: Data(form.utf8),
                            contentType: "application/x-www-form-urlencoded", kind: .token)
    }

    /// `auth_url` from `/api/authinfo`, or nil when the reply has none.
    private func discoverAuthURL() throws -> String? {
        let path = "/api/authinfo"
        let reply = try exchange(.get, path: path, url: URLEncoding.join(base: baseURL, path: path),
                                 body: nil, contentType: nil, kind: .discovery)
        guard let object = (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any],
              let url = object["auth_url"] as? String, !url.isEmpty else { return nil }
        return Self.trimmed(url)
    }

    private static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    private func adoptCachedToken() -> Bool {
        guard let cache = options.tokenCache, !cacheConsulted else { return false }
        cacheConsulted = true
        guard let token = cache.load(cacheKey) else { return false }
        guard tokens.adopt(token, now: now()) else {
            cache.remove(cacheKey)
            return false
        }
        redactor.add(token.value)
        options.tokenObserver?(token.value)
        return true
    }

    /// Sends one API request and returns its 2xx reply; throws `HaloHTTPError` otherwise.
    /// In dry-run mode POST and DELETE are not sent and come back with `dryRun == true`.
    /// - Parameters:
    ///   - path: like `/api/tickets/12`, joined to the credentials' URL.
    ///   - query: percent-encoded here, in order.
    ///   - body: JSON bytes (Halo writes take a JSON array).
    public func send(_ method: HTTPMethod, path: String, query: [(String, String)] = [], body: Data? = nil) throws -> HaloResponse {
        let url = try URLEncoding.join(base: baseURL, path: path, query: query)
        if options.dryRun && method != .get {
            let bytes = body ?? Data()
            emitTrace(RequestTrace.line(method: method.rawValue, url: URLDisplay.masked(url.absoluteString),
                                        result: .dryRun(bytes: bytes.count), milliseconds: 0))
            return HaloResponse(status: 0, body: bytes, dryRun: true)
        }
        return try withinDeadline {
            try exchange(method, path: Self.displayPath(path), url: url, body: body,
                         contentType: body == nil ? nil : "application/json", kind: .api)
        }
    }

    /// Runs `body` under the current request's deadline, starting one (`options.timeout`) if none is.
    private func withinDeadline<T>(_ body: () throws -> T) throws -> T {
        if deadline != nil { return try body() }
        deadline = Deadline(seconds: options.timeout)
        defer { deadline = nil }
        return try body()
    }

    /// GETs every page of a list (`pageinate=true`, `page_size`, `page_no=1,2,...`, replacing any
    /// paging parameters in `query`) until `record_count` items are in hand. A bare-array reply is
    /// its own single page. Throws `PageWalkError` rather than return a partial list.
    public func getAll<D: PageDecoder>(path: String, query: [(String, String)] = [], decoder: D) throws -> WalkedPages<D.Item> {
        let walker = PageWalker(path: Self.displayPath(path), pageSize: options.pageSize,
                                progress: options.progress.map { report in { report($0, $1) } })
        return try walker.walk(decode: decoder.decodePage) { pageNo in
            try send(.get, path: path,
                     query: PageWalker.query(query, pageSize: options.pageSize, pageNo: pageNo)).body
        }
    }

    // MARK: - Internals

    /// What an exchange is for, which decides auth, retries and hints.
    private enum Kind {
        case api, token, discovery
    }

    /// `/api/x` for `api/x?y=1`: what error messages name.
    private static func displayPath(_ path: String) -> String {
        let bare = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        return bare.hasPrefix("/") ? bare : "/" + bare
    }

    private func resolveTenant() throws -> String {
        if let tenant { return tenant }
        let path = "/api/instanceinfo"
        let reply = try exchange(.get, path: path, url: URLEncoding.join(base: baseURL, path: path),
                                 body: nil, contentType: nil, kind: .discovery)
        guard let object = (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any] else {
            throw HaloClientError.malformedReply(path: path, detail: "not a JSON object; set the tenant (HALO_TENANT) explicitly")
        }
        // No tenant_id (on-premises) means no `?tenant=` on the token request.
        let found = object["tenant_id"].map { $0 is NSNull ? "" : "\($0)" } ?? ""
        tenant = found
        return found
    }

    /// One logical request: as many HTTP exchanges as retries and the single 401 replay need.
    private func exchange(_ method: HTTPMethod, path: String, url: URL, body: Data?, contentType: String?, kind: Kind) throws -> HaloResponse {
        let idempotent = method.isIdempotent || kind != .api
        var attempt = 0
        var waited = 0.0
        var replayed401 = false
        while true {
            var headers = [("Accept", "application/json")]
            if let contentType { headers.append(("Content-Type", contentType)) }
            if kind == .api {
                if tokens.needsToken(now: now()) { try signIn(reuseCachedToken: true) }
                if let token = tokens.current { headers.append(("Authorization", token.authorization)) }
            }
            let timeLeft = deadline?.remaining() ?? options.timeout
            guard timeLeft > 0 else {
                // The sign-in above used the whole budget; nothing was sent for this request.
                throw error(method, path: path, result: .failure(.timedOut), idempotent: true, attempts: attempt, kind: kind)
            }
            attempt += 1
            requestCount += 1
            let started = DispatchTime.now().uptimeNanoseconds
            let result: Result<HTTPReply, TransportFailure>
            do {
                result = .success(try transport.send(HTTPRequest(method: method.rawValue, url: url, headers: headers,
                                                                 body: body, timeout: timeLeft)))
            } catch { result = .failure(error) }
            let milliseconds = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
            let shownURL = URLDisplay.masked(url.absoluteString)
            let trace = { (note: String?) in
                let traced: RequestTrace.Result
                switch result {
                case .success(let reply): traced = .reply(status: reply.status, bytes: reply.body.count)
                case .failure(let failure): traced = .failure(failure)
                }
                self.emitTrace(RequestTrace.line(method: method.rawValue, url: shownURL, result: traced,
                                                 milliseconds: milliseconds, note: note))
            }

            let outcome: RetryPolicy.Outcome
            var retryAfter: Double?
            switch result {
            case .success(let reply) where (200..<300).contains(reply.status):
                trace(nil)
                if let hidden = ErrorInSuccessReply.detect(reply.body) {
                    throw error(method, path: path, reply: reply, parsed: hidden, idempotent: idempotent,
                                attempts: attempt, kind: kind)
                }
                return HaloResponse(status: reply.status, body: reply.body, headers: reply.headers)
            case .success(let reply) where reply.status == 401 && kind == .api && !replayed401:
                // Halo did not act on a request it refused to authenticate, so replaying is safe for writes too.
                trace("token refused, signing in again")
                replayed401 = true
                attempt -= 1
                tokens.invalidate()
                cacheConsulted = true
                options.tokenCache?.remove(cacheKey)
                continue
            case .success(let reply):
                outcome = .status(reply.status)
                retryAfter = reply.headers["retry-after"].flatMap { RetryAfter.seconds($0, now: now()) }
            case .failure(let failure):
                outcome = .failure(failure)
            }

            switch policy.decide(outcome, idempotent: idempotent, attempt: attempt, waited: waited,
                                 retryAfter: retryAfter, random: random(), timeLeft: deadline?.remaining() ?? .infinity) {
            case .retry(let delay):
                trace("retry \(attempt)/\(max(policy.maxAttempts - 1, 1)) in \(RequestTrace.seconds(delay))")
                sleep(delay)
                waited += delay
            case .giveUp:
                trace(nil)
                throw error(method, path: path, result: result, idempotent: idempotent, attempts: attempt, kind: kind)
            }
        }
    }

    private func error(_ method: HTTPMethod, path: String, result: Result<HTTPReply, TransportFailure>,
                       idempotent: Bool, attempts: Int, kind: Kind) -> HaloHTTPError {
        switch result {
        case .success(let reply):
            return error(method, path: path, reply: reply, parsed: ErrorBody(reply.body), idempotent: idempotent,
                         attempts: attempts, kind: kind)
        case .failure(let failure):
            let hint = ErrorHint.hint(.init(status: 0, oauthError: nil, failure: failure,
                                            isTokenRequest: kind == .token, attempts: attempts, baseURL: displayURL))
            return HaloHTTPError(method: method, path: path, status: 0, transportFailure: failure, hint: hint,
                                 writeMayHaveApplied: !idempotent && failure.requestMayHaveArrived,
                                 limit: limit(for: failure))
        }
    }

    /// An HTTP reply that is an error: a non-2xx status, or a 2xx holding only an error, which for
    /// a write cannot say whether anything was applied.
    private func error(_ method: HTTPMethod, path: String, reply: HTTPReply, parsed: ErrorBody,
                       idempotent: Bool, attempts: Int, kind: Kind) -> HaloHTTPError {
        let success = (200..<300).contains(reply.status)
        let hint = ErrorHint.hint(.init(status: reply.status, oauthError: parsed.oauthError, failure: nil,
                                        isTokenRequest: kind == .token, isTenantLookup: kind == .discovery,
                                        attempts: attempts, baseURL: displayURL,
                                        permission: kind == .api ? RequiredPermission.name(method: method, path: path) : nil))
        return HaloHTTPError(method: method, path: path, status: reply.status,
                             haloMessage: parsed.message.map(redactor.redact), hint: hint,
                             body: redactedBody(reply.body),
                             writeMayHaveApplied: !idempotent && (reply.status >= 500 || success),
                             errorInSuccessReply: success)
    }

    /// `120 s (--timeout)` when the deadline ended the request, `256 MB (--max-response-mb)` for an
    /// oversized reply; nil when no limit of ours was the cause.
    private func limit(for failure: TransportFailure) -> String? {
        switch failure {
        case .timedOut where (deadline?.remaining() ?? 0) <= 0.05:
            return "\(ByteCount.number(options.timeout)) s (\(options.timeoutSetting))"
        case .replyTooLarge(let bytes):
            return "\(ByteCount.text(bytes)) (\(options.maxResponseSetting))"
        default:
            return nil
        }
    }

    private func redactedBody(_ body: Data) -> Data {
        guard let text = String(data: body, encoding: .utf8) else { return body }
        let clean = redactor.redact(text)
        return clean == text ? body : Data(clean.utf8)
    }

    private func emitTrace(_ line: String) {
        options.trace?(redactor.redact(line))
    }
}
