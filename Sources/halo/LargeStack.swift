import Foundation

/// Room for the `halo` command's 10,000 nested calls: a tree-walking interpreter recurses once per
/// call, and a script's deep recursion must end in an error, not a crash. The threads of a fan-out
/// (`pmap`) get as much (`InterpreterOptions.workerStackSize`).
let largeStackSize = 1 << 29

/// Runs `body` on a thread with a large stack (`largeStackSize`) and waits for it.
func onLargeStack(_ body: @escaping @Sendable () -> Int32) -> Int32 {
    final class Box: @unchecked Sendable { var code: Int32 = 0 }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.code = body()
        done.signal()
    }
    thread.stackSize = largeStackSize
    thread.start()
    done.wait()
    return box.code
}
