import Foundation

/// Where a client keeps tokens between runs, so consecutive processes do not each sign in.
/// The client consults it once, on its first sign-in; a refused token is removed and replaced.
/// Implementations must never receive the secret: neither the key nor the token holds it.
public protocol TokenCache: Sendable {
    /// The token stored for `key`, or nil (absent, unreadable or unsafe); expiry is the client's call.
    func load(_ key: TokenCacheKey) -> CachedToken?
    func save(_ token: CachedToken, for key: TokenCacheKey) throws
    func remove(_ key: TokenCacheKey)
}

/// Who a token was issued to: the credentials, the secret only as `secretDigest`, so that a wrong
/// or rotated secret misses the cache and is tried against Halo at once.
public struct TokenCacheKey: Hashable, Sendable, Codable {
    public var url: String
    /// As configured: nil means "looked up", which is stable for one configuration.
    public var tenant: String?
    public var clientID: String
    public var scope: String
    /// `digest(secret:url:clientID:)`; "" for keys built without a secret.
    public var secretDigest: String

    public init(url: String, tenant: String?, clientID: String, scope: String, secretDigest: String = "") {
        self.url = url
        self.tenant = tenant
        self.clientID = clientID
        self.scope = scope
        self.secretDigest = secretDigest
    }

    /// The key a client with these credentials uses (the URL without trailing slashes).
    public init(credentials: HaloCredentials) {
        var url = credentials.url
        while url.hasSuffix("/") { url.removeLast() }
        self.init(url: url, tenant: credentials.tenant, clientID: credentials.clientID, scope: credentials.scope,
                  secretDigest: Self.digest(secret: credentials.clientSecret, url: url, clientID: credentials.clientID))
    }

    /// SHA-256 of a fixed label, the URL, the client id and the secret, NUL-separated. One-way, so
    /// the file does not give the secret away; salted with the URL and client id, so one digest
    /// cannot be looked up in a table built for every tenant. Halo's client secrets are long random
    /// strings, and the token stored beside the digest is itself a live credential, guarded by the
    /// same 0600 file.
    public static func digest(secret: String, url: String, clientID: String) -> String {
        SHA256.hex(Array(["halo token cache v1", url, clientID, secret].joined(separator: "\u{0}").utf8))
    }
}

/// A bearer token and the facts needed to decide when to stop using it.
public struct CachedToken: Equatable, Sendable, Codable {
    public var value: String
    public var type: String
    /// Seconds the token lives, from `expires_in`.
    public var lifetime: Double
    public var receivedAt: Date

    public init(value: String, type: String, lifetime: Double, receivedAt: Date) {
        self.value = value
        self.type = type
        self.lifetime = lifetime
        self.receivedAt = receivedAt
    }

    /// When to stop using the token (see `TokenManager.renewalMargin`), whether fresh or cached.
    public var renewAt: Date { receivedAt.addingTimeInterval(lifetime - TokenManager.renewalMargin(lifetime: lifetime)) }
    var authorization: String { "\(type) \(value)" }
}
