import HaloCore

/// One record a POST or DELETE touches, read as Halo reads it: a POST element whose `id` names an
/// existing record updates the fields sent; any other element creates a record; a DELETE of
/// `/api/RESOURCE/ID` removes one. What plans, journals and undo are made of.
struct RecordChange {
    enum Action: String {
        case update, create, delete
        /// A write halo cannot read as record changes (a deeper path, a body that is not objects).
        case other
    }

    var action: Action
    /// The path segment after `/api/` as the runbook wrote it (`tickets`, `Client`).
    var resource: String
    /// The record's id: the one updated or deleted; nil for a create.
    var id: Int?
    /// The fields a POST sends, `id` included when given.
    var sent: HaloObject
    /// The record as it was just before the write; nil for creates and when it was not read.
    var before: HaloObject?

    /// `tickets/12`, or `tickets/new` for a create.
    var label: String { "\(resource.lowercased())/\(id.map(String.init) ?? "new")" }

    /// The record's path, for reading it or deleting it: `/api/tickets/12`.
    static func recordPath(resource: String, id: Int) -> String { "/api/\(resource)/\(id)" }

    /// Fields sent whose value differs from the record before (all sent fields but `id` for a create).
    var changedFields: [FieldChange] {
        sent.pairs.compactMap { key, value in
            guard key != "id" else { return nil }
            let old = before?[key]
            if action == .update, let old, FieldChange.same(old, value) { return nil }
            return FieldChange(field: key, old: action == .update ? old : nil, new: value)
        }
    }

    /// A name to show for the record: its summary, name or subject, when it has one.
    var name: String? {
        for key in ["summary", "name", "subject", "title", "inventory_number"] {
            if case .string(let text)? = (before ?? sent)[key], !text.isEmpty { return text }
        }
        return nil
    }
}

/// One field a write changes.
struct FieldChange {
    let field: String
    /// nil: the record had no such field (or is new).
    let old: Value?
    let new: Value

    /// Equal as Halo stores them: `12` and `"12"` are the same id.
    static func same(_ a: Value, _ b: Value) -> Bool {
        if a == b { return true }
        switch (a, b) {
        case (.int(let n), .string(let s)), (.string(let s), .int(let n)): return Int(s) == n
        default: return false
        }
    }
}

/// Reads a write into record changes, reading each record it names once through `read`
/// (nil when Halo has no such record).
struct WriteClassifier {
    let read: (_ resource: String, _ id: Int) throws -> HaloObject?

    /// `/api/tickets` → `tickets`; `/api/tickets/12` → `tickets`, 12; nil for other shapes.
    static func target(of path: String) -> (resource: String, id: Int?)? {
        let bare = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = bare.split(separator: "/").map(String.init)
        guard segments.first?.lowercased() == "api", (2...3).contains(segments.count) else { return nil }
        if segments.count == 3 {
            guard let id = Int(segments[2]) else { return nil }
            return (segments[1], id)
        }
        return (segments[1], nil)
    }

    func post(path: String, records: [Value]) throws -> [RecordChange] {
        guard let (resource, pathID) = Self.target(of: path), pathID == nil else {
            return records.map { record in
                let sent = if case .object(let o) = record { o } else { HaloObject() }
                return RecordChange(action: .other, resource: path, id: nil, sent: sent, before: nil)
            }
        }
        return try records.map { record in
            guard case .object(let sent) = record else {
                return RecordChange(action: .other, resource: resource, id: nil, sent: HaloObject(), before: nil)
            }
            if let id = Self.id(in: sent), id > 0, let before = try read(resource, id) {
                return RecordChange(action: .update, resource: resource, id: id, sent: sent, before: before)
            }
            return RecordChange(action: .create, resource: resource, id: nil, sent: sent, before: nil)
        }
    }

    func delete(path: String) throws -> [RecordChange] {
        guard let (resource, id) = Self.target(of: path), let id else {
            return [RecordChange(action: .other, resource: path, id: nil, sent: HaloObject(), before: nil)]
        }
        return [RecordChange(action: .delete, resource: resource, id: id, sent: HaloObject(), before: try read(resource, id))]
    }

    /// The records a POST would update if they exist: those with an `id`, as paths to read.
    static func recordPaths(post path: String, records: [Value]) -> [(path: String, resource: String, id: Int)] {
        guard let (resource, pathID) = target(of: path), pathID == nil else { return [] }
        return records.compactMap { record in
            guard case .object(let sent) = record, let id = id(in: sent), id > 0 else { return nil }
            return (RecordChange.recordPath(resource: resource, id: id), resource, id)
        }
    }

    /// The record a DELETE removes, as a path to read.
    static func recordPaths(delete path: String) -> [(path: String, resource: String, id: Int)] {
        guard let (resource, id) = target(of: path), let id else { return [] }
        return [(RecordChange.recordPath(resource: resource, id: id), resource, id)]
    }

    /// An `id` field as a number (Halo accepts `"12"` too).
    static func id(in record: HaloObject) -> Int? {
        switch record["id"] {
        case .int(let n)?: n
        case .string(let s)?: Int(s)
        case .double(let d)? where d.rounded() == d: Int(exactly: d)
        default: nil
        }
    }
}
