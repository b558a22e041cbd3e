import HaloCore

/// libFuzzer entry: arbitrary bytes through the lexer, parser and resolver, as `halo check` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func parseTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let interpreter = Interpreter(fuzzOptions())
    expectingCleanErrors(interpreter) {
        try interpreter.check(source: sourceText(data, size), file: fuzzFile)
    }
    return 0
}
