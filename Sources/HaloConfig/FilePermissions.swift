import Foundation

/// Permission bits of a file, for refusing secrets that other users could read.
enum FilePermissions {
    static func mode(of path: String) throws -> UInt32 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ConfigError("cannot stat \(path)") }
        return UInt32(info.st_mode)
    }
}
