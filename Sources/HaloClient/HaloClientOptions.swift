/// Tuning for one client; the defaults suit a hosted Halo tenant.
public struct HaloClientOptions: Sendable {
    /// `page_size` sent by `getAll`.
    public var pageSize = 100
    /// Attempts per request, the first one included (retries only happen where `RetryPolicy` allows).
    public var maxAttempts = 5
    /// Seconds one request may spend sleeping between retries, in total.
    public var maxRetryWait = 120.0
    /// First backoff step in seconds; step n waits up to `baseBackoff * 2^(n-1)`.
    public var baseBackoff = 0.5
    /// First backoff step for a 429 without `Retry-After`: Halo counts requests over a rolling
    /// 5-minute window, so half-second steps would only burn the remaining attempts.
    public var rateLimitBackoff = 5.0
    /// Seconds one request may take in all: every attempt, the waits between retries and a sign-in
    /// it triggers. No request outlives it (see `Deadline`).
    public var timeout = 120.0
    /// Seconds each attempt may spend opening its connection; a GET whose connect times out is
    /// retried while `timeout` leaves time.
    public var connectTimeout = 10.0
    /// Largest reply body accepted, in bytes; a longer one is cut off mid-transfer and reported.
    /// Halo's largest pages are a few MB; the benchmark's biggest reply is 62 MB.
    public var maxResponseBytes = 256 << 20
    /// What error messages name as the setting behind `timeout` (the CLI says `--timeout`,
    /// `HALO_TIMEOUT` or the profile), so the reader knows what to raise.
    public var timeoutSetting = "timeout"
    /// The same for `maxResponseBytes`.
    public var maxResponseSetting = "maxResponseBytes"
    /// Most HTTP exchanges in flight at once, over all threads calling the client; `getAll` fetches
    /// the pages after the first this many at a time. 1 (the default) walks pages one by one, as
    /// any transport can serve; more needs a transport that may be called from several threads.
    public var concurrency = 1
    /// Requests allowed per rolling window, token requests included; nil sends without pacing.
    /// Halo's own is `RateLimit.halo` (700 per 5 minutes).
    public var rateLimit: RateLimit? = nil
    /// POST and DELETE are not sent; `send` hands the body back with `dryRun == true`.
    public var dryRun = false
    /// One line per HTTP exchange (method, URL, status, bytes, ms); secrets redacted.
    public var trace: (@Sendable (String) -> Void)? = nil
    /// Called after each page of a `getAll` walk with the items in hand and `record_count`.
    public var progress: (@Sendable (_ have: Int, _ total: Int) -> Void)? = nil
    /// Told when the rate limiter holds a request back for more than a few seconds, so that a long
    /// pause is explained without `--trace` (the line is the one the trace gets).
    public var longWait: (@Sendable (_ line: String) -> Void)? = nil
    public var userAgent = "halo/0.1"
    /// Told each token the client starts to use (new or from the cache), so that the caller can keep
    /// it out of what it prints.
    public var tokenObserver: (@Sendable (String) -> Void)? = nil
    /// Keeps tokens between runs; nil keeps them in memory only.
    public var tokenCache: (any TokenCache)? = nil

    public init() {}
}
