import HaloCore

/// Reverses one journaled run, newest write first, through the same connection (and so the same
/// plan, confirmation and journal) as any runbook's writes:
/// - an update is reverted by POSTing back the fields it changed, only if the record still holds
///   what the run wrote; otherwise the record is skipped and reported, never overwritten;
/// - a create is reverted by deleting the record, only if it still holds what was sent;
/// - a delete is reverted by creating the record again from the journal, under a new id.
final class RunUndo {
    let run: JournalRun
    let keepCreated: Bool
    /// Reads records by path, several at a time (nil: Halo has none); sends a write and returns
    /// the saved records.
    let read: ([String]) throws -> [String: HaloObject?]
    let write: (RequestSpec) throws -> Value
    /// One line per record: what was done or why not.
    let report: (String) -> Void
    /// Whether writes are planned rather than sent (`--plan`): then the plan shows them.
    let planning: Bool

    private(set) var restored = 0, deleted = 0, recreated = 0, skipped = 0, untouched = 0
    /// Records as this undo leaves them, so an older write to the same record is checked against them.
    private var expected: [String: HaloObject?] = [:]
    /// Every record the run touched, read once before anything is decided.
    private var fetched: [String: HaloObject?] = [:]
    /// Update reverts not sent yet, in order: sent as one POST per resource of up to 100 records,
    /// before any other write (a record the run created and then updated is reverted, then deleted).
    private var pending: [(resource: String, id: Int, fields: HaloObject, line: String)] = []

    init(run: JournalRun, keepCreated: Bool, planning: Bool, read: @escaping ([String]) throws -> [String: HaloObject?],
         write: @escaping (RequestSpec) throws -> Value, report: @escaping (String) -> Void) {
        self.run = run
        self.keepCreated = keepCreated
        self.planning = planning
        self.read = read
        self.write = write
        self.report = report
    }

    func perform() throws {
        fetched = try read(touchedPaths())
        defer { pending.removeAll() }
        for entry in run.writes.reversed() {
            guard entry.outcome.mayHaveApplied else { continue }
            let saved: [Value] = if case .applied(_, let saved) = entry.outcome { saved } else { [] }
            for (index, change) in entry.records.enumerated().reversed() {
                let savedRecord: HaloObject? = if index < saved.count, case .object(let o) = saved[index] { o } else { nil }
                switch change.action {
                case .update: try revertUpdate(change, saved: savedRecord, outcome: entry.outcome)
                case .create: try revertCreate(change, saved: savedRecord, outcome: entry.outcome)
                case .delete: try revertDelete(change, outcome: entry.outcome)
                case .other:
                    skip("\(entry.method) \(entry.path): not a record write halo can reverse")
                }
            }
        }
        try sendPending()
    }

    /// The records an undo must look at: those updated or deleted, and those created (by saved id).
    private func touchedPaths() -> [String] {
        var paths: [String] = []
        for entry in run.writes where entry.outcome.mayHaveApplied {
            let saved: [Value] = if case .applied(_, let saved) = entry.outcome { saved } else { [] }
            for (index, change) in entry.records.enumerated() {
                let id: Int? = switch change.action {
                case .update, .delete: change.id
                case .create: Self.savedID(saved, index)
                case .other: nil
                }
                if let id { paths.append(RecordChange.recordPath(resource: change.resource, id: id)) }
            }
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    /// The id Halo gave the record created at `index` of a POST, from its reply.
    private static func savedID(_ saved: [Value], _ index: Int) -> Int? {
        guard index < saved.count, case .object(let record) = saved[index] else { return nil }
        return WriteClassifier.id(in: record)
    }

    private func current(_ resource: String, _ id: Int) throws -> HaloObject? {
        let path = RecordChange.recordPath(resource: resource, id: id)
        if let known = expected[path] { return known }
        if let record = fetched[path] { return record }
        return try read([path])[path] ?? nil
    }

    /// POSTs the pending reverts, a resource at a time in the order they were decided, 100 records
    /// a POST; a record reverted twice (two writes of the run) goes once, the older write's values last.
    private func sendPending() throws {
        while let resource = pending.first?.resource {
            var batch: [(id: Int, fields: HaloObject, lines: [String])] = []
            var rest: [(resource: String, id: Int, fields: HaloObject, line: String)] = []
            for revert in pending {
                guard revert.resource == resource else { rest.append(revert); continue }
                if let index = batch.firstIndex(where: { $0.id == revert.id }) {
                    for (key, value) in revert.fields.pairs { batch[index].fields[key] = value }
                    batch[index].lines.append(revert.line)
                } else {
                    batch.append((revert.id, revert.fields, [revert.line]))
                }
            }
            pending = rest
            for start in stride(from: 0, to: batch.count, by: 100) {
                let chunk = batch[start..<min(start + 100, batch.count)]
                _ = try write(RequestSpec(method: .post, all: false, path: "/api/\(resource)",
                                          argument: .list(chunk.map { .object($0.fields) })))
                for revert in chunk {
                    restored += revert.lines.count
                    if !planning { revert.lines.forEach(report) }
                }
            }
        }
    }

    private func revertUpdate(_ change: RecordChange, saved: HaloObject?, outcome: JournalWrite.Outcome) throws {
        guard let id = change.id, let before = change.before else { return }
        let fields = change.changedFields
        guard !fields.isEmpty else { return }
        guard let now = try current(change.resource, id) else {
            return skip("\(change.label): skipped: it no longer exists")
        }
        let drifted = Self.drifted(fields, now: now, saved: saved)
        if !drifted.isEmpty {
            let detail = drifted.map { "\($0.field) is \(WritePlan.show(now[$0.field])), the run wrote \(WritePlan.show($0.new))" }
            let why = outcome.isUnknown ? "not applied, or changed since the run" : "changed since the run"
            return skip("\(change.label): skipped: \(why) (\(detail.joined(separator: "; ")))")
        }
        var revert = HaloObject([("id", .int(id))])
        for field in fields { revert[field.field] = before[field.field] ?? .null }
        var after = now
        for field in fields { after[field.field] = before[field.field] ?? .null }
        expected[RecordChange.recordPath(resource: change.resource, id: id)] = .some(after)
        let line = "\(change.label): " + fields.map { "\($0.field) \(WritePlan.show($0.new)) → \(WritePlan.show(before[$0.field]))" }
            .joined(separator: ", ") + " (restored)"
        pending.append((change.resource, id, revert, line))
    }

    private func revertCreate(_ change: RecordChange, saved: HaloObject?, outcome: JournalWrite.Outcome) throws {
        guard let saved, let id = WriteClassifier.id(in: saved) else {
            return skip("\(change.label): skipped: the run's outcome is unknown, so the new record's id is not known")
        }
        let label = "\(change.resource.lowercased())/\(id)"
        let name = change.name.map { " " + WritePlan.show(.string($0)) } ?? ""
        if keepCreated { untouched += 1; return report("\(label)\(name): kept (--keep-created)") }
        guard let now = try current(change.resource, id) else { return report("\(label)\(name): already deleted") }
        let drifted = Self.drifted(change.changedFields, now: now, saved: saved)
        guard drifted.isEmpty else {
            return skip("\(label)\(name): skipped: changed since the run created it (\(drifted.map(\.field).joined(separator: ", ")))")
        }
        let path = RecordChange.recordPath(resource: change.resource, id: id)
        try sendPending()
        _ = try write(RequestSpec(method: .delete, all: false, path: path, argument: nil))
        expected[path] = .some(nil)
        deleted += 1
        if !planning { report("\(label)\(name): deleted (the run created it)") }
    }

    private func revertDelete(_ change: RecordChange, outcome: JournalWrite.Outcome) throws {
        guard let id = change.id, var record = change.before else {
            return skip("\(change.label): skipped: the journal has no copy of the record (it did not exist)")
        }
        if outcome.isUnknown, try current(change.resource, id) != nil {
            untouched += 1
            return report("\(change.label): still there (the delete did not happen)")
        }
        record["id"] = nil
        try sendPending()
        let saved = try write(RequestSpec(method: .post, all: false, path: "/api/\(change.resource)", argument: .list([.object(record)])))
        recreated += 1
        expected[RecordChange.recordPath(resource: change.resource, id: id)] = .some(nil)
        guard !planning else { return }
        let newID: Int? = switch saved {
        case .object(let o): WriteClassifier.id(in: o)
        case .list(let items): items.first.flatMap { if case .object(let o) = $0 { WriteClassifier.id(in: o) } else { nil } }
        default: nil
        }
        report("\(change.label): re-created as \(change.resource.lowercased())/\(newID.map(String.init) ?? "?") (a new id; links to the old id are not restored)")
    }

    /// The fields that no longer hold what the run wrote: neither its value nor Halo's saved form
    /// of it (`"12"` stored as 12).
    private static func drifted(_ fields: [FieldChange], now: HaloObject, saved: HaloObject?) -> [FieldChange] {
        fields.filter { field in
            guard let value = now[field.field] else { return true }
            return !FieldChange.same(value, field.new) && !(saved?[field.field].map { FieldChange.same(value, $0) } ?? false)
        }
    }

    private func skip(_ line: String) {
        skipped += 1
        report(line)
    }

    /// `undo of 3f9a2c1d: 25 restored, 1 skipped, 0 deleted, 0 re-created`.
    var summary: String {
        var parts = ["\(restored) restored", "\(deleted) deleted", "\(recreated) re-created"]
        if untouched > 0 { parts.append("\(untouched) left as they are") }
        parts.append("\(skipped) skipped")
        return "undo of \(run.id)\(planning ? " (plan)" : ""): " + parts.joined(separator: ", ")
    }
}
