import Testing
@testable import HaloClient

/// The rolling-window arithmetic behind the client's rate limiter, with times passed in.
struct SlidingWindowTests {
    static let second: UInt64 = 1_000_000_000

    @Test func spendsTheBudgetAtOnceThenWaitsForTheOldestToLeave() {
        var window = SlidingWindow(limit: RateLimit(requests: 3, seconds: 10))
        for t in 0..<3 {
            #expect(window.admission(now: UInt64(t) * Self.second) == .start)
            window.start()
            window.finish(now: UInt64(t) * Self.second + Self.second / 2)
        }
        // Three ended at 0.5, 1.5 and 2.5 s: the next may start when the first leaves, at 10.5 s.
        #expect(window.admission(now: 4 * Self.second) == .wait(seconds: 6.5, held: false))
        #expect(window.used(now: 4 * Self.second) == 3)
        #expect(window.admission(now: 10 * Self.second + Self.second / 2) == .start)
        #expect(window.used(now: 12 * Self.second + Self.second / 2) == 0)
    }

    @Test func requestsInFlightCountInFull() {
        var window = SlidingWindow(limit: RateLimit(requests: 2, seconds: 1))
        window.start()
        window.start()
        #expect(window.admission(now: 0) == .waitForReply)
        window.cancel()
        #expect(window.admission(now: 0) == .start, "a request not sent after all frees its place")
    }

    @Test func repliesOutOfOrderKeepTheLogSorted() {
        var window = SlidingWindow(limit: RateLimit(requests: 2, seconds: 10))
        window.start()
        window.start()
        window.finish(now: 3 * Self.second)
        window.finish(now: 1 * Self.second)
        #expect(window.untilOldestLeaves(now: 2 * Self.second) == 9)
    }

    @Test func a429HoldsEveryStartAndTheWaitIsUntilTheOldestLeaves() {
        var window = SlidingWindow(limit: RateLimit(requests: 100, seconds: 10))
        #expect(window.untilOldestLeaves(now: 0) == nil, "none of ours in the window: unknown")
        window.start()
        window.finish(now: Self.second)
        #expect(window.untilOldestLeaves(now: 2 * Self.second) == 9)
        window.hold(seconds: 3, now: 2 * Self.second)
        #expect(window.admission(now: 2 * Self.second) == .wait(seconds: 3, held: true))
        #expect(window.admission(now: 5 * Self.second) == .start)
    }
}
