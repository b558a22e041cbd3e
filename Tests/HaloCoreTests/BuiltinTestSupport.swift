import Foundation
@testable import HaloCore

// Helpers for the JSON, ordering and built-in tests (shared with the language tests: `j`).

/// A value written as JSON, for short test literals: `j("[1, 2]")`.
func j(_ json: String) -> Value {
    do { return try JSON.parse(json) } catch { return .string("unparseable test literal: \(json)") }
}

/// The message of the ScriptError `body` throws, or nil when it does not throw one.
func errorMessage(_ body: () throws -> Value) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as ScriptError {
        return error.message
    } catch {
        return "unexpected \(error)"
    }
}

/// Stands in for the interpreter: calls built-ins (checking arity as the interpreter does),
/// collects output, and resolves paths inside a private temporary directory.
final class TestContext: BuiltinContext {
    let directory: URL
    var output: [String] = []
    let builtins = Dictionary(uniqueKeysWithValues: Builtins.all().map { ($0.name, $0) })

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("halo-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func call(_ function: Value, _ arguments: [Value]) throws -> Value {
        guard case .function(let callable) = function, let builtin = callable as? BuiltinFunction else {
            throw ScriptError.runtime("not a built-in: \(function.typeName)")
        }
        guard builtin.arity.contains(arguments.count) else {
            throw ScriptError.runtime("\(builtin.name)() takes \(builtin.arity) arguments")
        }
        return try builtin.body(self, arguments)
    }

    func writeOutput(_ text: String) { output.append(text) }

    func resolvePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : directory.appendingPathComponent(path).path
    }

    /// Calls the built-in `name`.
    func run(_ name: String, _ arguments: Value...) throws -> Value {
        try call(function(name), arguments)
    }

    /// The built-in `name` as a function value, to pass to `map`, `sort_by`, ...
    func function(_ name: String) -> Value {
        builtins[name].map { .function($0) } ?? .null
    }
}
