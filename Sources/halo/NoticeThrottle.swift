import Synchronization

/// At most one long-wait note per `seconds`, however many threads wait at once.
final class NoticeThrottle: Sendable {
    private let seconds: Double
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    init(seconds: Double) { self.seconds = seconds }

    func allows() -> Bool {
        last.withLock { last in
            let now = ContinuousClock.now
            if let last, now < last + .seconds(seconds) { return false }
            last = now
            return true
        }
    }
}
