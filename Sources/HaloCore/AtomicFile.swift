import Foundation

/// Writes a file whole or not at all: the bytes go to a temporary file beside it, which is then
/// renamed over the target, so an interrupt never leaves half a report or a half-saved runbook.
public enum AtomicFile {
    /// Writes every byte of `text` to an open descriptor, resuming after short writes and EINTR.
    public static func writeAll(_ text: String, to fd: Int32) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            bytes = bytes.dropFirst(written)
        }
        return true
    }

    /// - Parameter mode: the new file's permissions; 0600 for anything that may hold a secret.
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure("cannot write \(path)") }
        fchmod(fd, mode)   // the umask may have narrowed or, with 0600 asked, an old file widened it
        guard writeAll(text, to: fd) else {
            close(fd)
            unlink(temporary)
            throw failure("cannot write \(path)")
        }
        fsync(fd)
        close(fd)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw failure("cannot write \(path)")
        }
    }

    private static func failure(_ message: String) -> ScriptError {
        ScriptError.runtime("\(message): \(String(cString: strerror(errno)))")
    }
}
