import Dispatch

/// When one request must be over: `HaloClientOptions.timeout` counted from its start. Every
/// attempt, every wait between retries and a sign-in the request needs draw on the same budget,
/// so a silent server costs at most `timeout`, not attempts × timeout.
struct Deadline {
    /// `DispatchTime` uptime in nanoseconds: monotonic, unaffected by clock changes.
    private(set) var end: UInt64

    init(seconds: Double, now: UInt64 = DispatchTime.now().uptimeNanoseconds) {
        let span = seconds.isFinite ? UInt64(max(0, seconds) * 1_000_000_000) : UInt64.max / 2
        end = now &+ span
    }

    /// Seconds left; 0 once the deadline has passed.
    func remaining(now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Double {
        now >= end ? 0 : Double(end - now) / 1_000_000_000
    }

    /// Moves the end later: time spent queued behind the rate limiter or the concurrency cap is
    /// not the request's own (a paced run must not time out for waiting its turn).
    mutating func postpone(byNanoseconds span: UInt64) {
        end = end &+ span
    }

    var hasPassed: Bool { remaining() <= 0 }
}
