import Foundation
import Testing
@testable import HaloClient

struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, maxTotalWait: 120, baseBackoff: 0.5, rateLimitBackoff: 5)

    @Test(arguments: [429, 502, 503, 504])
    func getRetriesTransientStatuses(status: Int) {
        #expect(RetryPolicy.isRetryable(.status(status), idempotent: true))
    }

    @Test(arguments: [400, 401, 403, 404, 409, 500, 501])
    func getDoesNotRetryOtherStatuses(status: Int) {
        #expect(!RetryPolicy.isRetryable(.status(status), idempotent: true))
    }

    @Test func getRetriesTimeoutsAndDrops() {
        #expect(RetryPolicy.isRetryable(.failure(.timedOut), idempotent: true))
        #expect(RetryPolicy.isRetryable(.failure(.connectionLost("reset")), idempotent: true))
        #expect(!RetryPolicy.isRetryable(.failure(.cannotConnect("refused")), idempotent: true))
    }

    @Test func writesRetryOnly429() {
        #expect(RetryPolicy.isRetryable(.status(429), idempotent: false))
        for status in [500, 502, 503, 504] {
            #expect(!RetryPolicy.isRetryable(.status(status), idempotent: false))
        }
        #expect(!RetryPolicy.isRetryable(.failure(.timedOut), idempotent: false))
        #expect(!RetryPolicy.isRetryable(.failure(.connectionLost("reset")), idempotent: false))
    }

    @Test func post5xxIsNeverRetriedWhateverTheBudget() {
        let decision = policy.decide(.status(503), idempotent: false, attempt: 1, waited: 0, retryAfter: 1, random: 0)
        #expect(decision == .giveUp)
    }

    @Test func stopsAtMaxAttempts() {
        #expect(policy.decide(.status(503), idempotent: true, attempt: 4, waited: 0, retryAfter: nil, random: 0) != .giveUp)
        #expect(policy.decide(.status(503), idempotent: true, attempt: 5, waited: 0, retryAfter: nil, random: 0) == .giveUp)
    }

    @Test func backoffGrowsExponentiallyWithinJitterBounds() {
        for attempt in 1...6 {
            let ceiling = min(60, 0.5 * pow(2, Double(attempt - 1)))
            let low = policy.backoff(afterAttempt: attempt, outcome: .status(503), random: 0)
            let high = policy.backoff(afterAttempt: attempt, outcome: .status(503), random: 1)
            #expect(low == 0.5)
            #expect(high == ceiling)
            let middle = policy.backoff(afterAttempt: attempt, outcome: .status(503), random: 0.37)
            #expect(middle >= low && middle <= high)
        }
    }

    @Test func rateLimitBackoffStartsHigher() {
        #expect(policy.backoff(afterAttempt: 1, outcome: .status(429), random: 0) == 5)
        #expect(policy.backoff(afterAttempt: 3, outcome: .status(429), random: 1) == 20)
    }

    @Test func retryAfterIsHonouredWithinTheBudget() {
        #expect(policy.decide(.status(429), idempotent: false, attempt: 1, waited: 0, retryAfter: 30, random: 0) == .retry(after: 30))
        #expect(policy.decide(.status(429), idempotent: true, attempt: 1, waited: 100, retryAfter: 30, random: 0) == .giveUp)
    }

    @Test func totalWaitIsCapped() {
        #expect(policy.decide(.status(503), idempotent: true, attempt: 3, waited: 119.5, retryAfter: nil, random: 1) == .retry(after: 0.5))
        #expect(policy.decide(.status(503), idempotent: true, attempt: 3, waited: 120, retryAfter: nil, random: 1) == .giveUp)
    }

    @Test func aWaitThatWouldReachTheDeadlineGivesUp() {
        #expect(policy.decide(.status(503), idempotent: true, attempt: 1, waited: 0, retryAfter: nil, random: 0, timeLeft: 2) == .retry(after: 0.5))
        #expect(policy.decide(.status(503), idempotent: true, attempt: 1, waited: 0, retryAfter: nil, random: 0, timeLeft: 0.5) == .giveUp)
        #expect(policy.decide(.status(429), idempotent: true, attempt: 1, waited: 0, retryAfter: 30, random: 0, timeLeft: 20) == .giveUp)
        #expect(policy.decide(.failure(.timedOut), idempotent: true, attempt: 1, waited: 0, retryAfter: nil, random: 0, timeLeft: 0) == .giveUp)
    }

    @Test func retryAfterSeconds() {
        let now = Date()
        #expect(RetryAfter.seconds("120", now: now) == 120)
        #expect(RetryAfter.seconds(" 1.5 ", now: now) == 1.5)
        #expect(RetryAfter.seconds("-3", now: now) == nil)
        #expect(RetryAfter.seconds("soon", now: now) == nil)
    }

    @Test func retryAfterHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_445_412_450) // Wed, 21 Oct 2015 07:27:30 GMT
        #expect(RetryAfter.seconds("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == 30)
        #expect(RetryAfter.seconds("Wednesday, 21-Oct-15 07:28:00 GMT", now: now) == 30)
        #expect(RetryAfter.seconds("Wed Oct 21 07:28:00 2015", now: now) == 30)
        #expect(RetryAfter.seconds("Wed, 21 Oct 2015 07:00:00 GMT", now: now) == 0)
    }
}

/// A 429 without Retry-After waits for the rate window to free when the limiter knows when.
struct RetryPolicyWindowTests {
    let policy = RetryPolicy(maxAttempts: 5, maxTotalWait: 120, baseBackoff: 0.5, rateLimitBackoff: 5)

    @Test func a429WaitsUntilTheWindowFrees() {
        #expect(policy.decide(.status(429), idempotent: true, attempt: 1, waited: 0, retryAfter: nil, random: 0,
                              windowFrees: 42) == .retry(after: 42))
    }

    @Test func aWindowWaitBeyondTheBudgetFallsBackToTheBackoff() {
        #expect(policy.decide(.status(429), idempotent: true, attempt: 1, waited: 0, retryAfter: nil, random: 0,
                              windowFrees: 290) == .retry(after: 5))
        #expect(policy.decide(.status(429), idempotent: true, attempt: 1, waited: 0, retryAfter: nil, random: 0,
                              timeLeft: 30, windowFrees: 40) == .retry(after: 5))
    }

    @Test func retryAfterWinsAndOtherStatusesIgnoreTheWindow() {
        #expect(policy.decide(.status(429), idempotent: true, attempt: 1, waited: 0, retryAfter: 3, random: 0,
                              windowFrees: 42) == .retry(after: 3))
        #expect(policy.decide(.status(503), idempotent: true, attempt: 1, waited: 0, retryAfter: nil, random: 0,
                              windowFrees: 42) == .retry(after: 0.5))
    }
}
