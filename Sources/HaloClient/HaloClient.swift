import Foundation
import Dispatch
import Synchronization

/// A blocking client for the Halo REST API: signs in with client credentials, keeps and renews the
/// token, retries what is safe to retry, walks pages, and turns failures into messages that say
/// what Halo said and what to check. Synchronous because the interpreter that calls it is.
///
/// `send` and `getAll` may be called from several threads at once: they share one token (renewed
/// by one thread while the others wait for it), one cap on exchanges in flight
/// (`options.concurrency`) and one rate limiter; each call has its own deadline. Hence
/// `@unchecked Sendable`: every mutable member is behind `session` or `signInLock`, except the
/// test seams, which tests set before sending.
public final class HaloClient: @unchecked Sendable {
    public let options: HaloClientOptions
    /// HTTP exchanges sent so far, token requests and retries included (Halo's rate limit counts them all).
    public var requestCount: Int { session.withLock { $0.requestCount } }

    /// The credentials' URL without trailing slashes.
    public let baseURL: String

    private let credentials: HaloCredentials
    private let transport: any HTTPTransport
    private let policy: RetryPolicy
    /// What every thread shares: the token, what to redact, the request count.
    private let session: Mutex<SessionState>
    /// Held for a whole sign-in, so that one thread renews the token while the others wait and
    /// then use the new one. Also guards `tenant`.
    private let signInLock = NSLock()
    /// The tenant from the credentials or, once looked up, from `/api/instanceinfo` (under `signInLock`).
    private var tenant: String?
    /// Who tokens are cached for: the credentials, the secret only as a digest (a rotated secret misses).
    private let cacheKey: TokenCacheKey
    /// Permits for exchanges in flight, `options.concurrency` of them, shared by every thread.
    private let inFlight: DispatchSemaphore
    private let limiter: RequestRateLimiter?
    /// Trace lines are written whole, one at a time, whichever thread sends.
    private let traceLock = NSLock()

    /// The state every calling thread shares, behind `session`.
    private struct SessionState {
        var tokens = TokenManager()
        var redactor: Redactor
        /// The token cache is read on the first sign-in only: later ones renew an expired or refused token.
        var cacheConsulted = false
        var requestCount = 0
    }

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
        let redactor = Redactor(secrets: [credentials.clientSecret] + (URLDisplay.password(in: base).map { [$0] } ?? []))
        self.session = Mutex(SessionState(redactor: redactor))
        self.tenant = credentials.tenant
        self.cacheKey = TokenCacheKey(credentials: credentials)
        self.inFlight = DispatchSemaphore(value: max(1, options.concurrency))
        self.limiter = options.rateLimit.map(RequestRateLimiter.init)
    }

    /// The base URL as messages may show it: a password in it masked.
    public var displayURL: String { URLDisplay.masked(baseURL) }

    /// Signs in now, looking the tenant up first when the credentials have none. Requests call
    /// this lazily, so calling it is only needed to check credentials early.
    /// - Parameter reuseCachedToken: take a still-valid token from `options.tokenCache` instead of
    ///   asking Halo (false proves the credentials themselves work). A new token is always cached.
    public func authenticate(reuseCachedToken: Bool = true) throws {
        var deadline = Deadline(seconds: options.timeout)
        signInLock.lock()
        defer { signInLock.unlock() }
        try signIn(reuseCachedToken: reuseCachedToken, deadline: &deadline)
    }

    /// Signs in for a request that found no usable token, unless another thread did so while this
    /// one waited for the lock: exactly one renewal, whose token every waiting thread then uses.
    private func renewToken(deadline: inout Deadline) throws {
        signInLock.lock()
        defer { signInLock.unlock() }
        guard session.withLock({ $0.tokens.needsToken(now: now()) }) else { return }
        try signIn(reuseCachedToken: true, deadline: &deadline)
    }

    /// Call with `signInLock` held.
    private func signIn(reuseCachedToken: Bool, deadline: inout Deadline) throws {
        if reuseCachedToken, adoptCachedToken() { return }
        let tenant = try resolveTenant(deadline: &deadline)
        var query: [(String, String)] = []
        if !tenant.isEmpty { query.append(("tenant", tenant)) }
        let form = URLEncoding.form([("grant_type", "client_credentials"), ("client_id", credentials.clientID),
                                     ("client_secret", credentials.clientSecret), ("scope", credentials.scope)])
        session.withLock { $0.tokens.invalidate() }
        let explicit = credentials.authURL.map(Self.trimmed)
        let authURL = explicit ?? AuthServerDirectory.authURL(for: baseURL) ?? baseURL + "/auth"
        let reply: HaloResponse
        do {
            reply = try requestToken(at: authURL, query: query, form: form, deadline: &deadline)
        } catch let error as HaloHTTPError where error.status == 404 && explicit == nil {
            // Not issued here: a self-hosted Halo names its authorisation server at /api/authinfo.
            guard let advertised = try discoverAuthURL(deadline: &deadline), advertised != authURL else { throw error }
            reply = try requestToken(at: advertised, query: query, form: form, deadline: &deadline)
            AuthServerDirectory.remember(advertised, for: baseURL)
        }
        let receivedAt = now()
        let token = try session.withLock { state in
            let token = try state.tokens.store(reply: reply.body, receivedAt: receivedAt)
            state.redactor.add(token.value)
            return token
        }
        options.tokenObserver?(token.value)
        // A cache that cannot be written costs a sign-in next run, not this run.
        try? options.tokenCache?.save(token, for: cacheKey)
    }

    /// POSTs the client credentials to `{authURL}/token`. Errors name the token URL in full when it
    /// is not under the Halo URL, so a wrong authorisation server shows which one was tried.
    private func requestToken(at authURL: String, query: [(String, String)], form: String,
                              deadline: inout Deadline) throws -> HaloResponse {
        try URLSecurity.check(authURL)
        let url = try URLEncoding.join(base: authURL, path: "/token", query: query)
        let shown = authURL.hasPrefix(baseURL + "/") ? String(authURL.dropFirst(baseURL.count)) + "/token"
                                                    : URLDisplay.masked(authURL + "/token")
        return try exchange(.post, path: shown, url: url, body: Data(form.utf8),
                            contentType: "application/x-www-form-urlencoded", kind: .token, deadline: &deadline)
    }

    /// `auth_url` from `/api/authinfo`, or nil when the reply has none.
    private func discoverAuthURL(deadline: inout Deadline) throws -> String? {
        let path = "/api/authinfo"
        let reply = try exchange(.get, path: path, url: URLEncoding.join(base: baseURL, path: path),
                                 body: nil, contentType: nil, kind: .discovery, deadline: &deadline)
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
        guard let cache = options.tokenCache else { return false }
        let firstLook = session.withLock { state in
            defer { state.cacheConsulted = true }
            return !state.cacheConsulted
        }
        guard firstLook, let token = cache.load(cacheKey) else { return false }
        let at = now()
        let adopted = session.withLock { state in
            guard state.tokens.adopt(token, now: at) else { return false }
            state.redactor.add(token.value)
            return true
        }
        guard adopted else {
            cache.remove(cacheKey)
            return false
        }
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
        var deadline = Deadline(seconds: options.timeout)
        return try exchange(method, path: Self.displayPath(path), url: url, body: body,
                            contentType: body == nil ? nil : "application/json", kind: .api, deadline: &deadline)
    }

    /// GETs every page of a list (`pageinate=true`, `page_size`, `page_no=1,2,...`, replacing any
    /// paging parameters in `query`) until `record_count` items are in hand. A bare-array reply is
    /// its own single page. Throws `PageWalkError` rather than return a partial list.
    ///
    /// With `options.concurrency` above 1, the pages after the first are fetched that many at a
    /// time (see `PageWalker.walkConcurrently`) and assembled in page order; `decoder` runs on the
    /// calling thread only.
    public func getAll<D: PageDecoder>(path: String, query: [(String, String)] = [], decoder: D) throws -> WalkedPages<D.Item> {
        let walker = PageWalker(path: Self.displayPath(path), pageSize: options.pageSize,
                                progress: options.progress.map { report in { report($0, $1) } })
        let pageSize = options.pageSize
        let fetch: @Sendable (Int) throws -> Data = { [self] pageNo in
            try send(.get, path: path, query: PageWalker.query(query, pageSize: pageSize, pageNo: pageNo)).body
        }
        guard options.concurrency > 1 else { return try walker.walk(decode: decoder.decodePage, fetchPage: fetch) }
        return try walker.walkConcurrently(width: options.concurrency, decode: decoder.decodePage, fetchPage: fetch)
    }

    /// GETs each path, up to `options.concurrency` at a time, and returns the bodies in the order
    /// of `paths`; a path Halo refuses with a 4xx (a 404 for a missing record) gives its error in its
    /// place. Any other failure is thrown: no further path is started.
    public func getEach(_ paths: [String]) throws -> [Result<Data, HaloHTTPError>] {
        let fetch: @Sendable (Int) throws -> Result<Data, HaloHTTPError> = { [self] index in
            do {
                return .success(try send(.get, path: paths[index]).body)
            } catch let error as HaloHTTPError where (400..<500).contains(error.status) {
                return .failure(error)
            }
        }
        guard options.concurrency > 1, paths.count > 1 else { return try paths.indices.map(fetch) }
        let pool = PageFetchPool(pages: 0...(paths.count - 1), width: options.concurrency, fetch: fetch)
        defer { pool.finish() }
        return try paths.indices.map { index in
            guard let result = pool.take(index) else {
                throw HaloClientError.malformedReply(path: paths[index], detail: "not fetched after an earlier failure")
            }
            return try result.get()
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

    /// Call with `signInLock` held.
    private func resolveTenant(deadline: inout Deadline) throws -> String {
        if let tenant { return tenant }
        let path = "/api/instanceinfo"
        let reply = try exchange(.get, path: path, url: URLEncoding.join(base: baseURL, path: path),
                                 body: nil, contentType: nil, kind: .discovery, deadline: &deadline)
        guard let object = (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any] else {
            throw HaloClientError.malformedReply(path: path, detail: "not a JSON object; set the tenant (HALO_TENANT) explicitly")
        }
        // No tenant_id (on-premises) means no `?tenant=` on the token request.
        let found = object["tenant_id"].map { $0 is NSNull ? "" : "\($0)" } ?? ""
        tenant = found
        return found
    }

    /// One logical request: as many HTTP exchanges as retries and the single 401 replay need.
    /// `deadline` is the calling request's: its sign-in and tenant lookup draw on it too.
    private func exchange(_ method: HTTPMethod, path: String, url: URL, body: Data?, contentType: String?, kind: Kind,
                          deadline: inout Deadline) throws -> HaloResponse {
        let idempotent = method.isIdempotent || kind != .api
        var attempt = 0
        var waited = 0.0
        var replayed401 = false
        var renewedAfterTurn = false
        while true {
            var headers = [("Accept", "application/json")]
            if let contentType { headers.append(("Content-Type", contentType)) }
            if kind == .api, session.withLock({ $0.tokens.needsToken(now: now()) }) {
                try renewToken(deadline: &deadline)
            }
            // Queued for a permit and the rate limiter: waiting one's turn is not the request's own time.
            deadline.postpone(byNanoseconds: waitForTurn())
            var usedToken: String?
            if kind == .api {
                let (current, stale) = session.withLock { ($0.tokens.current, $0.tokens.needsToken(now: now())) }
                // Dropped by another thread's 401, or expired while this request waited its turn
                // (renewed once here; a server that issues already-stale tokens still gets them used).
                guard let token = current, !stale || renewedAfterTurn else {
                    renewedAfterTurn = current != nil
                    endTurn(sent: false)
                    continue
                }
                headers.append(("Authorization", token.authorization))
                usedToken = token.value
            }
            let timeLeft = deadline.remaining()
            guard timeLeft > 0 else {
                // The sign-in above used the whole budget; nothing was sent for this request.
                endTurn(sent: false)
                throw error(method, path: path, result: .failure(.timedOut), idempotent: true, attempts: attempt, kind: kind,
                            deadline: deadline)
            }
            attempt += 1
            session.withLock { $0.requestCount += 1 }
            let started = DispatchTime.now().uptimeNanoseconds
            let result: Result<HTTPReply, TransportFailure>
            do {
                result = .success(try transport.send(HTTPRequest(method: method.rawValue, url: url, headers: headers,
                                                                 body: body, timeout: timeLeft)))
            } catch { result = .failure(error) }
            endTurn(sent: true)
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
            var windowFrees: Double?
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
                // Only the token this request used: another thread may have renewed it already.
                let dropped = session.withLock { state in
                    guard state.tokens.current?.value == usedToken else { return false }
                    state.tokens.invalidate()
                    state.cacheConsulted = true
                    return true
                }
                if dropped { options.tokenCache?.remove(cacheKey) }
                continue
            case .success(let reply):
                outcome = .status(reply.status)
                retryAfter = reply.headers["retry-after"].flatMap { RetryAfter.seconds($0, now: now()) }
                // Without Retry-After, a 429 waits until the window frees, not a few seconds.
                if reply.status == 429, retryAfter == nil { windowFrees = limiter?.waitAfterRefusal() }
            case .failure(let failure):
                outcome = .failure(failure)
            }

            switch policy.decide(outcome, idempotent: idempotent, attempt: attempt, waited: waited,
                                 retryAfter: retryAfter, random: random(), timeLeft: deadline.remaining(),
                                 windowFrees: windowFrees) {
            case .retry(let delay):
                trace("retry \(attempt)/\(max(policy.maxAttempts - 1, 1)) in \(RequestTrace.seconds(delay))")
                // Every thread holds off after a 429, not only the one that got it.
                if outcome == .status(429) { limiter?.hold(seconds: delay) }
                sleep(delay)
                waited += delay
            case .giveUp:
                trace(nil)
                throw error(method, path: path, result: result, idempotent: idempotent, attempts: attempt, kind: kind,
                            deadline: deadline)
            }
        }
    }

    /// Waits for a permit (at most `options.concurrency` exchanges in flight) and for the rate
    /// limiter; returns the nanoseconds waited.
    /// Seconds of rate-limit wait worth a word without `--trace`.
    public static let longWait = 5.0

    private func waitForTurn() -> UInt64 {
        let started = DispatchTime.now().uptimeNanoseconds
        inFlight.wait()
        limiter?.acquire { line, seconds in
            emitTrace(line)
            if seconds >= Self.longWait { options.longWait?(line) }
        }
        return DispatchTime.now().uptimeNanoseconds - started
    }

    /// Gives back what `waitForTurn` took; `sent` says whether an exchange went out (it then
    /// counts in the rate window).
    private func endTurn(sent: Bool) {
        if sent { limiter?.finish() } else { limiter?.cancel() }
        inFlight.signal()
    }

    private func error(_ method: HTTPMethod, path: String, result: Result<HTTPReply, TransportFailure>,
                       idempotent: Bool, attempts: Int, kind: Kind, deadline: Deadline) -> HaloHTTPError {
        switch result {
        case .success(let reply):
            return error(method, path: path, reply: reply, parsed: ErrorBody(reply.body), idempotent: idempotent,
                         attempts: attempts, kind: kind)
        case .failure(let failure):
            let hint = ErrorHint.hint(.init(status: 0, oauthError: nil, failure: failure,
                                            isTokenRequest: kind == .token, attempts: attempts, baseURL: displayURL))
            return HaloHTTPError(method: method, path: path, status: 0, transportFailure: failure, hint: hint,
                                 writeMayHaveApplied: !idempotent && failure.requestMayHaveArrived,
                                 limit: limit(for: failure, deadline: deadline))
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
                             haloMessage: parsed.message.map(redact), hint: hint,
                             body: redactedBody(reply.body),
                             writeMayHaveApplied: !idempotent && (reply.status >= 500 || success),
                             errorInSuccessReply: success)
    }

    /// `120 s (--timeout)` when the deadline ended the request, `256 MB (--max-response-mb)` for an
    /// oversized reply; nil when no limit of ours was the cause.
    private func limit(for failure: TransportFailure, deadline: Deadline) -> String? {
        switch failure {
        case .timedOut where deadline.remaining() <= 0.05:
            return "\(ByteCount.number(options.timeout)) s (\(options.timeoutSetting))"
        case .replyTooLarge(let bytes):
            return "\(ByteCount.text(bytes)) (\(options.maxResponseSetting))"
        default:
            return nil
        }
    }

    private func redactedBody(_ body: Data) -> Data {
        guard let text = String(data: body, encoding: .utf8) else { return body }
        let clean = redact(text)
        return clean == text ? body : Data(clean.utf8)
    }

    private func redact(_ text: String) -> String {
        session.withLock { $0.redactor }.redact(text)
    }

    /// One line at a time, so lines from several threads never interleave.
    private func emitTrace(_ line: String) {
        guard let trace = options.trace else { return }
        let clean = redact(line)
        traceLock.lock()
        defer { traceLock.unlock() }
        trace(clean)
    }
}
