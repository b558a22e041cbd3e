import Foundation
@testable import HaloCore

// MARK: - Language tests: running scripts (Lexer/Parser/Interpreter/Module/Diagnostics/RequestSyntax tests)

/// Collects the lines a script prints.
final class OutputLines {
    var lines: [String] = []
}

/// Makes an interpreter whose `print` output goes to `sink`.
func makeInterpreter(_ sink: OutputLines, searchPaths: [String] = [], performer: RequestPerformer? = nil,
                     maxCallDepth: Int = 200) -> Interpreter {
    var options = InterpreterOptions()
    options.output = { sink.lines.append($0) }
    options.searchPaths = searchPaths
    options.performer = performer
    options.maxCallDepth = maxCallDepth
    return Interpreter(options)
}

/// Runs `source` as the file `file` and returns the lines it printed.
func run(_ source: String, file: String = "test.halo", overrides: [String: Value] = [:],
         searchPaths: [String] = [], performer: RequestPerformer? = nil) throws -> [String] {
    let sink = OutputLines()
    try makeInterpreter(sink, searchPaths: searchPaths, performer: performer)
        .run(source: source, file: file, overrides: overrides)
    return sink.lines
}

/// The error running `source` throws, or nil when it runs to the end.
func runError(_ source: String, file: String = "test.halo", overrides: [String: Value] = [:],
              searchPaths: [String] = [], performer: RequestPerformer? = nil) -> ScriptError? {
    do {
        _ = try run(source, file: file, overrides: overrides, searchPaths: searchPaths, performer: performer)
        return nil
    } catch let error as ScriptError {
        return error
    } catch {
        return ScriptError(.runtime, "unexpected \(error)")
    }
}

/// `line:column: message` of an error, so one comparison checks both the position and the text.
func located(_ error: ScriptError?) -> String? {
    guard let error else { return nil }
    return "\(error.location?.line ?? 0):\(error.location?.column ?? 0): \(error.message)"
}

/// `line:column: message` of the error running `source` throws (syntax, resolve or runtime).
func errorAt(_ source: String) -> String? { located(runError(source)) }

/// `line:column: message` of the error lexing and parsing `source` throws, without resolving or running.
func syntaxError(_ source: String) -> String? {
    do {
        _ = try Parser.parse(source, file: "test.halo")
        return nil
    } catch let error as ScriptError {
        return located(error)
    } catch {
        return "unexpected \(error)"
    }
}

/// The exact value of a program's last expression, integer-ness included: `exact("6 / 2") == "int(3)"`.
func exact(_ source: String) throws -> String {
    String(describing: try makeInterpreter(OutputLines()).run(source: source, file: "test.halo") ?? .null)
}

/// What `halo` prints on stderr for the error running `source` throws.
func rendered(_ source: String, file: String = "test.halo", searchPaths: [String] = []) -> String? {
    let interpreter = makeInterpreter(OutputLines(), searchPaths: searchPaths)
    do {
        try interpreter.run(source: source, file: file)
        return nil
    } catch let error as ScriptError {
        return DiagnosticRenderer.render(error, sources: interpreter.sources)
    } catch {
        return "unexpected \(error)"
    }
}

/// The token kinds of `source`, end of input included.
func tokenKinds(_ source: String) throws -> [TokenKind] {
    try Lexer.tokenize(source, file: "test.halo").map(\.kind)
}

/// A private temporary directory holding `files` (relative path: contents), removed when released.
final class TemporaryFiles {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("halo-lang-\(UUID().uuidString)")
        for (name, contents) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func path(_ name: String) -> String { root.appendingPathComponent(name).path }
}

/// The core's request plug-in, recording what the script asks for and answering with a canned reply.
final class RecordingPerformer: RequestPerformer {
    var requests: [RequestSpec] = []
    var authentications: [Value?] = []
    var body: Value
    var status: Int

    init(body: Value = jsonValue(#"{"record_count": 2, "clients": [{"id": 1, "name": "Acme"}, {"id": 2, "name": "Beta"}]}"#),
         status: Int = 200) {
        self.body = body
        self.status = status
    }

    func authenticate(_ options: Value?) throws {
        authentications.append(options)
    }

    func perform(_ request: RequestSpec) throws -> RequestResult {
        requests.append(request)
        return RequestResult(status: status, body: body)
    }

    /// Each request as `METHOD [all ]path argument-json`.
    var log: [String] {
        requests.map { r in
            [r.method.rawValue, r.all ? "all" : nil, r.path, r.argument.map { JSON.write($0) }].compactMap { $0 }.joined(separator: " ")
        }
    }
}

/// A value written as JSON, for canned replies: `jsonValue("[1, 2]")`.
func jsonValue(_ text: String) -> Value {
    (try? JSON.parse(text)) ?? .string("unparseable test literal: \(text)")
}
