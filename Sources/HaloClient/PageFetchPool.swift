import Foundation

/// Fetches a run of pages on a few threads of its own and hands each back when asked, so the
/// caller can assemble them in page order while later pages are still on the wire. After a
/// failure no further page is started; pages already started finish (each has its own deadline).
final class PageFetchPool<Output>: @unchecked Sendable {
    private let condition = NSCondition()
    private let fetch: @Sendable (Int) throws -> Output
    private let last: Int
    private var next: Int
    private var results: [Int: Result<Output, any Error>] = [:]
    private var stopped = false
    private var running = 0

    /// Starts `width` threads (fewer when there are fewer pages) fetching `pages` in order.
    init(pages: ClosedRange<Int>, width: Int, fetch: @escaping @Sendable (Int) throws -> Output) {
        self.fetch = fetch
        self.next = pages.lowerBound
        self.last = pages.upperBound
        let threads = max(1, min(width, pages.count))
        running = threads
        for _ in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "halo page fetch"
            thread.start()
        }
    }

    private func work() {
        while true {
            condition.lock()
            guard !stopped, next <= last else {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let page = next
            next += 1
            condition.unlock()
            let result = Result { try fetch(page) }
            condition.lock()
            results[page] = result
            if case .failure = result { stopped = true }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Page `page`'s body or failure, waiting for it; nil when the page will never be fetched
    /// (the pool stopped before starting it).
    func take(_ page: Int) -> Result<Output, any Error>? {
        condition.lock()
        defer { condition.unlock() }
        while results[page] == nil {
            if page >= next && (stopped || running == 0) { return nil }
            condition.wait()
        }
        return results.removeValue(forKey: page)
    }

    /// Starts no more pages and waits until every thread has finished its page, so no request of
    /// the walk outlives it.
    func finish() {
        condition.lock()
        stopped = true
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
