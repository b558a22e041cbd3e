import Foundation

/// The arithmetic of a rolling-window rate limit, kept pure (times are passed in) so it is tested
/// without sleeping. A log of when each request in the window ended is exact for a rolling window.
///
/// A request counts from the moment it starts until `window` after its reply arrived. The server
/// saw it somewhere between those two instants, so a request is only started when the server's own
/// count, however it timestamps, has room: no 429 from a server enforcing the same limit.
struct SlidingWindow {
    let limit: RateLimit
    /// Requests started and not yet finished: they count in full.
    private(set) var inFlight = 0
    /// When finished requests ended (uptime nanoseconds), oldest first; entries before `head` left the window.
    private var ended: [UInt64] = []
    private var head = 0
    /// Nothing starts before this (set after a 429: the server's window is full whatever ours says).
    private(set) var heldUntil: UInt64 = 0

    init(limit: RateLimit) {
        self.limit = limit
    }

    private var windowNanoseconds: UInt64 { UInt64(limit.seconds * 1_000_000_000) }

    /// Requests counting against the window at `now`.
    mutating func used(now: UInt64) -> Int {
        prune(now: now)
        return inFlight + ended.count - head
    }

    /// What stands between `now` and the next start.
    enum Admission: Equatable {
        case start
        /// Wait this many seconds, then ask again; `held` when a 429 imposed it.
        case wait(seconds: Double, held: Bool)
        /// The whole budget is in flight: wait for a reply.
        case waitForReply
    }

    mutating func admission(now: UInt64) -> Admission {
        if now < heldUntil { return .wait(seconds: Self.seconds(heldUntil - now), held: true) }
        guard used(now: now) >= limit.requests else { return .start }
        guard head < ended.count else { return .waitForReply }
        return .wait(seconds: Self.seconds(ended[head] + windowNanoseconds - now), held: false)
    }

    mutating func start() { inFlight += 1 }

    /// A started request got its reply (or failed) at `now`.
    mutating func finish(now: UInt64) {
        inFlight = max(0, inFlight - 1)
        var index = ended.count
        while index > head, ended[index - 1] > now { index -= 1 }
        ended.insert(now, at: index)
    }

    /// A started request was not sent after all: it never reached the server.
    mutating func cancel() { inFlight = max(0, inFlight - 1) }

    /// Seconds until the oldest request in the window leaves it: after a 429 without Retry-After,
    /// the server's oldest request is no younger than ours, so a slot is free by then. Nil when
    /// none of ours is in the window (someone else used the budget; we cannot know when it frees).
    mutating func untilOldestLeaves(now: UInt64) -> Double? {
        prune(now: now)
        guard head < ended.count else { return nil }
        return Self.seconds(ended[head] + windowNanoseconds - now)
    }

    /// Starts nothing for `seconds` from `now`.
    mutating func hold(seconds: Double, now: UInt64) {
        heldUntil = max(heldUntil, now + UInt64(max(0, seconds) * 1_000_000_000))
    }

    private mutating func prune(now: UInt64) {
        let window = windowNanoseconds
        while head < ended.count, ended[head] + window <= now { head += 1 }
        if head > 1024 && head * 2 > ended.count {
            ended.removeFirst(head)
            head = 0
        }
    }

    private static func seconds(_ nanoseconds: UInt64) -> Double { Double(nanoseconds) / 1_000_000_000 }
}
