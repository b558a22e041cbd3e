import HaloCore

/// `halo FILE --json`: the run as one JSON document, for piping into other tools. Output variables
/// are the names the runbook binds with `->` at its top level (its interface, as in Halo).
final class JSONReport {
    var printed: [Value] = []
    var error: ScriptError?
    /// Under `--plan`: the plan, as `--plan-json` writes it.
    var plan: Value?

    func write(interpreter: Interpreter, source: String, file: String) {
        let outline = try? RunbookOutline(source: source, file: file)
        let values = Dictionary(interpreter.globals.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        var outputs = HaloObject()
        for name in outline?.outputVariables ?? [] { outputs[name] = values[name] ?? .null }
        var params = HaloObject()
        for p in outline?.params ?? [] { params[p.name] = values[p.name] ?? .null }
        var document = HaloObject([("output_variables", .object(outputs)), ("params", .object(params)),
                                   ("printed", .list(printed))])
        if let plan { document["plan"] = plan }
        if let error {
            var e = HaloObject([("message", .string(error.message))])
            if let loc = error.location {
                e["file"] = .string(loc.file)
                e["line"] = .int(loc.line)
                e["column"] = .int(loc.column)
            }
            document["error"] = .object(e)
        }
        Terminal.writeOutput(interpreter.secrets.masked(JSON.write(.object(document), pretty: true)))
    }
}
