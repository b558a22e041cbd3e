import Foundation
import HaloCore

/// Where journals live and how runs are found again: `$XDG_STATE_HOME/halo/journal`, else
/// `~/.local/state/halo/journal` (the XDG default), one `TIME-RUN.jsonl` file per run.
enum JournalStore {
    static func directory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/halo/journal" }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return home + "/.local/state/halo/journal"
    }

    /// Creates the directory and its parents; the journal directory itself is 0700.
    static func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ScriptError.runtime("cannot create the journal directory \(path): \(error.localizedDescription); nothing was sent (--no-journal writes without one)")
        }
        chmod(path, 0o700)
    }

    /// Every run in the directory, oldest first (file names start with the time).
    static func runs(in directory: String) -> [JournalRun] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".jsonl") }.sorted()
        return names.compactMap { try? JournalRun.load(path: directory + "/" + $0) }
    }

    /// The run named by an id (or a unique prefix of one), or `last`.
    static func find(_ name: String, in directory: String) throws -> JournalRun {
        let runs = runs(in: directory)
        if name == "last" {
            guard let run = runs.last else { throw ScriptError(.usage, "the journal at \(directory) has no runs yet") }
            return run
        }
        let matches = runs.filter { $0.id.hasPrefix(name.lowercased()) }
        guard matches.count == 1, let run = matches.first else {
            throw ScriptError(.usage, matches.isEmpty ? "no run '\(name)' in the journal at \(directory) (see halo journal)"
                                                      : "'\(name)' names \(matches.count) runs; give more of the id")
        }
        return run
    }
}
