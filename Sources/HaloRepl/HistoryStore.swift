import Foundation
import HaloCore

/// The REPL's history file, kept across sessions: `$XDG_STATE_HOME/halo/history` (by default
/// `~/.local/state/halo/history`). One entry per line (a multi-line entry has its newlines escaped),
/// mode 0600, at most `limit` entries, and secrets masked before they are written.
public final class HistoryStore {
    public static let defaultLimit = 1000

    public let path: String
    public let limit: Int
    private var count = 0

    public init(path: String, limit: Int = HistoryStore.defaultLimit) {
        self.path = path
        self.limit = max(1, limit)
    }

    /// nil when neither XDG_STATE_HOME nor HOME is set.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/halo/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/halo/history"
    }

    /// The stored entries, oldest first (empty when there is no file yet).
    public func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let entries = String(decoding: data, as: UTF8.self).split(separator: "\n").map { Self.unescape($0) }
        count = entries.count
        return Array(entries.suffix(limit))
    }

    /// Appends one entry, masked; rewrites the file without its oldest entries once it grows past the limit.
    public func append(_ entry: String, secrets: SecretGuard = SecretGuard()) {
        let line = Self.escape(secrets.masked(SecretMasker.masked(entry))) + "\n"
        guard prepareDirectory() else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        fchmod(fd, 0o600)   // an older file may have been created with looser permissions
        _ = line.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
        count += 1
        if count > limit + limit / 4 { trim() }
    }

    private func trim() { rewrite(load()) }

    /// Masks, in entries already written, the secrets a later entry made known (a value typed into
    /// a variable, then given to `auth` as its secret).
    public func remask(_ secrets: SecretGuard) {
        let entries = load()
        let masked = entries.map(secrets.masked)
        if masked != entries { rewrite(masked) }
    }

    /// Replaces the file with `entries` in one rename.
    private func rewrite(_ entries: [String]) {
        let kept = entries.map(Self.escape)
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let text = kept.joined(separator: "\n") + "\n"
        _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
        if rename(temporary, path) == 0 { count = kept.count }
    }

    private func prepareDirectory() -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        if FileManager.default.fileExists(atPath: directory) { return true }
        return (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                          attributes: [.posixPermissions: 0o700])) != nil
    }

    static func escape(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescape(_ line: Substring) -> String {
        var result = "", escaped = false
        for c in line {
            if escaped {
                result.append(c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                result.append(c)
            }
        }
        return result
    }
}
