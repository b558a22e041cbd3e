import Foundation

/// Bearer tokens issued by /auth/token and when each expires (monotonic clock, so a wall-clock
/// change cannot revive or kill them).
struct TokenStore: Sendable {
    private var expiries: [String: ContinuousClock.Instant] = [:]

    mutating func issue(lifetime seconds: Int, now: ContinuousClock.Instant) -> String {
        expiries = expiries.filter { $0.value > now }
        var generator = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        expiries[token] = now + .seconds(seconds)
        return token
    }

    enum Verdict { case valid, missing, unknown, expired }

    func check(authorization: String?, now: ContinuousClock.Instant) -> Verdict {
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else { return .missing }
        let token = authorization.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        guard let expiry = expiries[token] else { return .unknown }
        return expiry > now ? .valid : .expired
    }
}

