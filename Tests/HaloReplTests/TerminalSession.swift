import Foundation

/// The built `halo` running in a real pseudo-terminal (a private tmux server), driven by keys and
/// read back from the screen, as a user would see it. Every wait is bounded.
final class TerminalSession {
    let socket = "halo-e2e-\(UUID().uuidString.prefix(8))"
    let directory: URL

    static var tmuxAvailable: Bool {
        ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") } == true
    }

    /// The `halo` built next to this test bundle (any scratch path), or HALO_BIN.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["HALO_BIN"] { return path }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("halo").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return "halo"
    }

    /// Starts `halo <arguments>` in a 120x50 terminal, with its own history directory and no colour.
    init(_ arguments: [String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("halo-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let command = ["env", "-u", "HALO_URL", "-u", "HALO_CLIENT_ID", "-u", "HALO_CLIENT_SECRET",
                       "XDG_STATE_HOME=\(directory.path)/state", "NO_COLOR=1", "TERM=xterm",
                       Self.binary] + arguments
        let shell = command.map(Self.quoted).joined(separator: " ") + "; echo \"EXIT=$?\"; sleep 30"
        try tmux(["new-session", "-d", "-x", "120", "-y", "50", "-c", directory.path, shell])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Types keys: literal text, or tmux key names such as "Enter", "Tab", "Up", "C-c", "C-d".
    func send(_ keys: String...) throws {
        for key in keys {
            let named = ["Enter", "Tab", "Up", "Down", "C-c", "C-d", "C-u"].contains(key)
            try tmux(["send-keys"] + (named ? [key] : ["-l", key]))
        }
    }

    /// The whole screen and scrollback, trailing blanks dropped.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-J", "-S", "-"]).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacing(/\s+$/, with: "") }.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    /// Waits until the screen satisfies `condition`; throws with the screen after `timeout` seconds.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 20, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Timeout(waitingFor: what, screen: last)
    }

    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 20) throws -> String {
        try waitFor(text, timeout: timeout) { $0.contains(text) }
    }

    struct Timeout: Error, CustomStringConvertible {
        let waitingFor: String, screen: String
        var description: String { "timed out waiting for \(waitingFor); the screen was:\n\(screen)" }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
