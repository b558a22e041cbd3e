import Foundation

/// The stdlib and seeds that `scripts/install` appends to the binary: a gzipped tar, then its length
/// (8 bytes, little-endian) and the marker `HALOPAY1` as the file's last bytes. The kernel loads only
/// the ELF part, so the binary runs as before; a copy of it alone still finds its files.
///
/// The archive is unpacked once per binary into `$XDG_CACHE_HOME/halo/share-<key>` (the key names the
/// binary's size and modification time), so later runs cost a `stat`.
enum EmbeddedPayload {
    static let marker = Array("HALOPAY1".utf8)

    /// The unpacked directory (holding `stdlib/` and `seeds/`), or nil for a binary without a payload.
    static func directory() -> String? {
        let exe = Installation.executablePath
        guard let handle = FileHandle(forReadingAtPath: exe) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size > 16 else { return nil }
        try? handle.seek(toOffset: size - 16)
        guard let trailer = try? handle.read(upToCount: 16), trailer.count == 16,
              Array(trailer.suffix(8)) == marker else { return nil }
        let length = trailer.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard length > 0, length <= size - 16 else { return nil }
        let modified = (try? FileManager.default.attributesOfItem(atPath: exe)[.modificationDate] as? Date)?
            .map { Int($0.timeIntervalSince1970) } ?? 0
        guard let cache = cacheRoot() else { return nil }
        let target = "\(cache)/share-\(size)-\(modified)"
        if FileManager.default.fileExists(atPath: target) { return target }
        try? handle.seek(toOffset: size - 16 - length)
        guard let archive = try? handle.read(upToCount: Int(length)), archive.count == Int(length) else { return nil }
        return unpack(archive, into: target)
    }

    /// Unpacks into a temporary directory renamed into place, so a half-unpacked tree is never used.
    private static func unpack(_ archive: Data, into target: String) -> String? {
        let fm = FileManager.default
        let temporary = target + ".tmp-\(getpid())"
        try? fm.removeItem(atPath: temporary)
        guard (try? fm.createDirectory(atPath: temporary, withIntermediateDirectories: true)) != nil else { return nil }
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-xzf", "-", "-C", temporary]
        let input = Pipe()
        tar.standardInput = input
        tar.standardError = FileHandle.nullDevice
        guard (try? tar.run()) != nil else { return nil }
        try? input.fileHandleForWriting.write(contentsOf: archive)
        try? input.fileHandleForWriting.close()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0 else {
            try? fm.removeItem(atPath: temporary)
            return nil
        }
        if rename(temporary, target) != 0 {
            try? fm.removeItem(atPath: temporary)   // another run unpacked it first
        }
        return fm.fileExists(atPath: target) ? target : nil
    }

    private static func cacheRoot() -> String? {
        let env = ProcessEnvironment.variables
        if let cache = env["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/halo" }
        guard let home = env["HOME"], !home.isEmpty else { return nil }
        return home + "/.cache/halo"
    }
}
