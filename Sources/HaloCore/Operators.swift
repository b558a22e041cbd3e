/// The arithmetic, comparison and membership operators. Integers stay integers where the result
/// is whole (`6 / 2` is `3`, `7 / 2` is `3.5`). A result past 64-bit integers or past the largest
/// double is a runtime error, never a silent change of value: ids must not lose digits, and an
/// infinity must not reach a request body as `null` (docs/LANGUAGE.md, "Numbers").
enum Operators {
    static func apply(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .add: return try add(a, b)
        case .subtract: return try arithmetic(op, a, b, { $0.subtractingReportingOverflow($1) }, -)
        case .multiply: return try arithmetic(op, a, b, { $0.multipliedReportingOverflow(by: $1) }, *)
        case .divide: return try divide(a, b)
        case .remainder: return try remainder(a, b)
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(try compareValues(a, b) < 0)
        case .lessEqual: return .bool(try compareValues(a, b) <= 0)
        case .greater: return .bool(try compareValues(a, b) > 0)
        case .greaterEqual: return .bool(try compareValues(a, b) >= 0)
        case .in: return .bool(try contains(b, a))
        }
    }

    static func add(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, overflow) = x.addingReportingOverflow(y)
            if overflow { throw integerOverflow(x, .add, y) }
            return .int(r)
        case (.string(let x), .string(let y)):
            try SizeLimits.checkString(bytes: x.utf8.count + y.utf8.count)
            return .string(x + y)
        case (.list(let x), .list(let y)):
            try SizeLimits.checkList(count: x.count + y.count)
            return .list(x + y)
        case (.object(var x), .object(let y)):
            for (k, v) in y.pairs { x[k] = v }
            return .object(x)
        default:
            if let x = a.numberValue, let y = b.numberValue { return try finite(x + y, a, .add, b) }
            if case .string = a {
                throw ScriptError.runtime("cannot add string and \(b.typeName): use str(x) or \"<<x>>\" to make text")
            }
            throw ScriptError.runtime("cannot add \(a.typeName) and \(b.typeName)")
        }
    }

    private static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value,
                                   _ ints: (Int, Int) -> (partialValue: Int, overflow: Bool),
                                   _ doubles: (Double, Double) -> Double) throws -> Value {
        if case .int(let x) = a, case .int(let y) = b {
            let (r, overflow) = ints(x, y)
            if overflow { throw integerOverflow(x, op, y) }
            return .int(r)
        }
        guard let x = a.numberValue, let y = b.numberValue else {
            throw ScriptError.runtime("'\(op.rawValue)' needs numbers, got \(a.typeName) and \(b.typeName)")
        }
        return try finite(doubles(x, y), a, op, b)
    }

    private static func divide(_ a: Value, _ b: Value) throws -> Value {
        guard let x = a.numberValue, let y = b.numberValue else {
            throw ScriptError.runtime("'/' needs numbers, got \(a.typeName) and \(b.typeName)")
        }
        if case .int(let i) = a, case .int(let j) = b {
            guard j != 0 else { throw ScriptError.runtime("division by zero") }
            // Before any `%`: Int.min % -1 traps in Swift.
            if j == -1 {
                guard i != Int.min else { throw integerOverflow(i, .divide, j) }
                return .int(-i)
            }
            if i % j == 0 { return .int(i / j) }
            return .double(x / y)
        }
        guard y != 0 else { throw ScriptError.runtime("division by zero") }
        return try finite(x / y, a, .divide, b)
    }

    private static func remainder(_ a: Value, _ b: Value) throws -> Value {
        if case .int(let i) = a, case .int(let j) = b {
            guard j != 0 else { throw ScriptError.runtime("modulo by zero") }
            // Any integer divides by -1 exactly; Swift's Int.min % -1 would trap.
            return j == -1 ? .int(0) : .int(i % j)
        }
        guard let x = a.numberValue, let y = b.numberValue else {
            throw ScriptError.runtime("'%' needs numbers, got \(a.typeName) and \(b.typeName)")
        }
        guard y != 0 else { throw ScriptError.runtime("modulo by zero") }
        return .double(x.truncatingRemainder(dividingBy: y))
    }

    static func negate(_ a: Value) throws -> Value {
        switch a {
        case .int(let i):
            guard i != Int.min else { throw integerOverflow("-(\(i))") }
            return .int(-i)
        case .double(let d): return .double(-d)
        default: throw ScriptError.runtime("cannot negate \(a.typeName)")
        }
    }

    /// Out of line, as are the other errors here: building the message inline would weigh on
    /// the closures that call the operators for ints (fib, loops).
    @inline(never)
    static func integerOverflow(_ x: Int, _ op: BinaryOperator, _ y: Int) -> ScriptError {
        integerOverflow("\(x) \(op.rawValue) \(y)")
    }

    /// The error for an integer result past 64 bits; `expression` shows the operation.
    @inline(never)
    static func integerOverflow(_ expression: String) -> ScriptError {
        ScriptError.runtime("integer overflow: \(expression) is outside the 64-bit range "
            + "(-9223372036854775808 to 9223372036854775807)")
    }

    /// A double result, unless it overflowed to an infinity (division by zero is caught earlier).
    @inline(__always)
    private static func finite(_ r: Double, _ a: Value, _ op: BinaryOperator, _ b: Value) throws -> Value {
        guard r.isFinite else { throw numberOverflow(a, op, b) }
        return .double(r)
    }

    @inline(never)
    private static func numberOverflow(_ a: Value, _ op: BinaryOperator, _ b: Value) -> ScriptError {
        ScriptError.runtime("number overflow: \(a.display) \(op.rawValue) \(b.display) "
            + "is past the largest number (about 1.8e308)")
    }

    /// `needle in haystack`: list membership, object keys, substrings.
    static func contains(_ haystack: Value, _ needle: Value) throws -> Bool {
        switch haystack {
        case .list(let items): return items.contains(needle)
        case .object(let o):
            guard case .string(let key) = needle else { return false }
            return o[key] != nil
        case .string(let s):
            guard case .string(let sub) = needle else {
                throw ScriptError.runtime("'in' with a string needs a string on the left, got \(needle.typeName)")
            }
            return sub.isEmpty || s.contains(sub)
        case .null: return false
        default: throw ScriptError.runtime("'in' needs a list, an object or a string on the right, got \(haystack.typeName)")
        }
    }
}
