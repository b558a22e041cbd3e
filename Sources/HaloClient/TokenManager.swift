import Foundation

/// Holds the session's bearer token and decides when it must be renewed. The client fetches it;
/// this type only reads the token reply and keeps time, so renewal is testable with a fake clock.
struct TokenManager {
    /// When to stop using a token is decided by `CachedToken.renewAt`: 60 s before expiry, or 10%
    /// of the lifetime before it when that is shorter, so a 2-second sandbox token is used for 1.8 s.
    typealias Token = CachedToken

    /// Lifetime assumed when the reply has no `expires_in` (Halo's usual value).
    static let defaultLifetime = 3600.0

    private(set) var current: Token?

    static func renewalMargin(lifetime: Double) -> Double { min(60, max(0, lifetime) * 0.1) }

    func needsToken(now: Date) -> Bool {
        guard let current else { return true }
        return now >= current.renewAt
    }

    /// Takes a token from a cache when it is still good at `now`; returns whether it was taken.
    mutating func adopt(_ token: Token, now: Date) -> Bool {
        guard now < token.renewAt, !token.value.isEmpty else { return false }
        current = token
        return true
    }

    /// Forget the token, e.g. after Halo answered 401 to it.
    mutating func invalidate() { current = nil }

    /// Reads `access_token`, `token_type` and `expires_in` from the token endpoint's JSON reply.
    @discardableResult
    mutating func store(reply: Data, receivedAt: Date) throws -> Token {
        let object = (try? JSONSerialization.jsonObject(with: reply)) as? [String: Any]
        guard let value = object?["access_token"] as? String, !value.isEmpty else {
            throw HaloClientError.malformedReply(path: "/auth/token", detail: "no access_token in the token reply")
        }
        let rawType = (object?["token_type"] as? String) ?? "Bearer"
        let type = rawType.lowercased() == "bearer" ? "Bearer" : rawType
        let lifetime = Self.number(object?["expires_in"]) ?? Self.defaultLifetime
        let token = Token(value: value, type: type, lifetime: lifetime, receivedAt: receivedAt)
        current = token
        return token
    }

    /// `expires_in` arrives as a number or, from some servers, a numeric string.
    private static func number(_ any: Any?) -> Double? {
        if let number = any as? NSNumber { return number.doubleValue }
        if let text = any as? String { return Double(text) }
        return nil
    }
}
