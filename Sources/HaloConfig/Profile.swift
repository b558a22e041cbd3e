/// One `[profiles.NAME]` table: a Halo tenant and how to sign in to it.
public struct Profile: Equatable, Sendable {
    public var name: String
    public var url: String
    /// nil: looked up at `/api/instanceinfo`, as with an unset HALO_TENANT.
    public var tenant: String?
    public var clientID: String
    public var scope: String
    /// Writes (POST, DELETE) ask for confirmation on a terminal and are refused in batch mode without --yes.
    public var production: Bool
    public var secret: SecretSource
    /// Seconds one request may take, retries included (`timeout = 60`); nil: the default.
    /// `--timeout` and `HALO_TIMEOUT` take precedence.
    public var timeout: Int?
    /// A separate authorisation server (`auth_url = "https://auth.acme.example/auth"`); nil: the
    /// tenant's own, or what `/api/authinfo` advertises. `HALO_AUTH_URL` takes precedence.
    public var authURL: String?
    /// Requests in flight at once for `get all` (`concurrency = 8`); nil: the default.
    /// `--concurrency` and `HALO_CONCURRENCY` take precedence.
    public var concurrency: Int?
    /// The tenant's rate limit as written (`rate_limit = "700/300"`, or `"off"`); nil: the default.
    /// Read by the client, which knows the format; `--rate-limit` and `HALO_RATE_LIMIT` take precedence.
    public var rateLimit: String?
    /// The line of the table header, for messages.
    public var line: Int

    public init(name: String, url: String, tenant: String? = nil, clientID: String, scope: String = "all",
                production: Bool = false, secret: SecretSource, timeout: Int? = nil, authURL: String? = nil,
                concurrency: Int? = nil, rateLimit: String? = nil, line: Int = 0) {
        self.name = name
        self.url = url
        self.tenant = tenant
        self.clientID = clientID
        self.scope = scope
        self.production = production
        self.secret = secret
        self.timeout = timeout
        self.authURL = authURL
        self.concurrency = concurrency
        self.rateLimit = rateLimit
        self.line = line
    }

    /// The keys a profile table may hold, in the order the docs list them.
    static let keys = ["url", "tenant", "client_id", "scope", "production", "secret_env", "secret_command", "client_secret", "timeout", "auth_url", "concurrency", "rate_limit"]
    static let secretKeys = ["secret_env", "secret_command", "client_secret"]
}
