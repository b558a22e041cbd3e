/// What of an interpreter belongs to the thread running it. The threads of a fan-out take turns
/// on one interpreter (see `InterpreterLock`); each saves this before letting the lock go and puts
/// it back once it holds the lock again, so that its call depth (and the fan-out it works for, and
/// its value stack) are its own. Everything else an interpreter holds is shared, as the
/// variables of the runbook are.
struct ThreadState {
    var callDepth: Int
    var fanOut: FanOut?
    var valueStack: ValueStack
}

extension Interpreter {
    var threadState: ThreadState {
        get { ThreadState(callDepth: callDepth, fanOut: currentFanOut, valueStack: valueStack) }
        set {
            callDepth = newValue.callDepth
            currentFanOut = newValue.fanOut
            valueStack = newValue.valueStack
        }
    }
}
