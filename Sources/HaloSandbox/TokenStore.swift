import Foundation

/// Bearer tokens issued by /auth/token and when each expires (monotonic clock, so a wall-clock
/// change cannot revive or kill them).
struct TokenStore: Sendable {
    private struct Grant: Sendable {
        let expiry: ContinuousClock.Instant
        /// nil: every permission.
        let permissions: Set<String>?
    }
    private var grants: [String: Grant] = [:]

    mutating func issue(lifetime seconds: Int, permissions: Set<String>?, now: ContinuousClock.Instant) -> String {
        grants = grants.filter { $0.value.expiry > now }
        var generator = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        grants[token] = Grant(expiry: now + .seconds(seconds), permissions: permissions)
        return token
    }

    enum Verdict: Equatable {
        /// The permissions the token carries; nil: all.
        case valid(Set<String>?)
        case missing, unknown, expired
    }

    func check(authorization: String?, now: ContinuousClock.Instant) -> Verdict {
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else { return .missing }
        let token = authorization.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        guard let grant = grants[token] else { return .unknown }
        return grant.expiry > now ? .valid(grant.permissions) : .expired
    }
}

