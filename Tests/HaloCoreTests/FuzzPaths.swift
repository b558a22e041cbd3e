import Foundation
import HaloCore

/// The code paths the fuzz targets (fuzz/*Target.swift) drive, shared with the tests that replay
/// the inputs they crashed on (FuzzRegressionTests.swift): scripts/fuzz compiles this file into
/// every target, so a saved input goes through exactly the code that crashed.
enum FuzzPaths {
    /// How a path ended: nil when the input went through cleanly, else the error it reported.
    typealias Outcome = (any Error)?

    /// Lexer, parser and resolver on the bytes read as a file, as `halo check` does.
    static func check(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        let interpreter = Interpreter(options())
        return rendering(interpreter) { try interpreter.check(source: text(bytes), file: file) }
    }

    /// The bytes parsed and run: requests answered by `Echo` (no network), a step budget, and
    /// the built-ins that reach outside the process replaced by `contained`.
    static func run(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        var options = options()
        options.stepBudget = 10_000
        options.extraBuiltins = contained
        options.performer = Echo()
        let interpreter = Interpreter(options)
        return rendering(interpreter) { try interpreter.run(source: text(bytes), file: file) }
    }

    /// Whatever the JSON parser accepts must survive a round trip: written (compact and pretty) and
    /// parsed again, it is the same value. Returns what went wrong, or nil.
    static func jsonRoundTrip(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard let value = try? JSON.parse(bytes) else { return nil }
        for pretty in [false, true] {
            let written = JSON.write(value, pretty: pretty)
            guard let again = try? JSON.parse(written) else { return "the writer's output does not parse: \(written)" }
            guard identical(value, again) else { return "the round trip changed the value: \(written)" }
        }
        return nil
    }

    /// Stricter than `==`, which makes `1 == 1.0`: the same cases, the same keys in the same order.
    static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.double(let x), .double(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.list(let x), .list(let y)): x.count == y.count && zip(x, y).allSatisfy(identical)
        case (.object(let x), .object(let y)): x.keys == y.keys && zip(x.values, y.values).allSatisfy(identical)
        default: false
        }
    }

    /// The bytes as the text `halo` would read from a file: invalid UTF-8 becomes U+FFFD.
    private static func text(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The name fuzzed programs run under: a file in a fresh empty folder, so `import "./x"`
    /// (relative to the importing file) finds nothing rather than whatever lies next to the fuzzer.
    private static let file: String = {
        var template = Array((NSTemporaryDirectory() + "/halo-fuzz-XXXXXX").utf8CString)
        guard let folder = mkdtemp(&template) else { fatalError("cannot make an empty folder to fuzz in") }
        return String(cString: folder) + "/fuzz.halo"
    }()

    /// Answers every request at once with its own argument (or null), so that request paths are
    /// built and encoded and replies stored, without a network; `auth` always succeeds.
    private final class Echo: RequestPerformer {
        func authenticate(_ options: Value?) throws {}
        func perform(_ request: RequestSpec) throws -> RequestResult {
            RequestResult(status: 200, body: request.argument ?? .null)
        }
    }

    /// No performer, output dropped, no module search path; 200 nested calls fit an 8 MB stack
    /// even unoptimised (the tests' default).
    private static func options() -> InterpreterOptions {
        var options = InterpreterOptions()
        options.output = { _ in }
        options.maxCallDepth = 200
        return options
    }

    /// Runs `body`; a `ScriptError` is the clean outcome for bad input, so its diagnostic is
    /// rendered too (the renderer reads the source back by position).
    private static func rendering(_ interpreter: Interpreter, _ body: () throws -> Void) -> Outcome {
        do {
            try body()
            return nil
        } catch let error as ScriptError {
            _ = DiagnosticRenderer.render(error, sources: interpreter.sources, color: true)
            return error
        } catch {
            return error
        }
    }

    /// Stand-ins, of the same arity, for the built-ins that touch files, the environment or the
    /// clock, or that wait: a fuzzed program must neither write files nor sleep, and the clock
    /// would make runs differ. (`extraBuiltins` replace the built-ins of the same name.)
    private static let contained: [BuiltinFunction] = {
        let refuse: (BuiltinContext, [Value]) throws -> Value = { _, _ in throw ScriptError.runtime("not while fuzzing") }
        let refused = [("read_file", 1...1), ("write_file", 2...2), ("read_csv", 1...1), ("write_csv", 2...3),
                       ("env", 1...2), ("sleep", 1...1)]
        return refused.map { BuiltinFunction($0.0, arity: $0.1, refuse) } + [
            BuiltinFunction("now", arity: 0...0) { _, _ in .string("2026-01-01T00:00:00Z") },
            BuiltinFunction("today", arity: 0...0) { _, _ in .string("2026-01-01") },
            BuiltinFunction("time", arity: 0...0) { _, _ in .double(1_767_225_600) },
        ]
    }()
}
