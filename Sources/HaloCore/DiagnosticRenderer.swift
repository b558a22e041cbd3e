/// Formats errors as `file:line:col: error: message`, the source line, and a caret under the spot.
public enum DiagnosticRenderer {
    public static func render(_ error: ScriptError, sources: SourceStore, color: Bool = false) -> String {
        let label = switch error.kind {
        case .assertion: "assertion failed"
        default: "error"
        }
        let red = color ? "\u{1B}[1;31m" : "", bold = color ? "\u{1B}[1m" : "", reset = color ? "\u{1B}[0m" : ""
        guard let loc = error.location else {
            return (["\(red)\(label):\(reset) \(bold)\(error.message)\(reset)"] + error.notes.map { "  " + $0 })
                .joined(separator: "\n")
        }
        var out = ["\(bold)\(loc.file):\(loc.line):\(loc.column):\(reset) \(red)\(label):\(reset) \(bold)\(error.message)\(reset)"]
        if let text = sources.line(loc.line, of: loc.file) {
            let gutter = String(loc.line)
            let pad = String(repeating: " ", count: gutter.count)
            // Tabs stay tabs under the caret so it lines up in any terminal.
            let prefix = text.prefix(max(0, loc.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            // A literal secret on the line (`client_secret: "..."`) is masked, not shown.
            out.append(" \(gutter) | \(SecretMasker.masked(text))")
            out.append(" \(pad) | \(prefix)\(red)^\(reset)")
        }
        out += error.notes.map { "  " + $0 }
        return out.joined(separator: "\n")
    }
}
