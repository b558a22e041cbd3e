import Foundation

/// A value behind a lock. NSLock rather than `Synchronization.Mutex`, which needs macOS 15
/// while the package still supports macOS 14. Never hold it across an await.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
