/// `table(rows, columns?)`: a list of objects as aligned text, for the REPL and `print`.
extension Builtins {
    static var tables: [BuiltinFunction] {
        [
            .define("table", 1...2) { _, args in
                let columns = try args.optional(1).map { _ in
                    try args.list(1).map { column -> String in
                        guard case .string(let name) = column else { throw args.error("expects column names (strings) as argument 2") }
                        return name
                    }
                }
                switch args[0] {
                case .list(let rows): return .string(TableText(rows: rows, columns: columns).render())
                case .object(let o):
                    // A Halo list reply ({"record_count": 2, "clients": [...]}) shows its list.
                    for case .list(let rows) in o.values where rows.contains(where: { if case .object = $0 { true } else { false } }) {
                        return .string(TableText(rows: rows, columns: columns).render())
                    }
                    let rows = o.pairs.map { Value.object(HaloObject([("key", .string($0.0)), ("value", $0.1)])) }
                    return .string(TableText(rows: rows, columns: columns ?? ["key", "value"]).render())
                default: throw args.mismatch(0, expected: "a list of objects")
                }
            },
        ]
    }
}

/// Lays out rows in columns: a header, a rule, one line per row, and a count. Without chosen
/// columns it takes the rows' keys (first seen first) whose values are not lists or objects,
/// at most `defaultColumnLimit` of them. Cells are cut at `maxCellWidth` characters.
public struct TableText {
    static let defaultColumnLimit = 8
    static let maxCellWidth = 40
    /// Shown first when present, in this order: what a person recognises a Halo record by.
    static let leadingColumns = ["id", "name", "summary", "client_name", "status_id"]

    let rows: [Value]
    let columns: [String]
    let omitted: [String]

    /// The rows of a reply as the REPL shows them: the scalar fields every row has, `id` and
    /// `name`/`summary` first, so that a list of 400 records is 400 lines, not 12,000 of JSON.
    public static func commonFields(of rows: [Value]) -> TableText? {
        let objects = rows.compactMap { if case .object(let o) = $0 { o } else { nil } }
        guard !objects.isEmpty, objects.count == rows.count else { return nil }
        var common = objects[0].pairs.filter { if case .list = $0.1 { false } else if case .object = $0.1 { false } else { true } }.map(\.0)
        for object in objects.dropFirst() where !common.isEmpty {
            common = common.filter { key in
                switch object[key] {
                case nil, .list?, .object?: return false
                default: return true
                }
            }
        }
        guard !common.isEmpty else { return nil }
        let first = Self.leadingColumns.filter(common.contains)
        let ordered = first + common.filter { !first.contains($0) }
        return TableText(rows: rows, columns: Array(ordered.prefix(defaultColumnLimit)),
                         omitted: Array(ordered.dropFirst(defaultColumnLimit)))
    }

    private init(rows: [Value], columns: [String], omitted: [String]) {
        self.rows = rows
        self.columns = columns
        self.omitted = omitted
    }

    init(rows: [Value], columns: [String]?) {
        self.rows = rows
        if let columns {
            self.columns = columns
            self.omitted = []
            return
        }
        var seen = Set<String>(), scalar: [String] = []
        for case .object(let o) in rows {
            for (key, value) in o.pairs where seen.insert(key).inserted {
                switch value {
                case .list, .object: continue
                default: scalar.append(key)
                }
            }
        }
        let hasObjects = rows.contains { if case .object = $0 { true } else { false } }
        let all = hasObjects ? scalar : ["value"]
        self.columns = Array(all.prefix(Self.defaultColumnLimit))
        self.omitted = Array(all.dropFirst(Self.defaultColumnLimit))
    }

    public func render() -> String {
        guard !rows.isEmpty else { return "(no rows)" }
        let cells: [[Value?]] = rows.map { row in
            columns.map { column in
                if case .object(let o) = row { return o[column] }
                return column == "value" ? row : nil
            }
        }
        let texts = cells.map { $0.map(Self.cellText) }
        let widths = columns.indices.map { i in
            max(columns[i].count, texts.map { $0[i].count }.max() ?? 0)
        }
        // Numbers line up on the right, as in a spreadsheet.
        let numeric = columns.indices.map { i in
            cells.allSatisfy { row in
                switch row[i] {
                case .int?, .double?, .null?, nil: return true
                default: return false
                }
            }
        }
        func line(_ values: [String], alignRight: [Bool]) -> String {
            values.indices.map { i in
                let pad = String(repeating: " ", count: widths[i] - values[i].count)
                return alignRight[i] ? pad + values[i] : values[i] + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = [line(columns, alignRight: numeric),
                   widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += texts.map { line($0, alignRight: numeric) }
        var footer = "(\(rows.count) row\(rows.count == 1 ? "" : "s"))"
        if !omitted.isEmpty {
            footer += " \(omitted.count) more column\(omitted.count == 1 ? "" : "s"): "
                + omitted.prefix(6).joined(separator: ", ") + (omitted.count > 6 ? ", …" : "")
        }
        out.append(footer)
        return out.joined(separator: "\n")
    }

    /// Strings as they are, null and missing as blank, other values as compact JSON; one line, cut.
    static func cellText(_ value: Value?) -> String {
        guard let value, !value.isNull else { return "" }
        let text = value.display.replacing("\r\n", with: " ").replacing("\n", with: " ")
        return text.count > maxCellWidth ? String(text.prefix(maxCellWidth - 1)) + "…" : text
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
