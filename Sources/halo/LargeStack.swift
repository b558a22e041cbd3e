import Foundation

/// Runs `body` on a thread with a large stack and waits for it: a tree-walking interpreter
/// recurses once per nested call, and a script's deep recursion must end in an error, not a crash.
func onLargeStack(_ body: @escaping @Sendable () -> Int32) -> Int32 {
    final class Box: @unchecked Sendable { var code: Int32 = 0 }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.code = body()
        done.signal()
    }
    thread.stackSize = 1 << 29
    thread.start()
    done.wait()
    return box.code
}
