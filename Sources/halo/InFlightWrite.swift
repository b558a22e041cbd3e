import Synchronization

/// The POST or DELETE on the wire right now, as `POST /api/tickets`, kept where a signal handler
/// can read it: a buffer allocated before any handler is installed, and a length published after
/// the bytes are in place. The handler sees either no write (length 0) or a whole description.
enum InFlightWrite {
    static let capacity = 512
    /// Allocated once by `prepare()`, never freed; only `begin` writes it.
    nonisolated(unsafe) private static var buffer: UnsafeMutablePointer<UInt8>?
    private static let length = Atomic<Int>(0)

    /// Allocates the buffer; call before installing a handler that reads it (allocation is not
    /// async-signal-safe, nor is a lazy static's first touch).
    static func prepare() {
        if buffer == nil { buffer = .allocate(capacity: capacity) }
        length.store(0, ordering: .sequentiallyConsistent)
    }

    /// Runs `body` (the send) with `method path` recorded as in flight.
    static func during<T>(_ method: String, _ path: String, _ body: () throws -> T) rethrows -> T {
        begin("\(method) \(path)")
        defer { length.store(0, ordering: .sequentiallyConsistent) }
        return try body()
    }

    private static func begin(_ description: String) {
        guard let buffer else { return }
        length.store(0, ordering: .sequentiallyConsistent)
        let bytes = Array(description.utf8.prefix(capacity))
        bytes.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: bytes.count) }
        length.store(bytes.count, ordering: .sequentiallyConsistent)
    }

    /// From a signal handler: the description's bytes, if a write is in flight. Async-signal-safe.
    static func withCurrent(_ body: (UnsafePointer<UInt8>, Int) -> Void) {
        let count = length.load(ordering: .sequentiallyConsistent)
        guard count > 0, let buffer else { return }
        body(buffer, count)
    }
}
