import Foundation

/// The process's environment, read once. `ProcessEnvironment.variables` builds a new
/// dictionary from `environ` each time it is read (about 0.35 M instructions with a shell's usual
/// variables), and a run read it five times before its first statement: the limits, the
/// connection, the module path, colour. halo never changes its own environment.
enum ProcessEnvironment {
    static let variables: [String: String] = ProcessInfo.processInfo.environment
}
