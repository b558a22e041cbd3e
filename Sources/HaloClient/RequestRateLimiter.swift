import Foundation
import Dispatch

/// The client's rate limiter, shared by every thread that sends through one `HaloClient`: it
/// spends the budget at full speed while there is some, then holds each request until the
/// rolling window has room (see `SlidingWindow`). Token requests go through it too: Halo counts them.
final class RequestRateLimiter: @unchecked Sendable {
    let limit: RateLimit
    private let condition = NSCondition()
    private var window: SlidingWindow

    init(limit: RateLimit) {
        self.limit = limit
        self.window = SlidingWindow(limit: limit)
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Blocks until one more request may start, then counts it as in flight. `report` is told of
    /// each wait before it begins, with its length (for `--trace`, and for long waits).
    func acquire(report: (_ line: String, _ seconds: Double) -> Void) {
        condition.lock()
        defer { condition.unlock() }
        // Woken by every reply, a waiting thread reports again only when its wake-up time moved.
        var reportedWake: UInt64?
        while true {
            switch window.admission(now: Self.now()) {
            case .start:
                window.start()
                return
            case .waitForReply:
                condition.wait()
            case .wait(let seconds, let held):
                let wake = Self.now() + UInt64(seconds * 1_000_000_000)
                if reportedWake.map({ wake > $0 + 50_000_000 || wake + 50_000_000 < $0 }) ?? true {
                    reportedWake = wake
                    let why = held ? "Halo answered 429" : "\(limit.requests)/\(RateLimit.number(limit.seconds)) s used"
                    condition.unlock()
                    report("rate limit: waiting \(Self.text(seconds)) s (\(why))", seconds)
                    condition.lock()
                }
                _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
            }
        }
    }

    /// The request that `acquire` admitted got its reply or failed.
    func finish() {
        condition.lock()
        window.finish(now: Self.now())
        condition.broadcast()
        condition.unlock()
    }

    /// The request that `acquire` admitted was not sent.
    func cancel() {
        condition.lock()
        window.cancel()
        condition.broadcast()
        condition.unlock()
    }

    /// Seconds to wait after a 429 that came without Retry-After: until our oldest request leaves
    /// the window, at least half a second; nil when we know of none (the caller backs off instead).
    func waitAfterRefusal() -> Double? {
        condition.lock()
        defer { condition.unlock() }
        return window.untilOldestLeaves(now: Self.now()).map { max(0.5, $0) }
    }

    /// After a 429: no thread starts a request for `seconds`.
    func hold(seconds: Double) {
        condition.lock()
        window.hold(seconds: seconds, now: Self.now())
        condition.unlock()
    }

    /// `2.3`: one decimal.
    static func text(_ seconds: Double) -> String {
        String(format: "%.1f", seconds)
    }
}
