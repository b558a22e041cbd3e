import Foundation
import HaloCore

/// The outcome of running one `.halo` file as a test.
struct TestFileResult: Sendable {
    let file: String
    /// Every assert checked, with the rendered diagnostic of those that failed.
    let asserts: [(source: String, line: Int, failure: String?)]
    /// A runtime, syntax or usage error that ended the file early, rendered.
    let error: String?
    /// What the file printed (shown when it fails).
    let output: [String]
    let seconds: Double

    var failedAsserts: Int { asserts.filter { $0.failure != nil }.count }
    var passedAsserts: Int { asserts.count - failedAsserts }
    var passed: Bool { error == nil && failedAsserts == 0 }

    /// Runs `file` in a fresh interpreter and connection: nothing leaks from one test file to the next.
    static func run(_ file: String, connection: ConnectionSettings) -> TestFileResult {
        let start = Date()
        final class Lines: @unchecked Sendable { var items: [String] = [] }
        let printed = Lines()
        func finish(_ asserts: [(String, Int, String?)], _ error: String?) -> TestFileResult {
            TestFileResult(file: file, asserts: asserts, error: error, output: printed.items,
                           seconds: Date().timeIntervalSince(start))
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            return finish([], "halo: cannot read \(file)")
        }
        let session: ConnectionSession
        do {
            session = try connection.openSession(runbook: file)
        } catch {
            return finish([], "halo: \(error)")
        }
        defer { session.close() }
        var options = InterpreterOptions.forCommand(performer: session.performer) { printed.items.append($0) }
        options.continueAfterFailedAssert = true
        let interpreter = Interpreter(options)
        var error: String? = nil
        do {
            try interpreter.run(source: try SourceText.decode(data, file: file), file: file)
        } catch let failure as ScriptError {
            error = interpreter.secrets.masked(DiagnosticRenderer.render(failure, sources: interpreter.sources))
        } catch {
            return finish([], "halo: \(error)")
        }
        let asserts = interpreter.assertionResults.map { result in
            (result.source, result.location.line,
             result.failure.map { interpreter.secrets.masked(DiagnosticRenderer.render($0, sources: interpreter.sources)) })
        }
        return finish(asserts, error)
    }
}
