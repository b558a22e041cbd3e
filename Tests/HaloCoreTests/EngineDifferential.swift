import Foundation
@testable import HaloCore

/// Runs one program in-process and records everything a user could see of the run, so that it can
/// be compared field by field with what the closure-tree engine did (EngineDifferentialTests).
struct EngineRun: Equatable, Sendable, Codable {
    /// The lines the program printed, in order.
    var output: [String]
    /// The value of the last expression statement (what the REPL shows), exactly: `int(3)` is not `double(3.0)`.
    var value: String?
    /// The error that ended the run: its kind, message, position and notes, the `catch` object's
    /// extra fields, and the whole diagnostic as `halo` prints it. nil when the run ended cleanly.
    var error: String?
    /// The exit code `halo` would give the run.
    var exitCode: Int32
    /// How many asserts held.
    var assertionsPassed: Int
    /// In test mode, every assert checked: where, what, and how it failed.
    var assertions: [String] = []

    /// The first difference between two runs in every field, described for a failure message;
    /// empty when the runs are identical.
    static func differences(_ tree: EngineRun, _ vm: EngineRun, names: (String, String) = ("recorded", "vm")) -> [String] {
        let (a, b) = names
        // Aligned labels, whatever the names.
        let width = max(a.count, b.count) + 1
        let left = (a + ":").padding(toLength: width, withPad: " ", startingAt: 0)
        let right = (b + ":").padding(toLength: width, withPad: " ", startingAt: 0)
        var found: [String] = []
        if tree.output != vm.output {
            let first = zip(tree.output, vm.output).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(tree.output.count, vm.output.count)
            found.append("""
                output differs from line \(first + 1) (\(a) printed \(tree.output.count) lines, \(b) \(vm.output.count))
                  \(left) \(tree.output.dropFirst(first).first ?? "<no line>")
                  \(right) \(vm.output.dropFirst(first).first ?? "<no line>")
                """)
        }
        if tree.value != vm.value {
            found.append("last value differs\n  \(left) \(tree.value ?? "<none>")\n  \(right) \(vm.value ?? "<none>")")
        }
        if tree.error != vm.error {
            found.append("error differs\n  \(left) \(tree.error ?? "<none>")\n  \(right) \(vm.error ?? "<none>")")
        }
        if tree.exitCode != vm.exitCode { found.append("exit code differs: \(a) \(tree.exitCode), \(b) \(vm.exitCode)") }
        if tree.assertionsPassed != vm.assertionsPassed {
            found.append("asserts passed differ: \(a) \(tree.assertionsPassed), \(b) \(vm.assertionsPassed)")
        }
        if tree.assertions != vm.assertions {
            found.append("asserts checked differ\n  \(left) \(tree.assertions)\n  \(right) \(vm.assertions)")
        }
        return found
    }
}

enum EngineDifferential {
    /// Most loop iterations plus calls one program may make: generated programs are bounded by
    /// construction, so this only guards against a generator bug.
    static let stepBudget = 5_000
    static let maxCallDepth = 200

    /// `source` run as `file`: a fresh interpreter, a request performer that answers
    /// each request with its own argument, built-ins that would leave the process replaced by
    /// stand-ins (a fixed clock; files, environment and sleep refused), a step budget.
    static func run(_ source: String, file: String, testMode: Bool = false) -> EngineRun {
        let sink = Lines()
        var options = InterpreterOptions()
        options.output = { sink.lines.append($0) }
        options.maxCallDepth = maxCallDepth
        options.stepBudget = stepBudget
        options.performer = Echo()
        options.extraBuiltins = contained
        options.continueAfterFailedAssert = testMode
        let interpreter = Interpreter(options)
        var result = outcome(interpreter, source: source, file: file)
        result.output = sink.lines
        result.assertions = interpreter.assertionResults.map { a in
            "\(a.location.file):\(a.location.line):\(a.location.column) \(a.source): "
                + (a.failure.map { "\($0.message) \($0.notes)" } ?? "held")
        }
        return result
    }

    private static func outcome(_ interpreter: Interpreter, source: String, file: String) -> EngineRun {
        do {
            let value = try interpreter.run(source: source, file: file)
            return EngineRun(output: [], value: value.map { String(describing: $0) }, error: nil,
                             exitCode: 0, assertionsPassed: interpreter.assertionsPassed)
        } catch let error as ScriptError {
            let location = error.location.map { "\($0.file):\($0.line):\($0.column)" } ?? "<no location>"
            let description = """
                \(error.kind) at \(location): \(error.message)
                notes: \(error.notes)
                fields: \(JSON.write(.object(error.fields)))
                \(DiagnosticRenderer.render(error, sources: interpreter.sources))
                """
            return EngineRun(output: [], value: nil, error: description, exitCode: error.exitCode,
                             assertionsPassed: interpreter.assertionsPassed)
        } catch {
            return EngineRun(output: [], value: nil, error: "not a ScriptError: \(error)", exitCode: -1,
                             assertionsPassed: interpreter.assertionsPassed)
        }
    }

    /// A report naming `label` (how to reproduce: the seed) and showing the numbered program, or
    /// nil when there is no difference.
    static func report(_ differences: [String], source: String, label: String) -> String? {
        guard !differences.isEmpty else { return nil }
        let numbered = source.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { String(format: "%3d | ", $0.offset + 1) + $0.element }.joined(separator: "\n")
        return """
            the run differs on \(label)
            \(differences.joined(separator: "\n"))
            program:
            \(numbered)
            """
    }

    /// Runs `body` on a thread with a 512 MB stack, as `halo` does, so that the deepest recursion
    /// a program may reach (`maxCallDepth`) never depends on the test runner's stack size.
    static func onLargeStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = 512 << 20
        thread.start()
        done.wait()
        return box.value!
    }

    private final class ResultBox<T>: @unchecked Sendable { var value: T? }

    private final class Lines { var lines: [String] = [] }

    /// Answers every request at once with its own argument; `auth` succeeds. One request at a time,
    /// so `pmap` runs its items in order and what they print cannot interleave differently.
    private final class Echo: RequestPerformer {
        func authenticate(_ options: Value?) throws {}
        func perform(_ request: RequestSpec) throws -> RequestResult {
            if request.path.hasSuffix("/404") {
                throw ScriptError(.runtime, "\(request.method.rawValue) \(request.path): 404 Not Found",
                                  fields: HaloObject([("status", .int(404))]))
            }
            return RequestResult(status: 200, body: request.argument ?? .null)
        }
    }

    /// The built-ins that reach outside the process or the clock, replaced as in the fuzz targets.
    private static let contained: [BuiltinFunction] = {
        let refuse: (BuiltinContext, [Value]) throws -> Value = { _, _ in throw ScriptError.runtime("not in a differential test") }
        let refused = [("read_file", 1...1), ("write_file", 2...2), ("read_csv", 1...1), ("write_csv", 2...3),
                       ("env", 1...2), ("sleep", 1...1), ("random", 0...1)]
        return refused.map { BuiltinFunction($0.0, arity: $0.1, refuse) } + [
            BuiltinFunction("now", arity: 0...0) { _, _ in .string("2026-01-01T00:00:00Z") },
            BuiltinFunction("today", arity: 0...0) { _, _ in .string("2026-01-01") },
            BuiltinFunction("time", arity: 0...0) { _, _ in .double(1_767_225_600) },
        ]
    }()
}
