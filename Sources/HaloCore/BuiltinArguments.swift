/// The arguments of one built-in call, with typed accessors whose errors name the function:
/// `upper() expects a string, got number`, `split() expects a string as argument 2, got list`.
struct BuiltinArguments {
    let function: String
    let values: [Value]

    var count: Int { values.count }

    /// The argument at `i`; null past the end. The interpreter checks arity first, so that is only
    /// a guard against a miscounted range, never a crash.
    subscript(_ i: Int) -> Value { values.indices.contains(i) ? values[i] : .null }

    /// The argument at `i`, or nil when the call left it out (or passed null).
    func optional(_ i: Int) -> Value? {
        self[i].isNull ? nil : self[i]
    }

    func string(_ i: Int) throws -> String {
        if case .string(let s) = self[i] { return s }
        throw mismatch(i, expected: "a string")
    }

    func list(_ i: Int) throws -> [Value] {
        if case .list(let l) = self[i] { return l }
        throw mismatch(i, expected: "a list")
    }

    func object(_ i: Int) throws -> HaloObject {
        if case .object(let o) = self[i] { return o }
        throw mismatch(i, expected: "an object")
    }

    func number(_ i: Int) throws -> Double {
        if let d = self[i].numberValue { return d }
        throw mismatch(i, expected: "a number")
    }

    /// A whole number: an int, or a double with no fraction.
    func integer(_ i: Int) throws -> Int {
        switch self[i] {
        case .int(let n): return n
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: return Int(d)
        default: throw mismatch(i, expected: "a whole number")
        }
    }

    func function(_ i: Int) throws -> Value {
        if case .function = self[i] { return self[i] }
        throw mismatch(i, expected: "a function")
    }

    func mismatch(_ i: Int, expected: String) -> ScriptError {
        error("expects \(expected)\(i == 0 ? "" : " as argument \(i + 1)"), got \(self[i].typeName)")
    }

    /// An error whose message starts with the function's name: `name() <message>`.
    func error(_ message: String) -> ScriptError {
        .runtime("\(function)() \(message)")
    }
}

extension BuiltinFunction {
    /// A built-in whose body receives `BuiltinArguments`, so every type error names the function.
    static func define(_ name: String, _ arity: ClosedRange<Int>,
                       _ body: @escaping (BuiltinContext, BuiltinArguments) throws -> Value) -> BuiltinFunction {
        BuiltinFunction(name, arity: arity) { context, values in
            try body(context, BuiltinArguments(function: name, values: values))
        }
    }
}
