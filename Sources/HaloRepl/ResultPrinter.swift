import Foundation
import HaloCore

/// How the REPL shows what an entry produced: a summary line per request, then the value.
public struct ResultPrinter {
    public var style: TextStyle
    /// Longer values are cut, with a note of how many lines were left out.
    public var maxLines: Int
    public var maxStringLength = 500
    /// Reason phrases for status codes (`OK`, `Not Found`), from whoever knows HTTP.
    public var statusText: (Int) -> String

    public init(color: Bool, maxLines: Int = 60, statusText: @escaping (Int) -> String) {
        self.style = TextStyle(enabled: color)
        self.maxLines = maxLines
        self.statusText = statusText
    }

    /// A string with a line break (such as a `table(...)`) shows as text; a list of records, or a Halo
    /// list reply, as a table of the fields they share (`:json` shows the raw value); anything else as
    /// pretty JSON.
    public func render(_ value: Value) -> String {
        if case .string(let s) = value, s.contains("\n") { return s }
        if let table = Self.table(of: value) { return table }
        return renderJSON(value)
    }

    /// The value as pretty JSON, cut after `maxLines` lines (`:json`).
    public func renderJSON(_ value: Value) -> String {
        ValueRenderer.render(value, style: style, maxLines: maxLines, maxStringLength: maxStringLength)
    }

    /// Rows of a list (or of the list in `{"record_count": N, "clients": [...]}`), when they are records.
    static func table(of value: Value) -> String? {
        switch value {
        case .list(let rows): return TableText.commonFields(of: rows)?.render()
        case .object(let o):
            let lists = o.values.compactMap { if case .list(let rows) = $0 { rows } else { nil } }
            guard lists.count == 1, o.count <= 3, let rows = lists.first, !rows.isEmpty else { return nil }
            return TableText.commonFields(of: rows)?.render()
        default: return nil
        }
    }

    /// One line for the entry's requests: the last one's summary, with the count when there were more.
    public func summary(of records: [RequestRecord]) -> String? {
        guard let last = records.last else { return nil }
        let line = last.summary(statusText: statusText, style: style)
        return records.count == 1 ? line : style.dim("\(records.count) requests · last: ") + line
    }

    /// `name  type  preview` for `:vars`.
    public func variableLine(name: String, value: Value, nameWidth: Int) -> String {
        let padded = name.padding(toLength: max(nameWidth, name.count), withPad: " ", startingAt: 0)
        let type = value.typeName.padding(toLength: 8, withPad: " ", startingAt: 0)
        var preview: String
        switch value {
        case .list(let items): preview = "\(items.count) item\(items.count == 1 ? "" : "s")"
        case .object(let o): preview = "\(o.count) key\(o.count == 1 ? "" : "s"): " + o.keys.prefix(6).joined(separator: ", ") + (o.count > 6 ? ", …" : "")
        case .function(let f): preview = "fn \(f.name)"
        case .string where SecretMasker.isSecretName(name): preview = "\"***\""
        default: preview = JSON.write(value)
        }
        if preview.count > 70 { preview = String(preview.prefix(69)) + "…" }
        return "\(style.key(padded))  \(style.dim(type))  \(preview)"
    }
}
