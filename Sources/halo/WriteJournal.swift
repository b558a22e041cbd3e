import Foundation
import HaloCore

/// The record of every write a run sends, kept so it can be reviewed and undone (`halo journal`,
/// `halo undo`). One JSON-lines file per run under the journal directory (0700), itself 0600, made
/// at the first write. Each write is appended before it is sent and again with its outcome, each
/// line synced to disk, so a crash or an interrupt leaves at worst a write without an outcome,
/// which readers count as unknown. Every line passes through the run's secret mask.
final class WriteJournal {
    let directory: String
    let runID: String
    /// The URL written to (password masked).
    let target: String
    /// The first line: what ran, against what.
    private let header: HaloObject
    private let mask: (String) -> String
    private var descriptor: Int32 = -1
    private var sequence = 0
    private(set) var path: String?

    init(directory: String, runbook: String, target: String, profile: String?, undoOf: String?,
         mask: @escaping (String) -> String) {
        self.directory = directory
        self.runID = Self.newRunID()
        self.target = target
        self.mask = mask
        var header = HaloObject([("type", .string("run")), ("run", .string(runID)),
                                 ("started", .string(JournalTime.now())), ("runbook", .string(runbook)),
                                 ("target", .string(target)), ("profile", profile.map(Value.string) ?? .null)])
        if let undoOf { header["undo_of"] = .string(undoOf) }
        self.header = header
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Appends a write about to be sent; returns its sequence number for `finish`.
    func begin(method: String, path: String, body: Value?, changes: [RecordChange]) throws -> Int {
        sequence += 1
        let records: [Value] = changes.map { change in
            var o = HaloObject([("action", .string(change.action.rawValue)), ("resource", .string(change.resource)),
                                ("id", change.id.map(Value.int) ?? .null)])
            if let before = change.before { o["before"] = .object(before) }
            return .object(o)
        }
        try append(HaloObject([("type", .string("write")), ("seq", .int(sequence)), ("time", .string(JournalTime.now())),
                               ("method", .string(method)), ("path", .string(path)), ("body", body ?? .null),
                               ("records", .list(records))]))
        return sequence
    }

    /// Appends what became of write `seq`. A journal that cannot be written now loses only this
    /// line (the write has happened); the reader then counts it as unknown.
    func finish(_ seq: Int, _ outcome: JournalOutcome) {
        var o = HaloObject([("type", .string("outcome")), ("seq", .int(seq)), ("time", .string(JournalTime.now())),
                            ("outcome", .string(outcome.name))])
        switch outcome {
        case .applied(let status, let saved):
            o["status"] = .int(status)
            o["saved"] = saved
        case .rejected(let status, let message):
            o["status"] = .int(status)
            o["message"] = .string(message)
        case .unknown(let reason):
            o["message"] = .string(reason)
        }
        try? append(o)
    }

    private func append(_ object: HaloObject) throws {
        if descriptor < 0 { try open() }
        try writeLine(object)
    }

    /// One masked JSON line, synced to disk.
    private func writeLine(_ object: HaloObject) throws {
        let line = mask(JSON.write(.object(object))) + "\n"
        guard AtomicFile.writeAll(line, to: descriptor) else {
            throw ScriptError.runtime("cannot write the journal \(path ?? directory): \(String(cString: strerror(errno))); nothing more was sent (--no-journal writes without one)")
        }
        fsync(descriptor)
    }

    private func open() throws {
        try JournalStore.makeDirectory(directory)
        let file = directory + "/" + JournalTime.fileStamp() + "-" + runID + ".jsonl"
        let fd = Glibc.open(file, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ScriptError.runtime("cannot create the journal \(file): \(String(cString: strerror(errno))); nothing was sent (--no-journal writes without one)")
        }
        fchmod(fd, 0o600)
        descriptor = fd
        path = file
        try writeLine(header)
    }

    /// Eight hex digits: short enough to type, unlikely to repeat in one person's journal.
    private static func newRunID() -> String {
        let n = UInt32.random(in: 0...UInt32.max)
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

/// What became of a journaled write.
enum JournalOutcome {
    /// Halo answered 2xx; `saved` is its reply as a list of records.
    case applied(status: Int, saved: Value)
    /// Halo refused it: nothing was applied.
    case rejected(status: Int, message: String)
    /// A timeout, a 5xx, an interrupt: it may or may not have been applied.
    case unknown(String)

    var name: String {
        switch self {
        case .applied: "applied"
        case .rejected: "rejected"
        case .unknown: "unknown"
        }
    }
}

/// Times in the journal: ISO 8601 in UTC, and a compact form for file names that sorts by time.
enum JournalTime {
    static func now() -> String { Date().formatted(.iso8601) }

    /// `20261202T091403.042Z`: milliseconds, so that runs started in the same second sort in order.
    static func fileStamp() -> String {
        let date = Date()
        let seconds = date.formatted(.iso8601).filter { !"-:Z".contains($0) }
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        return seconds + "." + String(format: "%03d", millis) + "Z"
    }
}
