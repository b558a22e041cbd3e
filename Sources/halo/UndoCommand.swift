import ArgumentParser
import Foundation
import HaloClient
import HaloCore

/// `halo undo RUN`: reverses a journaled run's writes, newest first (see `RunUndo`).
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Reverse a journaled run's writes, newest first (RUN: an id from halo journal, or last).",
        discussion: """
        Updates are reverted only where the record still holds what the run wrote; records changed since
        are skipped and listed (exit 1). Records the run created are deleted (--keep-created keeps them);
        records it deleted are created again, under new ids. Try it with --plan first. The undo is
        journaled too, so it can be undone. See docs/SAFETY.md.
        """)

    @Argument(help: ArgumentHelp("A run id (or its first characters), or `last`.", valueName: "run"))
    var runName: String

    @Flag(help: "Leave the records the run created in place.")
    var keepCreated = false

    @OptionGroup var connection: ConnectionOptions

    mutating func run() throws {
        guard let directory = JournalStore.directory() else {
            throw ValidationError("neither XDG_STATE_HOME nor HOME is set: there is no journal directory")
        }
        let journaled = try JournalStore.find(runName, in: directory)
        guard !connection.sandbox else {
            throw ValidationError("--sandbox starts a new sandbox; undo must talk to the server run \(journaled.id) wrote to (\(journaled.target))")
        }
        var connection = self.connection.settings
        // The run's own profile, unless another one is chosen; the URL check below still applies.
        if connection.profile == nil, ProcessEnvironment.variables["HALO_PROFILE"] == nil {
            connection.profile = journaled.profile
        }
        let session = try connection.openSession(runbook: "halo undo \(journaled.id)")
        defer { session.close() }
        let performer = session.performer
        performer.gate.undoOf = journaled.id
        let output = { (line: String) in Terminal.writeOutput(performer.secrets.masked(line)) }
        do {
            // Checked before signing in: the credentials chosen must be for the server the run wrote to.
            let chosen = try performer.resolver.target(profile: nil).credentials.url
            var url = URLDisplay.masked(chosen)
            while url.hasSuffix("/") { url.removeLast() }
            guard url == journaled.target else {
                throw ScriptError(.usage, "run \(journaled.id) wrote to \(journaled.target), but the connection chosen is \(url); choose the same server (--profile, HALO_URL)")
            }
            try performer.authenticate(nil)
        } catch let error as ScriptError {
            Terminal.writeError("halo: undo: " + performer.secrets.masked(error.message))
            throw ExitCode(error.exitCode)
        } catch {
            Terminal.writeError("halo: undo: " + performer.secrets.masked("\(error)"))
            throw ExitCode(2)
        }
        let undo = RunUndo(run: journaled, keepCreated: keepCreated, planning: connection.planning,
                           read: { paths in try Self.read(paths, performer) },
                           write: { request in try performer.perform(request).body }, report: output)
        var failed = false
        do {
            try undo.perform()
        } catch let error as ScriptError {
            Terminal.writeError("halo: undo stopped: " + performer.secrets.masked(error.message)
                                + error.notes.map { "\n  " + $0 }.joined())
            failed = true
        }
        output(undo.summary + (performer.gate.runID.map { "; journaled as run \($0) (halo undo \($0) reverses it)" } ?? ""))
        if failed || undo.skipped > 0 { throw ExitCode(1) }
    }

    /// Records through the connection, several at a time; nil on 404. The gate reuses them for
    /// the journal instead of reading them again.
    private static func read(_ paths: [String], _ performer: HaloConnection) throws -> [String: HaloObject?] {
        let records = try performer.readRecords(paths)
        for case let (path, record?) in records { performer.gate.recentlyRead[path] = record }
        return records
    }
}
