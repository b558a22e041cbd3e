/// A `.halo` file loaded by `import`: parsed and resolved once, run at most once.
public final class Module {
    public struct Export {
        public let name: String
        public let slot: Int
    }

    enum State { case loaded, running, done }

    public let path: String
    let scope: Scope
    var statements: [Stmt]
    var state = State.loaded
    /// The thread running the top level, when it runs inside a fan-out: another thread of the
    /// fan-out that imports the module meanwhile waits for it, where this one would be a cycle.
    var runner: ObjectIdentifier?
    var frame: Frame

    /// Every top-level name except the per-request `response` and `status`.
    public var exports: [Export] {
        scope.names.enumerated().compactMap { slot, name in
            name == "response" || name == "status" ? nil : Export(name: name, slot: slot)
        }
    }

    init(path: String, scope: Scope, statements: [Stmt]) {
        self.path = path
        self.scope = scope
        self.statements = statements
        self.frame = Frame(size: scope.count, parent: nil)
    }
}
