/// One scope's variables at run time: a module's globals or one function call's locals.
/// Slots are numbered by the resolver; `nil` marks a variable not yet assigned.
/// The parent chain mirrors the resolver's scopes, so `.outer(depth:slot:)` walks `depth` links.
///
/// Storage is a raw buffer rather than an Array: creating an Array per call went through an
/// unspecialised runtime path that cost ~15% of a call-heavy script (measured with callgrind).
final class Frame {
    private(set) var slots: UnsafeMutablePointer<Value?>
    private(set) var count: Int
    let parent: Frame?

    init(size: Int, parent: Frame?) {
        slots = .allocate(capacity: max(size, 1))
        slots.initialize(repeating: nil, count: size)
        count = size
        self.parent = parent
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// A REPL entry may declare new globals after the module frame was made.
    func grow(to size: Int) {
        guard size > count else { return }
        let bigger = UnsafeMutablePointer<Value?>.allocate(capacity: size)
        bigger.moveInitialize(from: slots, count: count)
        (bigger + count).initialize(repeating: nil, count: size - count)
        slots.deallocate()
        slots = bigger
        count = size
    }

    @inline(__always)
    func ancestor(_ depth: Int) -> Frame {
        var frame = self
        for _ in 0..<depth {
            guard let parent = frame.parent else { break }
            frame = parent
        }
        return frame
    }
}

/// A user function together with the frame it was defined in (a closure).
final class Closure: Callable, @unchecked Sendable {
    let decl: FunctionDecl
    let captured: Frame

    init(decl: FunctionDecl, captured: Frame) {
        self.decl = decl
        self.captured = captured
        super.init(name: decl.name)
    }
}
