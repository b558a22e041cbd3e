/// Halo's `customfields` on an update: the entries sent change only the fields they name (by
/// `id` or, case-insensitively, by `name`) and the record keeps its other custom fields, so a
/// runbook can set one field without reading and resending them all. New entries take their id
/// and label from the field's definition in /api/FieldInfo when there is one.
struct CustomFields {
    static let key = "customfields"

    let definitions: ResourceTable

    /// `sent` as the record's new custom fields, merged into `current`. Anything other than an
    /// array of objects is stored as sent, as Halo does not validate it either.
    func merge(_ sent: JSONValue, into current: JSONValue?) -> JSONValue {
        guard case .array(let elements) = sent else { return sent }
        var entries: [JSONValue] = if case .array(let existing)? = current { existing } else { [] }
        for element in elements {
            guard let change = element.objectValue else { return sent }
            if let index = entries.firstIndex(where: { $0.objectValue.map { Self.same($0, change) } ?? false }),
               let entry = entries[index].objectValue {
                var change = change
                change["name"] = nil  // the field keeps its own spelling of its name
                entries[index] = .object(Self.applying(change, to: entry))
            } else {
                entries.append(.object(Self.applying(change, to: definitionEntry(for: change))))
            }
        }
        return .array(entries)
    }

    /// Sent keys replace the entry's; `display` follows a new `value` unless it is sent too.
    private static func applying(_ change: JSONObject, to entry: JSONObject) -> JSONObject {
        var entry = entry
        for (key, value) in change.entries { entry[key] = value }
        if let value = change["value"], change["display"] == nil {
            entry["display"] = value
        }
        return entry
    }

    /// `{id, name, label}` of the defined field the change names, or nothing for an undefined one.
    private func definitionEntry(for change: JSONObject) -> JSONObject {
        guard let definition = definitions.records.first(where: { Self.same($0.object, change) })?.object else {
            return [:]
        }
        return ["id": definition["id"] ?? .int(0), "name": definition["name"] ?? .string(""),
                "label": definition["label"] ?? .string("")]
    }

    private static func same(_ entry: JSONObject, _ change: JSONObject) -> Bool {
        if let id = change["id"]?.intValue, id > 0 { return entry["id"]?.intValue == id }
        guard let name = change["name"]?.stringValue else { return false }
        return entry["name"]?.stringValue?.lowercased() == name.lowercased()
    }
}
