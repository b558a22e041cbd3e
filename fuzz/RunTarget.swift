import HaloCore

/// libFuzzer entry: arbitrary bytes parsed and, when they make a program, run with a step budget,
/// no performer (requests are errors) and the built-ins that reach outside the process replaced.
@_cdecl("LLVMFuzzerTestOneInput")
public func runTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var options = fuzzOptions()
    options.stepBudget = 10_000
    options.extraBuiltins = contained
    let interpreter = Interpreter(options)
    expectingCleanErrors(interpreter) {
        try interpreter.run(source: sourceText(data, size), file: fuzzFile)
    }
    return 0
}

/// Built-ins that touch files, the environment or the clock, or that wait, stand-ins with the same
/// arity: a fuzzed program must neither write files nor sleep, and the clock would make runs differ.
/// (`extraBuiltins` replace the built-ins of the same name.)
let contained: [BuiltinFunction] = {
    let refuse: (BuiltinContext, [Value]) throws -> Value = { _, _ in throw ScriptError.runtime("not while fuzzing") }
    let refused = [("read_file", 1...1), ("write_file", 2...2), ("read_csv", 1...1), ("write_csv", 2...3),
                   ("env", 1...2), ("sleep", 1...1)]
    return refused.map { BuiltinFunction($0.0, arity: $0.1, refuse) } + [
        BuiltinFunction("now", arity: 0...0) { _, _ in .string("2026-01-01T00:00:00Z") },
        BuiltinFunction("today", arity: 0...0) { _, _ in .string("2026-01-01") },
        BuiltinFunction("time", arity: 0...0) { _, _ in .double(1_767_225_600) },
    ]
}()
