#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which of the two ways of running code an interpreter uses. The bytecode VM (`vm`) replaces the
/// closure-tree compiler (`tree`); the old engine stays selectable with `HALO_ENGINE=tree` until
/// the VM has won every test and benchmark, so that both can be run side by side (the
/// differential tests) and a user can fall back to it.
public enum Engine: String, Sendable, CaseIterable {
    case vm, tree

    /// `HALO_ENGINE` from the environment, read once; the VM when it is unset or unknown.
    public static let fromEnvironment: Engine = {
        guard let text = getenv("HALO_ENGINE") else { return .vm }
        return Engine(rawValue: String(cString: text)) ?? .vm
    }()
}
