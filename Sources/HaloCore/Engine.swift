#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which of the two ways of running code an interpreter uses: the bytecode VM (`vm`, the default)
/// or the closure-tree compiler it replaced (`tree`). The VM is at least as fast on every benchmark
/// case (docs/PERFORMANCE.md); the tree stays selectable with `HALO_ENGINE=tree` as the reference
/// the differential tests hold the VM to, until it is removed in a commit of its own.
public enum Engine: String, Sendable, CaseIterable {
    case vm, tree

    /// `HALO_ENGINE` from the environment, read once; the VM when it is unset or unknown.
    public static let fromEnvironment: Engine = {
        guard let text = getenv("HALO_ENGINE") else { return .vm }
        return Engine(rawValue: String(cString: text)) ?? .vm
    }()
}
