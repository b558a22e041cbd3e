import Foundation

/// The process's environment, read once. `ProcessInfo.processInfo.environment` builds a new
/// dictionary each time it is read, and a run read it five times before its first statement: the
/// limits, the connection, the module path, colour. halo never changes its own environment.
enum ProcessEnvironment {
    static let variables: [String: String] = read()

    /// `environ` read directly: Foundation's `environment` cost ~24,000 instructions a variable
    /// (0.86 M of a run's start-up with 35 variables), this ~1,000. A name set twice keeps its
    /// first value, the one `getenv` returns.
    private static func read() -> [String: String] {
        var count = 0
        while environ[count] != nil { count += 1 }
        // Sized once: growing it ran the standard library's resize, whose first use looks up
        // String's Hashable conformance by scanning every conformance record (0.47 M instructions).
        var variables = [String: String](minimumCapacity: count)
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<equals])
                if variables[name] == nil { variables[name] = String(text[text.utf8.index(after: equals)...]) }
            }
            entry += 1
        }
        return variables
    }
}
