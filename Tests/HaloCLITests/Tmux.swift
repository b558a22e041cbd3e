import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private tmux server for a test, driven through `posix_spawn` and `waitpid` with output captured
/// in a file: no pipe (tmux's server would inherit and hold it) and no Foundation `Process`, whose
/// reaping waits on GCD, which a full parallel test run can keep busy. Every command is bounded.
struct Tmux {
    let socket = "halo-cli-\(UUID().uuidString.prefix(8))"
    let scratch: URL

    @discardableResult
    func run(_ arguments: [String], timeout: TimeInterval = 20) -> String {
        let capture = scratch.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { unlink(capture) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs = (["tmux", "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        // The test runner may block or ignore signals; the terminal's programs (and so kill-server's
        // SIGHUP to them) need the defaults.
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
        guard posix_spawnp(&pid, "tmux", &actions, &attributes, &cArgs, environ) == 0 else { return "" }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(20_000)
        }
        return (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
    }
}
