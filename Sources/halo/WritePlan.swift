import HaloCore

/// What a run would write, gathered while it runs with writes held back (`--plan`, `--dry-run`):
/// per record the fields that would change, and a summary line at the end.
final class WritePlan {
    private(set) var writes: [(method: String, path: String, changes: [RecordChange])] = []
    /// GETs made to read records for the plan.
    var reads = 0
    /// Records as the plan leaves them, so a second write to one is compared with the first's result.
    private var planned: [String: HaloObject?] = [:]

    /// The record as the plan has left it, if an earlier planned write touched it.
    func plannedState(resource: String, id: Int) -> HaloObject?? {
        planned[Self.key(resource, id)]
    }

    func add(method: String, path: String, changes: [RecordChange]) {
        writes.append((method, path, changes))
        for change in changes {
            guard let id = change.id else { continue }
            switch change.action {
            case .update:
                var after = change.before ?? HaloObject()
                for (key, value) in change.sent.pairs { after[key] = value }
                planned[Self.key(change.resource, id)] = .some(after)
            case .delete:
                planned[Self.key(change.resource, id)] = .some(nil)
            case .create, .other:
                break
            }
        }
    }

    private static func key(_ resource: String, _ id: Int) -> String { "\(resource.lowercased())/\(id)" }

    // MARK: - Text

    /// `tickets/12: status_id 1 → 9, agent_id 4 → 7`; `tickets/new: summary "Disk full"`; a delete by name.
    static func line(for change: RecordChange, method: String, path: String) -> String {
        switch change.action {
        case .update:
            let fields = change.changedFields
            guard !fields.isEmpty else { return "\(change.label): no change" }
            return "\(change.label): " + fields.map { "\($0.field) \(show($0.old)) → \(show($0.new))" }.joined(separator: ", ")
        case .create:
            let fields = change.changedFields
            let text = fields.isEmpty ? "(no fields)" : fields.map { "\($0.field) \(show($0.new))" }.joined(separator: ", ")
            // An `id` that named no record: Halo creates a new one rather than fail.
            let unknownID = WriteClassifier.id(in: change.sent).flatMap { $0 <= 0 ? nil :  " (no \(change.resource.lowercased())/\($0): Halo creates a new record)" }
            return "\(change.label): \(text)\(unknownID ?? "")"
        case .delete:
            guard change.before != nil else { return "\(change.label): delete (not found: Halo would answer 404)" }
            return "\(change.label): delete" + (change.name.map { " " + show(.string($0)) } ?? "")
        case .other:
            return "\(method) \(path): \(change.sent.isEmpty ? "sent as written" : "1 record, sent as written")"
        }
    }

    /// A value as it appears in a plan line: JSON, cut to 40 characters.
    static func show(_ value: Value?) -> String {
        guard let value else { return "(unset)" }
        let text = JSON.write(value)
        return text.count > 40 ? String(text.prefix(39)) + "…" : text
    }

    struct Counts {
        var updates = 0, fields = 0, creates = 0, deletes = 0, unchanged = 0, other = 0
    }

    var counts: Counts {
        var counts = Counts()
        for change in writes.flatMap(\.changes) {
            switch change.action {
            case .update:
                let n = change.changedFields.count
                if n == 0 { counts.unchanged += 1 } else { counts.updates += 1; counts.fields += n }
            case .create: counts.creates += 1
            case .delete: counts.deletes += 1
            case .other: counts.other += 1
            }
        }
        return counts
    }

    /// `plan: 3 updates (5 fields), 1 create, 0 deletes on acme (4 reads)`.
    func summary(target: String) -> String {
        let c = counts
        var parts = ["\(Self.count(c.updates, "update")) (\(Self.count(c.fields, "field")))",
                     Self.count(c.creates, "create"), Self.count(c.deletes, "delete")]
        if c.unchanged > 0 { parts.append("\(c.unchanged) unchanged") }
        if c.other > 0 { parts.append("\(Self.count(c.other, "other write"))") }
        return "plan: \(parts.joined(separator: ", ")) on \(target) (\(Self.count(reads, "read")); nothing was written)"
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    // MARK: - JSON

    /// The whole plan, every field in full: `--plan-json FILE`.
    func json(target: String) -> Value {
        let c = counts
        let writeValues: [Value] = writes.map { write in
            .object(HaloObject([("method", .string(write.method)), ("path", .string(write.path)),
                                ("records", .list(write.changes.map(Self.json)))]))
        }
        let summary = HaloObject([("updates", .int(c.updates)), ("fields", .int(c.fields)), ("creates", .int(c.creates)),
                                  ("deletes", .int(c.deletes)), ("unchanged", .int(c.unchanged)),
                                  ("other", .int(c.other)), ("reads", .int(reads))])
        return .object(HaloObject([("target", .string(target)), ("writes", .list(writeValues)),
                                   ("summary", .object(summary))]))
    }

    static func json(_ change: RecordChange) -> Value {
        var o = HaloObject([("action", .string(change.action.rawValue)), ("resource", .string(change.resource)),
                            ("id", change.id.map(Value.int) ?? .null)])
        switch change.action {
        case .update:
            o["changes"] = .object(HaloObject(change.changedFields.map { field in
                (field.field, .object(HaloObject([("from", field.old ?? .null), ("to", field.new)])))
            }))
        case .create, .other:
            o["fields"] = .object(change.sent)
        case .delete:
            o["record"] = change.before.map(Value.object) ?? .null
        }
        return .object(o)
    }
}
