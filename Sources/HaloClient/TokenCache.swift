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

/// Who a token was issued to. The secret is deliberately not part of it.
public struct TokenCacheKey: Hashable, Sendable, Codable {
    public var url: String
    /// As configured: nil means "looked up", which is stable for one configuration.
    public var tenant: String?
    public var clientID: String
    public var scope: String

    public init(url: String, tenant: String?, clientID: String, scope: String) {
        self.url = url
        self.tenant = tenant
        self.clientID = clientID
        self.scope = scope
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
