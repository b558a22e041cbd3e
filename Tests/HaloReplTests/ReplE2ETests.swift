import Foundation
import Testing

/// The real `halo --sandbox` REPL in a pseudo-terminal: typing, TAB, Up, multi-line entries, :save.
@Suite(.enabled(if: TerminalSession.tmuxAvailable, "needs tmux (scripts/setup installs it)"), .timeLimit(.minutes(2)))
struct ReplE2ETests {
    @Test func requestThenCompleteACaretPathWithTab() throws {
        let term = try TerminalSession(["--sandbox"])
        try term.waitFor("halo>")
        try term.send("get /api/cl", "Tab")
        try term.waitFor("halo> get /api/client")
        try term.send("Enter")
        try term.waitFor("the summary line") { $0.contains("200 OK · ") && $0.contains(" clients · ") }
        try term.waitFor("\nsandbox>")
        try term.send("response^cl", "Tab")
        try term.waitFor("sandbox> response^clients")
        try term.send("^0^", "Tab", "Tab")
        // Two TABs on an ambiguous key list the real keys of the first client.
        try term.waitFor("the key list") { $0.contains("toplevel_name") && $0.contains("main_email") }
        try term.send("na", "Tab", "Enter")
        // The list printed earlier shows the name too: wait for it after the completed line.
        let line = "sandbox> response^clients^0^name"
        let screen = try term.waitFor("the completed line and its result") {
            $0.components(separatedBy: line).dropFirst().contains { $0.contains("\"Abbott & Finch Solicitors\"") }
        }
        #expect(screen.contains(line))
    }

    @Test func upRecallsALineAndCtrlCDropsOne() throws {
        let term = try TerminalSession(["--sandbox"])
        try term.waitFor("halo>")
        try term.enter("y = 2")
        try term.enter("40 + y")
        try term.send("Up")
        try term.waitFor("halo> 40 + y\n42\nhalo> 40 + y")
        try term.enter("")
        try term.waitFor("second 42") { $0.components(separatedBy: "\n42").count == 3 }
        try term.send("this is never run", "C-c")
        try term.waitFor("^C")
        try term.enter("y * 100")
        let screen = try term.waitFor("\n200")
        #expect(!screen.contains("error"))
    }

    @Test func multiLineBlockSavedAndRunAgain() throws {
        let term = try TerminalSession(["--sandbox"])
        try term.waitFor("halo>")
        try term.enter("creds = {client_id: \"me\", client_secret: \"hunter2\"}")
        try term.enter("get /api/client {search: \"Acme\"}")
        try term.waitFor("200 OK · ")
        try term.enter("for c in [1, 2] {")
        try term.waitFor("\n...")
        try term.enter("print \"row <<c * 10>>\"")
        try term.enter("}")
        try term.waitFor("row 20")
        try term.enter(":save session.halo")
        try term.waitFor("saved 3 entries to session.halo")
        try term.send("C-d")
        try term.waitFor("EXIT=0")

        let saved = try String(contentsOf: term.directory.appendingPathComponent("session.halo"), encoding: .utf8)
        #expect(saved.contains("client_secret_env: \"HALO_CLIENT_SECRET\""))
        #expect(!saved.contains("hunter2"))
        let history = try String(contentsOf: term.directory.appendingPathComponent("state/halo/history"), encoding: .utf8)
        #expect(history.contains("client_secret: \"***\""))
        #expect(!history.contains("hunter2"))

        let run = Process()
        run.executableURL = URL(fileURLWithPath: TerminalSession.binary)
        run.arguments = ["--sandbox", "session.halo"]
        run.currentDirectoryURL = term.directory
        let out = Pipe()
        run.standardOutput = out
        run.standardInput = FileHandle.nullDevice
        try run.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        #expect(output == "row 10\nrow 20\n")
    }

    @Test func ctrlCStopsALoopAndASleepAndKeepsTheVariables() throws {
        let term = try TerminalSession([])
        try term.waitFor("halo>")
        try term.enter("i = 0")
        try term.send("while true { i += 1 }", "Enter")
        Thread.sleep(forTimeInterval: 0.5)
        try term.send("C-c")
        try term.waitFor("the loop's interruption") { $0.contains("error: interrupted") && TerminalSession.endsAtPrompt($0) }
        try term.enter("i > 0")
        try term.waitFor("halo> i > 0\ntrue")
        let started = Date()
        try term.send("sleep(60)", "Enter")
        Thread.sleep(forTimeInterval: 0.3)
        try term.send("C-c")
        try term.waitFor("the sleep's interruption") { $0.components(separatedBy: "error: interrupted").count == 3 && TerminalSession.endsAtPrompt($0) }
        #expect(Date().timeIntervalSince(started) < 10)
        try term.send("C-d")
        try term.waitFor("EXIT=0")
    }

    @Test func ctrlCStopsAFanOut() throws {
        let term = try TerminalSession([])
        try term.waitFor("halo>")
        let started = Date()
        try term.send("pmap(range(100), fn(i) { sleep(60) })", "Enter")
        Thread.sleep(forTimeInterval: 0.3)
        try term.send("C-c")
        try term.waitFor("the fan-out's interruption") { $0.contains("error: interrupted") && TerminalSession.endsAtPrompt($0) }
        #expect(Date().timeIntervalSince(started) < 10)
        try term.send("C-d")
        try term.waitFor("EXIT=0")
    }

    @Test func aSecretHeldInAVariableAndGivenToAuthIsMaskedInHistoryAndSave() throws {
        let term = try TerminalSession([])
        try term.waitFor("halo>")
        try term.enter("s = \"rotating-k3y-8812\"")
        try term.enter("auth {url: \"http://127.0.0.1:9\", client_id: \"me\", client_secret: s}")
        try term.waitFor("error")
        try term.enter("s")
        try term.waitFor("halo> s\n\"***\"")
        try term.enter(":save kept.halo")
        try term.waitFor("saved 2 entries to kept.halo")
        try term.send("C-d")
        try term.waitFor("EXIT=0")

        let savedPath = term.directory.appendingPathComponent("kept.halo").path
        let saved = try String(contentsOfFile: savedPath, encoding: .utf8)
        #expect(saved.contains("s = \"***\""))
        #expect(!saved.contains("rotating-k3y-8812"))
        let mode = (try FileManager.default.attributesOfItem(atPath: savedPath)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let history = try String(contentsOf: term.directory.appendingPathComponent("state/halo/history"), encoding: .utf8)
        #expect(history.contains("s = \"***\""))
        #expect(!history.contains("rotating-k3y-8812"))
    }
}
