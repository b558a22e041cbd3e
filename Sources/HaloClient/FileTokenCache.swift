import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tokens on disk, one JSON file per `TokenCacheKey` in a directory only the user can enter
/// (0700), each file readable only by the user (0600). The file name is a hash of the key; the
/// key is stored inside too, so a hash collision reads as a miss rather than another tenant's token.
public struct FileTokenCache: TokenCache {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `$XDG_CACHE_HOME/halo`, else `$HOME/.cache/halo` (the XDG base-directory default).
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/halo" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/halo"
    }

    /// `token-<16 hex digits>.json`, from the key's fields (the secret only through its digest).
    public static func fileName(for key: TokenCacheKey) -> String {
        let fields = [key.url, key.tenant.map { "=" + $0 } ?? "?", key.clientID, key.scope, key.secretDigest]
        return "token-" + FNV1a.hex64(Array(fields.joined(separator: "\u{0}").utf8)) + ".json"
    }

    private struct Entry: Codable {
        var key: TokenCacheKey
        var token: CachedToken
    }

    public func load(_ key: TokenCacheKey) -> CachedToken? {
        let path = self.path(for: key)
        var info = stat()
        // Ignore a file someone else owns or others can read: it may have been planted or leaked.
        guard stat(path, &info) == 0, info.st_uid == getuid(), info.st_mode & 0o077 == 0,
              let data = FileManager.default.contents(atPath: path),
              let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key
        else { return nil }
        return entry.token
    }

    public func save(_ token: CachedToken, for key: TokenCacheKey) throws {
        try ensureDirectory()
        let data = try JSONEncoder().encode(Entry(key: key, token: token))
        let target = path(for: key)
        let temporary = target + ".\(getpid()).tmp"
        // A temporary file left by an earlier process with this pid that was killed mid-write.
        unlink(temporary)
        // Created 0600 from the start (a chmod afterwards would leave a window), written in full and
        // flushed, then renamed into place: rename is atomic, so a reader (or a run interrupted
        // here) sees the old file or the new one, never half of one.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o600)
        guard fd >= 0 else { throw CacheError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let complete = Self.writeAll(fd, data) && fsync(fd) == 0
        close(fd)
        guard complete, rename(temporary, target) == 0 else {
            unlink(temporary)
            throw CacheError("cannot write \(target): \(String(cString: strerror(errno)))")
        }
    }

    /// `write` may take part of the bytes (or be interrupted); loops until all are written.
    private static func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    public func remove(_ key: TokenCacheKey) {
        unlink(path(for: key))
    }

    /// Removes every cached token; returns how many there were.
    @discardableResult
    public func clear() throws -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        var removed = 0
        // Temporary files of runs killed mid-write; not counted, they never held a usable token.
        for name in names where name.hasPrefix("token-") && name.hasSuffix(".tmp") { unlink(directory + "/" + name) }
        for name in names where name.hasPrefix("token-") && name.hasSuffix(".json") {
            guard unlink(directory + "/" + name) == 0 else {
                throw CacheError("cannot remove \(directory)/\(name): \(String(cString: strerror(errno)))")
            }
            removed += 1
        }
        return removed
    }

    func path(for key: TokenCacheKey) -> String { directory + "/" + Self.fileName(for: key) }

    /// Creates the directory 0700, and narrows an existing one that others could enter.
    private func ensureDirectory() throws {
        var info = stat()
        if stat(directory, &info) != 0 {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            chmod(directory, 0o700)   // whatever the umask made of it
        } else if info.st_mode & 0o077 != 0, chmod(directory, 0o700) != 0 {
            throw CacheError("\(directory) is open to other users and cannot be narrowed to 0700")
        }
    }

    /// The cache could not be written or cleared.
    public struct CacheError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
