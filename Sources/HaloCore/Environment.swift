/// One scope's variables at run time: a module's globals or one function call's locals.
/// Slots are numbered by the resolver; `nil` marks a variable not yet assigned.
/// The parent chain mirrors the resolver's scopes, so `.outer(depth:slot:)` walks `depth` links.
final class Frame {
    var slots: [Value?]
    let parent: Frame?

    init(size: Int, parent: Frame?) {
        self.slots = [Value?](repeating: nil, count: size)
        self.parent = parent
    }

    /// A REPL entry may declare new globals after the module frame was made.
    func grow(to size: Int) {
        if slots.count < size { slots.append(contentsOf: repeatElement(nil, count: size - slots.count)) }
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
