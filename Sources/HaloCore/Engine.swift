#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which of the two ways of running code an interpreter uses: the bytecode VM (`vm`), which is to
/// replace the closure-tree compiler (`tree`). Both pass every test and the differential tests
/// hold them to the same output and errors, but the VM is not yet faster on every benchmark
/// (docs/PERFORMANCE.md: it builds objects 1.1 x slower), so the tree stays the default and
/// `HALO_ENGINE=vm` opts in, until the VM wins everywhere.
public enum Engine: String, Sendable, CaseIterable {
    case vm, tree

    /// `HALO_ENGINE` from the environment, read once; the tree when it is unset or unknown.
    public static let fromEnvironment: Engine = {
        guard let text = getenv("HALO_ENGINE") else { return .tree }
        return Engine(rawValue: String(cString: text)) ?? .tree
    }()
}
