import Foundation

/// Why one element of a POST was refused; the whole batch is then refused with 400.
struct WriteRejection: Error {
    let message: String
}

/// Halo's write semantics for one element of a POST array: an existing `id` updates only the
/// fields sent; no id, 0 or an unknown id creates a record with the next id and the
/// resource's defaults; custom fields merge by name. Names that Halo denormalises (client_name,
/// site_name, ...) follow their ids, and an action touches its ticket.
struct RecordWriter {
    /// ISO 8601, UTC: the time stamped on created records.
    let now: String

    /// Which fields of which related record fill which fields of the saved one. Users come first
    /// because a ticket's user also decides its client and site when those are not sent.
    private static let references: [(idField: String, kind: ResourceKind, copies: [(to: String, from: String)])] = [
        ("user_id", .users, [("user_name", "name"), ("user_email", "emailaddress"),
                             ("client_id", "client_id"), ("site_id", "site_id")]),
        ("site_id", .sites, [("site_name", "name")]),
        ("client_id", .clients, [("client_name", "name")]),
        ("agent_id", .agents, [("team", "team"), ("who", "name"), ("agent_name", "name")]),
        ("creator_id", .agents, [("creator_name", "name")]),
    ]

    func save(_ element: JSONObject, kind: ResourceKind, in data: inout SandboxData) throws(WriteRejection) -> Record {
        let sentID = element["id"]?.intValue ?? 0
        var object: JSONObject
        var changed = Set(element.keys)
        let existing = sentID > 0 ? data[kind].record(id: sentID) : nil
        if let existing {
            object = existing.object
        } else {
            try checkRequiredField(of: element, kind: kind, in: data)
            object = kind.template
            object["id"] = .int(data[kind].takeNextID())
            for field in kind.timestampFields { object[field] = .string(now) }
            changed.formUnion(kind.template.keys)
        }
        for (key, value) in element.entries where key != "id" {
            object[key] = key == CustomFields.key
                ? CustomFields(definitions: data[.fieldInfo]).merge(value, into: object[key])
                : Self.normalised(key, value)
        }
        fillReferences(of: &object, changed: &changed, sent: Set(element.keys), in: data)
        if let field = kind.closedDateField, let rule = kind.closedWhen, changed.contains(rule.field) {
            stampClosure(of: &object, sent: element, rule: rule, field: field)
        }
        let record = Record(object)
        data[kind].save(record)
        if existing == nil, kind.path == ResourceKind.actions.path { touchTicket(for: record, in: &data) }
        return record
    }

    private func checkRequiredField(of element: JSONObject, kind: ResourceKind, in data: SandboxData) throws(WriteRejection) {
        guard let field = kind.requiredField else { return }
        let value = element[field]
        let present = value?.stringValue.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            ?? (value?.intValue.map { $0 > 0 } ?? false)
        guard present else {
            throw WriteRejection(message: "\(field.prefix(1).uppercased() + field.dropFirst()) is required")
        }
        if kind.path == ResourceKind.actions.path, let ticketID = value?.intValue,
           data[.tickets].record(id: ticketID) == nil {
            throw WriteRejection(message: "Ticket \(ticketID) not found")
        }
    }

    /// Ids sent as numeric strings ("12") are stored as numbers, as Halo does.
    private static func normalised(_ key: String, _ value: JSONValue) -> JSONValue {
        if key.hasSuffix("_id") || key == "new_status", case .string = value, let number = value.intValue {
            return .int(number)
        }
        return value
    }

    private func fillReferences(of object: inout JSONObject, changed: inout Set<String>, sent: Set<String>,
                                in data: SandboxData) {
        for reference in Self.references where changed.contains(reference.idField) {
            // An unknown or zero id leaves the defaults (an action's "who" stays "API").
            guard let related = object[reference.idField]?.intValue.flatMap({ data[reference.kind].record(id: $0) })
            else { continue }
            for copy in reference.copies where object[copy.to] != nil && !sent.contains(copy.to) {
                guard let value = related.object[copy.from] else { continue }
                object[copy.to] = value
                changed.insert(copy.to)
            }
        }
    }

    private func stampClosure(of record: inout JSONObject, sent: JSONObject, rule: ClosedRule, field: String) {
        let closed = rule.isClosed(record)
        if closed, sent[field] == nil, record[field] == nil || record[field] == .null {
            record[field] = .string(now)
        } else if !closed, sent[field] == nil {
            record[field] = nil
        }
    }

    /// A new action is the ticket's latest activity; `new_status` moves the ticket too.
    private func touchTicket(for action: Record, in data: inout SandboxData) {
        guard let ticketID = action.object["ticket_id"]?.intValue,
              var ticket = data[.tickets].record(id: ticketID)?.object else { return }
        ticket["lastactiondate"] = action.object["datetime"] ?? .string(now)
        if let status = action.object["new_status"]?.intValue, status > 0 {
            ticket["status_id"] = .int(status)
            stampClosure(of: &ticket, sent: [:], rule: .closedStatus, field: "dateclosed")
        }
        data[.tickets].save(Record(ticket))
    }
}
