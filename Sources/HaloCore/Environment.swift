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

    /// Walks `depth` parents without retaining each frame on the way: the chain is kept alive by
    /// the frame the walk starts from (the retains were two of a call's ~17 reference-count operations).
    @inline(__always)
    func ancestor(_ depth: Int) -> Frame {
        unowned(unsafe) var frame = self
        for _ in 0..<depth {
            guard let parent = frame.parent else { break }
            frame = parent
        }
        return frame
    }
}
