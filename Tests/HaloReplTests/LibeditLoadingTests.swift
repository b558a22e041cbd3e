import Foundation
import Testing

/// libedit is opened when the REPL starts on a terminal, not linked: runs that edit no line never
/// map it, and a terminal without it still gets a working REPL, told what is missing.
@Suite(.enabled(if: TerminalSession.tmuxAvailable, "needs tmux (scripts/setup installs it)"), .timeLimit(.minutes(2)))
struct LibeditLoadingTests {
    /// Whether this process has libedit mapped, as the language reads it.
    static let libeditMapped = #"contains(read_file("/proc/self/maps"), "libedit")"#

    @Test func aRunbookRunNeverMapsLibedit() throws {
        let term = try TerminalSession(["-e", "print \(Self.libeditMapped)"])
        let screen = try term.waitFor("EXIT=")
        #expect(screen.contains("false\nEXIT=0"), "\(screen)")
    }

    @Test func theReplOnATerminalMapsLibedit() throws {
        let term = try TerminalSession(["--sandbox"])
        try term.waitFor("halo>")
        try term.enter(Self.libeditMapped)
        #expect(try term.screen().contains("\ntrue\n"))
    }

    @Test func withoutLibeditTheReplSaysWhyAndStillRunsLines() throws {
        let term = try TerminalSession(["--sandbox"], environment: ["HALO_LIBEDIT": "/nonexistent/libedit.so.2"])
        let warning = try term.waitFor("no line editing")
        #expect(warning.contains("libedit could not be loaded: /nonexistent/libedit.so.2"), "\(warning)")
        #expect(warning.contains("apt-get install libedit2"), "\(warning)")
        try term.waitFor("halo>")
        try term.send("40 + 2", "Enter")
        try term.waitFor("\n42\nhalo>")
        try term.send("C-d")
        try term.waitFor("EXIT=0")
    }
}
