import Foundation

/// Finds the files that ship with halo: the stdlib and the sandbox's seeds. They sit next to the
/// binary (`bin/../share/halo/`), or in the source tree that built it (found by walking up), or, for
/// an installed binary copied elsewhere, in the payload that `scripts/install` appended to it.
enum Installation {
    static var executablePath: String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    static var executableDirectory: URL {
        URL(fileURLWithPath: executablePath).deletingLastPathComponent()
    }

    /// A directory named `name` under `share/halo` next to the binary, or in an ancestor of it.
    static func find(_ name: String) -> String? {
        let fm = FileManager.default
        var dir = executableDirectory
        let shared = dir.deletingLastPathComponent().appendingPathComponent("share/halo/\(name)").path
        if fm.fileExists(atPath: shared) { return shared }
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent(name).path
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: candidate, isDirectory: &isDir), isDir.boolValue { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return EmbeddedPayload.directory().map { $0 + "/" + name }.flatMap { fm.fileExists(atPath: $0) ? $0 : nil }
    }

    /// HALO_PATH entries first, then the stdlib that ships with halo.
    static var moduleSearchPaths: [String] {
        let env = ProcessEnvironment.variables["HALO_PATH"]?.split(separator: ":").map(String.init) ?? []
        return env + (find("stdlib").map { [$0] } ?? [])
    }

    static var seedsDirectory: String? {
        ProcessEnvironment.variables["HALO_SEEDS"] ?? find("seeds")
    }
}
