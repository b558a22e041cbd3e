/// Halo's rolling-window request limit: a request is refused while `limit` accepted requests
/// fall inside the last `window` seconds. Refused requests do not count, so Retry-After is exact.
struct RateLimiter: Sendable {
    let limit: Int?
    let window: Duration
    private var accepted: [ContinuousClock.Instant] = []
    private var head = 0

    init(limit: Int?, window seconds: Double) {
        self.limit = limit
        self.window = .milliseconds(Int64(seconds * 1000))
    }

    /// nil when admitted; otherwise the seconds until a slot frees up (at least 1).
    mutating func admit(at now: ContinuousClock.Instant) -> Int? {
        guard let limit else { return nil }
        while head < accepted.count, accepted[head] + window <= now { head += 1 }
        if head > 1024 { accepted.removeFirst(head); head = 0 }
        if accepted.count - head >= limit {
            return max(1, Int((accepted[head] + window - now).seconds.rounded(.up)))
        }
        accepted.append(now)
        return nil
    }

    var windowDescription: String {
        let seconds = window.seconds.rounded()
        return seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0
            ? "\(Int(seconds / 60)) minute" : "\(Int(seconds)) second"
    }
}
