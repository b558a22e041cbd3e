import Foundation
import HaloCore

/// One run of a runbook (`halo FILE`, `halo -e CODE`, or a script on stdin), as plain values: what
/// `RunCommand` parses, and what `QuickArguments` parses without swift-argument-parser.
struct RunInvocation: Sendable {
    /// The .halo file to run; nil with `code` or for stdin.
    var file: String?
    /// `-e CODE`.
    var code: String?
    /// `--set name=value`, in order.
    var settings: [String] = []
    /// `--json`.
    var json = false
    var connection = ConnectionSettings()

    /// Runs and returns the exit code: 0 ok, 1 runtime error or `fail`, 2 usage or syntax, 3 assert.
    func execute() -> Int32 {
        let invocation = self
        return onLargeStack { invocation.executeOnThisThread() }
    }

    private func executeOnThisThread() -> Int32 {
        if code == nil, file == nil, settings.isEmpty, Terminal.stdinIsTerminal {
            return ReplSession.start(connection)
        }
        let source: String, name: String
        do {
            (source, name) = try readScript()
        } catch let error as ScriptError {
            // A file that is not UTF-8 has a position to show; an unreadable one does not.
            Terminal.writeError(error.location == nil ? "halo: " + error.message
                : DiagnosticRenderer.render(error, sources: SourceStore(), color: Terminal.colorOnStderr))
            return error.exitCode
        } catch {
            Terminal.writeError("halo: \(error)")
            return 2
        }
        let overrides: [String: Value]
        do {
            overrides = try Self.parseSettings(settings)
        } catch let error as ScriptError {
            Terminal.writeError("halo: " + error.message)
            return 2
        } catch {
            return 2
        }
        BatchInterrupt.install()
        guard let session = connection.openSessionOrReport(runbook: name) else { return 1 }
        defer { session.close() }
        let report = json ? JSONReport() : nil
        // Stdout is the JSON document: plan lines go to stderr and the plan into the document.
        if report != nil { session.performer.gate.output = Terminal.writeError }
        let output = report.map { report in { report.printed.append(.string($0)) } } ?? Terminal.writeOutput
        let interpreter = Interpreter(.forCommand(performer: session.performer, output: output))
        var status: Int32 = 0
        do {
            try interpreter.run(source: source, file: name, overrides: overrides)
        } catch let error as ScriptError {
            Terminal.writeError(interpreter.secrets.masked(
                DiagnosticRenderer.render(error, sources: interpreter.sources, color: Terminal.colorOnStderr)))
            report?.error = error
            status = error.exitCode
        } catch {
            Terminal.writeError("halo: \(error)")
            status = 1
        }
        let gate = session.performer.gate
        report?.plan = gate.plan.map { $0.json(target: session.performer.targetLabel ?? "") }
        report?.write(interpreter: interpreter, source: source, file: name)
        // The process exits after this run: releasing the interpreter would free, one allocation
        // at a time, every value its globals hold (a parsed 42 MB file is a million), only for the
        // exit to discard the memory anyway (issue 13). Nothing the run needs happens in a deinit.
        _ = Unmanaged.passRetained(interpreter)
        return status
    }

    private func readScript() throws -> (String, String) {
        if let code { return (code, "-e") }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ScriptError(.usage, "cannot read \(file): no such file or not readable")
            }
            return (try SourceText.decode(data, file: file), file)
        }
        if Terminal.stdinIsTerminal {
            throw ScriptError(.usage, "no runbook given: halo FILE.halo, halo -e 'code', or a script on stdin (see halo --help)")
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return (try SourceText.decode(data, file: "<stdin>"), "<stdin>")
    }

    /// `--set name=value`: JSON when the value parses as JSON, else the text itself.
    static func parseSettings(_ settings: [String]) throws -> [String: Value] {
        var result: [String: Value] = [:]
        for setting in settings {
            guard let eq = setting.firstIndex(of: "="), eq != setting.startIndex else {
                throw ScriptError(.usage, "--set expects name=value, got '\(setting)'")
            }
            let name = String(setting[..<eq]), text = String(setting[setting.index(after: eq)...])
            result[name] = (try? JSON.parse(text)) ?? .string(text)
        }
        return result
    }
}
