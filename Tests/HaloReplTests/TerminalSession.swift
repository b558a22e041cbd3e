import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

    /// Starts `halo <arguments>` in a 120x50 terminal, with its own history directory, no colour
    /// and `environment` added.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("halo-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let command = ["env", "-u", "HALO_URL", "-u", "HALO_CLIENT_ID", "-u", "HALO_CLIENT_SECRET",
                       "XDG_STATE_HOME=\(directory.path)/state", "NO_COLOR=1", "TERM=xterm"]
            + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + [Self.binary] + arguments
        let shell = command.map(Self.quoted).joined(separator: " ") + "; echo \"EXIT=$?\"; sleep 30"
        try tmux(["new-session", "-d", "-x", "120", "-y", "50", "-c", directory.path, shell])
        panePID = pid_t(try tmux(["display-message", "-p", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// The shell that runs halo; tmux makes it a process-group leader.
    private var panePID: pid_t = 0

    deinit {
        // kill-server alone can leave the pane's programs running; end the pane's group first.
        if panePID > 1 { kill(-panePID, SIGKILL) }
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Types keys: literal text, or tmux key names such as "Enter", "Tab", "Up", "C-c", "C-d".
    func send(_ keys: String...) throws {
        for key in keys where !key.isEmpty {
            let named = ["Enter", "Tab", "Up", "Down", "C-c", "C-d", "C-u"].contains(key)
            try tmux(["send-keys"] + (named ? [key] : ["-l", key]))
        }
    }

    /// Types a line and Enter, then waits for the next prompt, so nothing is typed while halo is busy
    /// (type-ahead then echoes in the terminal's cooked mode, as in any readline program).
    func enter(_ text: String, timeout: TimeInterval = 20) throws {
        let before = try Self.prompts(in: screen())
        try send(text, "Enter")
        try waitFor("the prompt after \(text)", timeout: timeout) { Self.prompts(in: $0) > before && Self.endsAtPrompt($0) }
    }

    static let promptPrefixes = ["halo>", "sandbox>", "..."]

    static func prompts(in screen: String) -> Int {
        screen.split(separator: "\n").filter { line in promptPrefixes.contains { line.hasPrefix($0) } }.count
    }

    static func endsAtPrompt(_ screen: String) -> Bool {
        let last = screen.split(separator: "\n").last.map(String.init) ?? ""
        return promptPrefixes.contains(last)
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

    /// Runs one tmux command with posix_spawn and waitpid, its output going to a file: the server
    /// that `new-session` starts keeps every inherited pipe open, so nothing here reads a pipe.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let capture = directory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { unlink(capture) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        // The test runner may block or ignore signals; the terminal's programs get the defaults.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, "tmux", &actions, &attributes, &cArgs, environ)
        guard status == 0 else { throw SpawnFailed(code: status) }
        var exit: Int32 = 0
        while waitpid(pid, &exit, 0) < 0, errno == EINTR {}
        return (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
    }

    struct SpawnFailed: Error { let code: Int32 }

    private static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
