import ArgumentParser
import Foundation
import HaloCore

/// `halo describe FILE`: what a shared runbook needs and does, before anyone runs it.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Show a runbook's description, params, the endpoints it calls and whether it writes.")

    @Argument(help: "The .halo file to describe.")
    var file: String

    @Flag(help: "Print the description as JSON.")
    var json = false

    mutating func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        let outline: RunbookOutline
        do {
            outline = try RunbookOutline(source: try SourceText.decode(data, file: file), file: file,
                                         searchPaths: Installation.moduleSearchPaths)
        } catch let error as ScriptError {
            let sources = SourceStore()
            sources.add(String(decoding: data, as: UTF8.self), file: file)
            Terminal.writeError(DiagnosticRenderer.render(error, sources: sources, color: Terminal.colorOnStderr))
            throw ExitCode(2)
        }
        Terminal.writeOutput(json ? JSON.write(Self.value(of: outline), pretty: true) : Self.text(of: outline, file: file))
    }

    static func text(of outline: RunbookOutline, file: String) -> String {
        var lines = [file]
        if !outline.description.isEmpty { lines += [""] + outline.description.map { "  " + $0 } }
        lines.append("")
        lines.append("params:" + (outline.params.isEmpty ? " none" : ""))
        for p in outline.params {
            lines.append("  \(p.name)" + (p.defaultSource.map { " = \($0)" } ?? "   (required: --set \(p.name)=...)"))
        }
        lines.append("requests:" + (outline.requests.isEmpty ? " none" : ""))
        for r in unique(outline.requests) {
            let method = r.method + (r.all ? " all" : "")
            lines.append("  \(method.padding(toLength: 8, withPad: " ", startingAt: 0)) \(r.path)" + (r.module.map { "   (via \($0))" } ?? ""))
        }
        if !outline.outputVariables.isEmpty { lines.append("output variables: " + outline.outputVariables.joined(separator: ", ")) }
        if !outline.imports.isEmpty { lines.append("imports: " + outline.imports.joined(separator: ", ")) }
        lines.append("writes: " + (outline.writes ? "yes (POST/DELETE; see what would change with --plan first)" : "no (GET only)"))
        return lines.joined(separator: "\n")
    }

    static func value(of outline: RunbookOutline) -> Value {
        .object(HaloObject([
            ("description", .string(outline.description.joined(separator: "\n"))),
            ("params", .list(outline.params.map { p in
                .object(HaloObject([("name", .string(p.name)), ("default", p.defaultSource.map(Value.string) ?? .null)]))
            })),
            ("requests", .list(unique(outline.requests).map { r in
                .object(HaloObject([("method", .string(r.method)), ("all", .bool(r.all)), ("path", .string(r.path)),
                                    ("module", r.module.map(Value.string) ?? .null)]))
            })),
            ("output_variables", .list(outline.outputVariables.map(Value.string))),
            ("imports", .list(outline.imports.map(Value.string))),
            ("writes", .bool(outline.writes)),
        ]))
    }

    private static func unique(_ requests: [RunbookOutline.Request]) -> [RunbookOutline.Request] {
        var seen = Set<RunbookOutline.Request>()
        return requests.filter { seen.insert($0).inserted }
    }
}
