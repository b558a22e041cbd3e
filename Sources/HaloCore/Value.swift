/// A runtime value. Lists and objects are Swift collections, so passing a value around is a
/// reference-count bump and a change copies only when the storage is shared (copy-on-write).
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([Value])
    case object(HaloObject)
    case function(Callable)
}

extension Value {
    /// The name `type(x)` returns and error messages use.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int, .double: "number"
        case .string: "string"
        case .list: "list"
        case .object: "object"
        case .function: "function"
        }
    }

    /// Truthiness: null, false, 0, "" and empty collections are false.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        case .string(let s): !s.isEmpty
        case .list(let l): !l.isEmpty
        case .object(let o): !o.isEmpty
        case .function: true
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A number as a Double, for arithmetic that mixes ints and doubles.
    public var numberValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// Normalises a double that holds a whole number back to an int, so `6 / 2` is `3`.
    public static func number(_ d: Double) -> Value {
        if d.rounded() == d, abs(d) < 9.0e15 { return .int(Int(d)) }
        return .double(d)
    }
}

extension Value: Equatable {
    /// Deep equality; `1 == 1.0` is true, functions are equal only to themselves.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.int, .double), (.double, .int), (.double, .double): lhs.numberValue == rhs.numberValue
        case (.string(let a), .string(let b)): a == b
        case (.list(let a), .list(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        case (.function(let a), .function(let b)): a === b
        default: false
        }
    }
}
