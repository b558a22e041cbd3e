import Foundation
import HaloCore

// Shared by every fuzz target (each is built as `FuzzSupport.swift` + one `*Target.swift`).

/// The input's bytes as the text `halo` would read from a file: invalid UTF-8 becomes U+FFFD.
func sourceText(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
}

/// The name fuzzed programs run under: a file in a fresh empty folder, so `import "./x"` (relative
/// to the importing file) finds nothing rather than whatever lies next to the fuzzer.
let fuzzFile: String = {
    var template = Array((NSTemporaryDirectory() + "/halo-fuzz-XXXXXX").utf8CString)
    guard let folder = mkdtemp(&template) else { fatalError("cannot make an empty folder to fuzz in") }
    return String(cString: folder) + "/fuzz.halo"
}()

/// Options for a fuzzed interpreter: no requests (no performer), output dropped, no module search path.
func fuzzOptions() -> InterpreterOptions {
    var options = InterpreterOptions()
    options.output = { _ in }
    return options
}

/// Parses (and resolves, or runs) `source` through `body`; a `ScriptError` is the clean outcome for
/// bad input, so its diagnostic is rendered too (the renderer reads the source back by position).
func expectingCleanErrors(_ interpreter: Interpreter, _ body: () throws -> Void) {
    do {
        try body()
    } catch let error as ScriptError {
        _ = DiagnosticRenderer.render(error, sources: interpreter.sources, color: true)
    } catch {
        // Not a ScriptError: still an error, not a crash; `halo` prints it as it is.
    }
}
