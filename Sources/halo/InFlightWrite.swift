import Synchronization

/// The POSTs and DELETEs on the wire right now, as `POST /api/tickets`, kept where a signal handler
/// can read them: a buffer of slots allocated before any handler is installed, one per write in
/// flight (`pmap` items send several at once). A slot is claimed atomically, its bytes written, then
/// its length published; the handler sees a slot either empty (length 0) or whole.
enum InFlightWrite {
    static let slots = 16
    static let capacity = 512
    /// Allocated once by `prepare()`, never freed; a slot's bytes are written only by its claimer.
    nonisolated(unsafe) private static var buffer: UnsafeMutablePointer<UInt8>?
    /// Per slot: -1 free, 0 claimed with nothing published yet, N > 0 a description of N bytes.
    private static let states = InlineArray<16, Atomic<Int>> { _ in Atomic(-1) }

    /// Allocates the buffer; call before installing a handler that reads it (allocation is not
    /// async-signal-safe, nor is a lazy static's first touch).
    static func prepare() {
        if buffer == nil { buffer = .allocate(capacity: slots * capacity) }
        for slot in 0..<slots { states[slot].store(-1, ordering: .sequentiallyConsistent) }
    }

    /// Runs `body` (the send) with `method path` recorded as in flight. With every slot taken, the
    /// write still runs; the interrupt message then names the others only.
    static func during<T>(_ method: String, _ path: String, _ body: () throws -> T) rethrows -> T {
        guard let buffer, let slot = claim() else { return try body() }
        let bytes = Array("\(method) \(path)".utf8.prefix(capacity))
        bytes.withUnsafeBufferPointer { (buffer + slot * capacity).update(from: $0.baseAddress!, count: bytes.count) }
        states[slot].store(bytes.count, ordering: .sequentiallyConsistent)
        defer { states[slot].store(-1, ordering: .sequentiallyConsistent) }
        return try body()
    }

    private static func claim() -> Int? {
        for slot in 0..<slots where states[slot].compareExchange(expected: -1, desired: 0, ordering: .sequentiallyConsistent).exchanged {
            return slot
        }
        return nil
    }

    /// From a signal handler: each write in flight's description. Async-signal-safe.
    static func forEach(_ body: (UnsafePointer<UInt8>, Int) -> Void) {
        guard let buffer else { return }
        for slot in 0..<slots {
            let count = states[slot].load(ordering: .sequentiallyConsistent)
            if count > 0 { body(buffer + slot * capacity, count) }
        }
    }
}
