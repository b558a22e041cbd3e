import HaloCore

/// Pretty JSON for the terminal: coloured, secrets masked, and cut after `maxLines` lines with a
/// count of what was left out. Counting the rest walks the value without building text, so a
/// 100,000-ticket reply costs a traversal, not a 1.5-million-line string.
struct ValueRenderer {
    let style: TextStyle
    let maxLines: Int
    let maxStringLength: Int
    private(set) var lines: [String] = []
    private var current = ""

    init(style: TextStyle, maxLines: Int, maxStringLength: Int) {
        self.style = style
        self.maxLines = max(1, maxLines)
        self.maxStringLength = maxStringLength
    }

    /// The lines to show, and a note when some were left out.
    static func render(_ value: Value, style: TextStyle, maxLines: Int, maxStringLength: Int) -> String {
        var renderer = ValueRenderer(style: style, maxLines: maxLines, maxStringLength: maxStringLength)
        renderer.write(value, indent: 0)
        renderer.endLine()
        let total = lineCount(value)
        var text = renderer.lines.prefix(renderer.maxLines).joined(separator: "\n")
        if total > renderer.maxLines {
            let left = total - renderer.maxLines
            text += "\n" + style.dim("… \(left) more line\(left == 1 ? "" : "s") not shown (print json(x, true) shows everything)")
        }
        return text
    }

    /// How many lines the pretty form of `value` takes.
    static func lineCount(_ value: Value) -> Int {
        switch value {
        case .list(let items) where !items.isEmpty: return items.reduce(2) { $0 + lineCount($1) }
        case .object(let o) where !o.isEmpty: return o.values.reduce(2) { $0 + lineCount($1) }
        default: return 1
        }
    }

    private var full: Bool { lines.count > maxLines }

    private mutating func append(_ text: String) { current += text }

    private mutating func endLine() {
        lines.append(current)
        current = ""
    }

    private mutating func write(_ value: Value, indent: Int, secret: Bool = false) {
        if full { return }
        switch value {
        case .null: append(style.literal("null"))
        case .bool(let b): append(style.literal(b ? "true" : "false"))
        case .int, .double: append(style.number(JSON.write(value)))
        case .string(let s): append(style.string(secret ? "\"***\"" : quoted(s)))
        case .function(let f): append(style.literal("<fn \(f.name)>"))
        case .list(let items):
            container("[", "]", items.count, indent) { renderer, i, inner in
                renderer.write(items[i], indent: inner)
            }
        case .object(let o):
            let keys = o.keys, values = o.values
            container("{", "}", keys.count, indent) { renderer, i, inner in
                renderer.append(renderer.style.key(JSON.write(.string(keys[i]))) + ": ")
                renderer.write(values[i], indent: inner, secret: SecretMasker.isSecretName(keys[i]))
            }
        }
    }

    private mutating func container(_ open: String, _ close: String, _ count: Int, _ indent: Int,
                                    _ element: (inout ValueRenderer, Int, Int) -> Void) {
        guard count > 0 else { return append(open + close) }
        append(open)
        let pad = String(repeating: "  ", count: indent + 1)
        for i in 0..<count {
            endLine()
            if full { return }
            append(pad)
            element(&self, i, indent + 1)
            if i < count - 1 { append(",") }
        }
        endLine()
        append(String(repeating: "  ", count: indent) + close)
    }

    /// A long string is cut, saying by how much.
    private func quoted(_ s: String) -> String {
        guard s.count > maxStringLength else { return JSON.write(.string(s)) }
        return JSON.write(.string(String(s.prefix(maxStringLength)))) + style.dim(" … \(s.count - maxStringLength) more characters")
    }
}
