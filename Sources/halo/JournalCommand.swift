import ArgumentParser
import Foundation
import HaloCore

/// `halo journal [RUN]`: the runs that wrote to Halo, or one run's writes and their outcomes.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "List the runs that wrote to Halo, or show one run's writes (RUN: an id from the list, or last).",
        discussion: "Journals are kept in $XDG_STATE_HOME/halo/journal (default ~/.local/state/halo/journal), one file per run. See docs/SAFETY.md.")

    @Argument(help: ArgumentHelp("A run id (or its first characters), or `last`.", valueName: "run"))
    var runName: String?

    @Option(help: "How many of the most recent runs to list.")
    var limit = 20

    mutating func run() throws {
        guard let directory = JournalStore.directory() else {
            throw ValidationError("neither XDG_STATE_HOME nor HOME is set: there is no journal directory")
        }
        if let runName {
            Terminal.writeOutput(Self.details(try JournalStore.find(runName, in: directory)))
        } else {
            let runs = JournalStore.runs(in: directory, limit: max(limit, 1))
            guard !runs.isEmpty else { return Terminal.writeOutput("no runs in the journal at \(directory) yet") }
            Terminal.writeOutput(Self.table(runs))
        }
    }

    /// One line per run, newest last, as `ls -tr` would.
    static func table<S: Collection>(_ runs: S) -> String where S.Element == JournalRun {
        let header = ["RUN", "STARTED (UTC)", "CREATES", "UPDATES", "DELETES", "UNKNOWN", "REJECTED", "TARGET", "RUNBOOK"]
        let rows = runs.map { run in
            [run.id, run.started.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: ""),
             "\(run.count(.create))", "\(run.count(.update))", "\(run.count(.delete))", "\(run.unknownOutcomes)",
             "\(run.rejected)", run.profile ?? run.target, run.runbook + (run.undoOf.map { " (undo of \($0))" } ?? "")]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func details(_ run: JournalRun) -> String {
        var lines = ["run \(run.id) · started \(run.started) · \(run.runbook)",
                     "target \(run.target)\(run.profile.map { " (profile \($0))" } ?? "")"
                        + (run.undoOf.map { " · undo of \($0)" } ?? ""),
                     "journal \(run.path)"]
        for write in run.writes {
            lines.append("#\(write.seq) \(write.method) \(write.path) · \(write.outcome.text)")
            let saved: [Value] = if case .applied(_, let saved) = write.outcome { saved } else { [] }
            for (index, change) in write.records.enumerated() {
                var line = "  " + WritePlan.line(for: change, method: write.method, path: write.path)
                if change.action == .create, index < saved.count, case .object(let o) = saved[index],
                   let id = WriteClassifier.id(in: o) {
                    line += " → \(change.resource.lowercased())/\(id)"
                }
                lines.append(line)
            }
        }
        lines.append("\(run.count(.create)) creates, \(run.count(.update)) updates, \(run.count(.delete)) deletes; "
                     + "\(run.unknownOutcomes) unknown, \(run.rejected) rejected")
        if run.writes.contains(where: { $0.outcome.mayHaveApplied }) {
            lines.append("to reverse it: halo undo \(run.id) --plan, then halo undo \(run.id)")
        }
        return lines.joined(separator: "\n")
    }
}
