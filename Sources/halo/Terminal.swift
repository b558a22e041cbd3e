import Foundation
import Synchronization

/// Output streams and terminal facts. Program output is buffered (a loop that prints 100,000 lines
/// should not make 100,000 system calls); writing to stderr flushes it first, so the two streams stay
/// in order when both go to a terminal.
enum Terminal {
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colour only on a terminal and when NO_COLOR is unset (https://no-color.org).
    static var colorOnStderr: Bool {
        stderrIsTerminal && (ProcessEnvironment.variables["NO_COLOR"] ?? "").isEmpty
    }

    private static let pending = Mutex<[UInt8]>([])
    private static let lineBuffered = stdoutIsTerminal

    static func writeOutput(_ line: String) {
        let flushNow = pending.withLock { buffer in
            buffer.append(contentsOf: line.utf8)
            buffer.append(10)
            return lineBuffered || buffer.count >= 1 << 16
        }
        if flushNow { flush() }
    }

    /// Writes text to stdout at once, without a newline (a prompt).
    static func writeOutputRaw(_ text: String) {
        flush()
        writeAll(STDOUT_FILENO, Array(text.utf8))
    }

    static func writeError(_ text: String) {
        flush()
        writeAll(STDERR_FILENO, Array((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes raw text to stderr without a newline (progress lines).
    static func writeErrorRaw(_ text: String) {
        writeAll(STDERR_FILENO, Array(text.utf8))
    }

    static func flush() {
        let bytes = pending.withLock { buffer in
            defer { buffer.removeAll(keepingCapacity: true) }
            return buffer
        }
        writeAll(STDOUT_FILENO, bytes)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 {
                    if n < 0, errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}
