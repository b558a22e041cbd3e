/// A resolver scope: the module's top level or one function call's frame.
/// Blocks do not open scopes; a name belongs to the module or to the function it is assigned in.
final class Scope {
    private(set) var slots: [String: Int] = [:]
    private(set) var names: [String] = []
    let parent: Scope?

    init(parent: Scope?) { self.parent = parent }

    var count: Int { names.count }
    var isFunction: Bool { parent != nil }

    @discardableResult
    func declare(_ name: String) -> Int {
        if let slot = slots[name] { return slot }
        let slot = names.count
        slots[name] = slot
        names.append(name)
        return slot
    }

    /// The frame distance and slot of a visible name.
    func lookup(_ name: String) -> (depth: Int, slot: Int)? {
        var scope: Scope? = self
        var depth = 0
        while let s = scope {
            if let slot = s.slots[name] { return (depth, slot) }
            scope = s.parent
            depth += 1
        }
        return nil
    }

    /// True when an enclosing scope already owns the name, so assigning it inside a function writes there.
    func enclosingOwns(_ name: String) -> Bool {
        parent?.lookup(name) != nil
    }

    var allVisibleNames: [String] {
        var result: [String] = []
        var scope: Scope? = self
        while let s = scope {
            result += s.names
            scope = s.parent
        }
        return result
    }
}
