import Foundation
import HaloCore
import Testing
@testable import HaloRepl

/// Answers every request with two clients, and counts the auth calls.
private final class FakePerformer: RequestPerformer {
    var auths: [Value?] = []
    func authenticate(_ options: Value?) throws { auths.append(options) }
    func perform(_ request: RequestSpec) throws -> RequestResult {
        if request.path == "/api/missing" { throw ScriptError.runtime("GET /api/missing: 404 Not Found") }
        return RequestResult(status: 200, body: try JSON.parse(#"{"record_count": 2, "clients": [{"id": 1, "name": "Acme"}, {"id": 2, "name": "Globex"}]}"#))
    }
}

private final class Transcript {
    var out: [String] = []
    var err: [String] = []
}

private func makeRepl(sandbox: Bool = true) -> (Repl, Transcript) {
    let transcript = Transcript()
    var options = InterpreterOptions()
    options.performer = FakePerformer()
    options.output = { transcript.out.append($0) }
    let settings = Repl.Settings(color: false, errorColor: false, sandbox: sandbox,
                                 connectionName: ConnectionLabel.defaultName(sandbox: sandbox, environment: [:]))
    let repl = Repl(interpreter: Interpreter(options), settings: settings, history: nil, statusText: { $0 == 200 ? "OK" : "?" },
                    output: { transcript.out.append($0) }, errorOutput: { transcript.err.append($0) })
    return (repl, transcript)
}

@Test func promptShowsTheConnection() {
    let (repl, _) = makeRepl()
    #expect(repl.prompt == "halo> ")
    repl.handle("auth")
    #expect(repl.prompt == "sandbox> ")
    repl.handle("auth {url: \"https://acme.halopsa.com\", client_id: \"i\", client_secret: \"s\"}")
    #expect(repl.prompt == "acme> ")
    repl.handle("x = [1,")
    #expect(repl.prompt == "... ")
}

@Test func aRequestShowsItsSummaryThenItsRecordsAsATable() {
    let (repl, transcript) = makeRepl()
    repl.handle("get /api/client")
    #expect(transcript.out.first?.hasPrefix("200 OK · 2 clients · ") == true)
    #expect(transcript.out.first?.hasSuffix(" ms") == true)
    #expect(transcript.out.last == "id  name\n--  ------\n 1  Acme\n 2  Globex\n(2 rows)")
    transcript.out = []
    repl.handle(":json")
    #expect(transcript.out.last?.hasPrefix("{\n  \"record_count\": 2,\n  \"clients\": [") == true)
    transcript.out = []
    repl.handle("response^clients^name")
    #expect(transcript.out == ["[\n  \"Acme\",\n  \"Globex\"\n]"])
    #expect(repl.completionState.variables.contains { $0.name == "response" })
}

@Test func oneRecordIsCountedInTheSingular() {
    let record = RequestRecord(method: .get, path: "/api/client", status: 200,
                               body: try! JSON.parse(#"{"record_count": 1, "clients": [{"id": 1}]}"#), milliseconds: 3)
    #expect(record.countText == "1 client")
    #expect(RequestRecord.singular("priorities") == "priority")
    #expect(RequestRecord.singular("statuses") == "status")
    #expect(RequestRecord.singular("status") == "status")
}

@Test func aMistypedKeyIsNullWithADidYouMeanNote() {
    let (repl, transcript) = makeRepl()
    repl.handle("get /api/client")
    transcript.out = []
    repl.handle("response^clinets")
    #expect(transcript.out == ["null", "note: no key 'clinets' (null, as in Halo); did you mean 'clients'?"])
    transcript.out = []
    repl.handle("response^zzz")
    #expect(transcript.out == ["null"])
}

@Test func saveAndLoadCompleteFileNames() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("halo-complete-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory.appendingPathComponent("runbooks"), withIntermediateDirectories: true)
    try "".write(to: directory.appendingPathComponent("runbooks/close-stale.halo"), atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: directory) }
    let state = CompletionState(variables: [], builtins: [])
    func complete(_ line: String) -> [Completion] { Completer.complete(line, state: state, directory: directory.path) }
    #expect(complete(":load run") == [Completion("runbooks", suffix: "/")])
    #expect(complete(":save runbooks/clo") == [Completion("runbooks/close-stale.halo", suffix: " ")])
    // `-` ends a word for libedit, so the candidate is what follows it.
    #expect(complete(":load runbooks/close-st") == [Completion("stale.halo", suffix: " ")])
}

@Test func errorsShowCaretsAndTheSessionGoesOn() {
    let (repl, transcript) = makeRepl()
    #expect(repl.handle("x = 1 +* 2"))
    #expect(transcript.err.first?.hasPrefix("<repl-1>:1:8: error:") == true)
    #expect(transcript.err.first?.contains("^") == true)
    repl.handle("get /api/missing")
    #expect(transcript.err.last?.contains("404 Not Found") == true)
    repl.handle("y = 2")
    repl.handle("y * 21")
    #expect(transcript.out.last == "42")
    #expect(repl.recorder.entries == ["y = 2", "print y * 21"])
}

@Test func metaCommandsListVariablesSaveAndQuit() throws {
    let (repl, transcript) = makeRepl()
    repl.handle("clients = get /api/client -> total = response^record_count")
    repl.handle(":vars")
    #expect(transcript.out.contains { $0.hasPrefix("clients ") && $0.contains("object") })
    #expect(transcript.out.contains { $0.hasPrefix("total ") && $0.contains("number") && $0.hasSuffix("2") })
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("halo-save-\(UUID().uuidString).halo").path
    repl.handle(":save \(file)")
    #expect(transcript.out.last == "saved 1 entry to \(file); run it with: halo --sandbox \(file)")
    #expect(try String(contentsOfFile: file, encoding: .utf8).hasSuffix("clients = get /api/client -> total = response^record_count\n"))
    repl.handle(":nope")
    #expect(transcript.err.last == "unknown command :nope (try :help)")
    repl.handle(":help")
    #expect(transcript.out.last?.contains("table") == true)
    #expect(repl.handle(":quit") == false)
}

@Test func longValuesAreCutWithANote() {
    let printer = ResultPrinter(color: false, maxLines: 5, statusText: { _ in "" })
    let text = printer.render(.list((1...100).map(Value.int)))
    #expect(text == "[\n  1,\n  2,\n  3,\n  4,\n… 97 more lines not shown (print json(x, true) shows everything)")
    #expect(printer.render(.object(HaloObject([("client_secret", .string("s3cr3t"))]))) == "{\n  \"client_secret\": \"***\"\n}")
    #expect(ResultPrinter(color: true, statusText: { _ in "" }).render(.int(7)) == "\u{1B}[33m7\u{1B}[0m")
}
