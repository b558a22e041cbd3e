import Foundation
import HaloCore

/// Where journals live and how runs are found again: `$XDG_STATE_HOME/halo/journal`, else
/// `~/.local/state/halo/journal` (the XDG default), one `TIME-RUN.jsonl` file per run.
enum JournalStore {
    static func directory(_ environment: [String: String] = ProcessEnvironment.variables) -> String? {
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

    /// The journal files, oldest first (`TIME-RUN.jsonl`: the names sort by time).
    static func files(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
    }

    /// The newest `limit` runs, oldest first; only their files are read.
    static func runs(in directory: String, limit: Int = .max) -> [JournalRun] {
        files(in: directory).suffix(limit).compactMap { try? JournalRun.load(path: directory + "/" + $0) }
    }

    /// The run named by an id (or a unique prefix of one), or `last`, found by its file name.
    static func find(_ name: String, in directory: String) throws -> JournalRun {
        let files = files(in: directory)
        if name == "last" {
            guard let file = files.last else { throw ScriptError(.usage, "the journal at \(directory) has no runs yet") }
            return try JournalRun.load(path: directory + "/" + file)
        }
        let matches = files.filter { file in
            file.split(separator: "-").last.map { $0.dropLast(".jsonl".count).hasPrefix(name.lowercased()) } ?? false
        }
        guard matches.count == 1, let file = matches.first else {
            throw ScriptError(.usage, matches.isEmpty ? "no run '\(name)' in the journal at \(directory) (see halo journal)"
                                                      : "'\(name)' names \(matches.count) runs; give more of the id")
        }
        return try JournalRun.load(path: directory + "/" + file)
    }
}
