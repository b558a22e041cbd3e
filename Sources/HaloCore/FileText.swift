import Foundation

/// A whole file as a `String`, read with `read(2)` straight into the string's own storage.
///
/// `read_file` used `FileManager.contents(atPath:)` and then `String(decoding:)`: the bytes went
/// into a `Data`, then were copied and validated into a new string, so a 42 MB reply touched 84 MB
/// and paid for a second buffer's page faults (issue 13). Reading into the string's storage makes
/// one buffer and one validation pass. Ill-formed UTF-8 is still replaced with U+FFFD, as
/// `String(decoding:)` did (the initializer repairs what it validates).
enum FileText {
    /// Why a file could not be read; the caller words the message (it knows the function's name).
    enum Failure: Error, Equatable {
        case unreadable
        /// Over `SizeLimits.maximumStringBytes`: refused before anything is allocated.
        case tooLarge(bytes: Int)
    }

    /// The file at `path` (already checked to exist and not be a directory) as text.
    static func read(atPath path: String) throws(Failure) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable }
        let size = Int(info.st_size)
        // Pipes, devices and /proc files report no size (or a wrong one): they are read in chunks.
        guard info.st_mode & S_IFMT == S_IFREG, size > 0 else { return try readChunks(fd) }
        guard size <= SizeLimits.maximumStringBytes else { throw .tooLarge(bytes: size) }
        var failed = false, grew = false
        // One byte more than the size: reading it means the file grew since `fstat`.
        let text = String(unsafeUninitializedCapacity: size + 1) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            let filled = readFully(fd, into: base, count: size + 1)
            if filled < 0 { failed = true }
            if filled > size { grew = true }
            return failed || grew ? 0 : filled
        }
        if failed { throw .unreadable }
        guard grew else { return text }
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw .unreadable }
        return try readChunks(fd)
    }

    /// Reads until end of file or `count` bytes; -1 on an error.
    private static func readFully(_ fd: Int32, into base: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var filled = 0
        while filled < count {
            let n = Foundation.read(fd, base + filled, count - filled)
            if n > 0 {
                filled += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                return -1
            }
        }
        return filled
    }

    /// A file of unknown size, in 64 KiB reads, stopping at the string limit.
    private static func readChunks(_ fd: Int32) throws(Failure) -> String {
        var bytes: [UInt8] = []
        let chunk = 1 << 16
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let filled = bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress.map { readFully(fd, into: $0 + start, count: chunk) } ?? -1
            }
            guard filled >= 0 else { throw .unreadable }
            bytes.removeLast(chunk - filled)
            if bytes.count > SizeLimits.maximumStringBytes { throw .tooLarge(bytes: bytes.count) }
            if filled < chunk { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
