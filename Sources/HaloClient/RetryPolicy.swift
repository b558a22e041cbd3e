import Foundation

/// Which failed attempts are tried again, and after how long. Pure, so every branch is unit-tested.
///
/// Reads (idempotent) retry 429, 502, 503, 504, timeouts and dropped connections. Writes retry only
/// 429, which Halo answers before acting; a timeout, dropped connection or 5xx on a write may have
/// been applied, so it is reported and never resent (a resent create duplicates the record).
/// The 401 replay is not decided here: `HaloClient` does it once per request for every method.
struct RetryPolicy: Sendable {
    /// Attempts per request, the first included.
    var maxAttempts: Int
    /// Total seconds of sleeping allowed per request.
    var maxTotalWait: Double
    var baseBackoff: Double
    /// First step for a 429 without `Retry-After`.
    var rateLimitBackoff: Double
    /// No single computed backoff exceeds this (a `Retry-After` may).
    var maxBackoff: Double = 60

    /// What one attempt produced, reduced to what the decision needs.
    enum Outcome: Equatable {
        case status(Int)
        case failure(TransportFailure)
    }

    enum Decision: Equatable {
        case retry(after: Double)
        case giveUp
    }

    init(maxAttempts: Int, maxTotalWait: Double, baseBackoff: Double, rateLimitBackoff: Double) {
        self.maxAttempts = maxAttempts
        self.maxTotalWait = maxTotalWait
        self.baseBackoff = baseBackoff
        self.rateLimitBackoff = rateLimitBackoff
    }

    init(_ options: HaloClientOptions) {
        self.init(maxAttempts: options.maxAttempts, maxTotalWait: options.maxRetryWait,
                  baseBackoff: options.baseBackoff, rateLimitBackoff: options.rateLimitBackoff)
    }

    /// Whether the outcome is worth another attempt at all, budget aside.
    static func isRetryable(_ outcome: Outcome, idempotent: Bool) -> Bool {
        switch outcome {
        case .status(429): return true
        case .status(502), .status(503), .status(504): return idempotent
        case .failure(.timedOut), .failure(.connectionLost): return idempotent
        default: return false
        }
    }

    /// Full jitter between the first step and `step * 2^(attempt-1)`: spreads clients apart without
    /// ever retrying immediately. `random` is in 0...1.
    func backoff(afterAttempt attempt: Int, outcome: Outcome, random: Double) -> Double {
        let step = outcome == .status(429) ? max(baseBackoff, rateLimitBackoff) : baseBackoff
        let ceiling = min(maxBackoff, step * pow(2, Double(max(attempt, 1) - 1)))
        let floor = min(step, ceiling)
        return floor + (ceiling - floor) * min(max(random, 0), 1)
    }

    /// - Parameters:
    ///   - attempt: attempts made so far, this one included (1 after the first failure).
    ///   - waited: seconds already slept for this request.
    ///   - retryAfter: the server's `Retry-After` in seconds, when it sent one; honoured as is.
    ///   - timeLeft: seconds before the request's deadline (`HaloClientOptions.timeout`). A wait
    ///     that would reach it is pointless, as no attempt could follow it: give up instead.
    ///   - windowFrees: for a 429 without Retry-After, when the client's rate limiter expects a slot
    ///     to free (see `RequestRateLimiter.waitAfterRefusal`). Waited instead of the backoff when
    ///     it fits the budgets: retrying sooner would only be refused again. It is an upper bound
    ///     (others' requests may leave first), so when it does not fit, the backoff applies.
    func decide(_ outcome: Outcome, idempotent: Bool, attempt: Int, waited: Double,
                retryAfter: Double?, random: Double, timeLeft: Double = .infinity,
                windowFrees: Double? = nil) -> Decision {
        guard Self.isRetryable(outcome, idempotent: idempotent), attempt < maxAttempts else { return .giveUp }
        let remaining = maxTotalWait - waited
        guard remaining > 0, timeLeft > 0 else { return .giveUp }
        let delay: Double
        if let retryAfter {
            guard retryAfter <= remaining else { return .giveUp }
            delay = max(0, retryAfter)
        } else if outcome == .status(429), let windowFrees, windowFrees <= remaining, windowFrees < timeLeft {
            delay = max(0, windowFrees)
        } else {
            delay = min(backoff(afterAttempt: attempt, outcome: outcome, random: random), remaining)
        }
        return delay < timeLeft ? .retry(after: delay) : .giveUp
    }
}
