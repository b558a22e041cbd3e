import Foundation

/// Numeric functions. Results that are whole numbers come back as ints (`round(2.6)` is `3`),
/// like the language's own arithmetic (`Value.number`).
extension Builtins {
    static var math: [BuiltinFunction] {
        [
            .define("sum", 1...1) { _, args in try sum(args) },
            .define("min", 1...Int.max) { _, args in try extreme(args) { $0 < 0 } },
            .define("max", 1...Int.max) { _, args in try extreme(args) { $0 > 0 } },
            .define("abs", 1...1) { _, args in
                if case .int(let i) = args[0] {
                    guard i != Int.min else { throw Operators.integerOverflow("abs(\(i))") }
                    return .int(abs(i))
                }
                return .double(abs(try args.number(0)))
            },
            .define("round", 1...2) { _, args in
                let x = try args.number(0)
                let digits = args.optional(1) == nil ? 0 : try args.integer(1)
                guard (-15...15).contains(digits) else { throw args.error("digits must be between -15 and 15") }
                let scale = pow(10, Double(digits))
                // A number too large to scale has no digits left to round at that place.
                guard (x * scale).isFinite else { return .number(x) }
                return .number((x * scale).rounded(.toNearestOrAwayFromZero) / scale)
            },
            .define("floor", 1...1) { _, args in .number(try args.number(0).rounded(.down)) },
            .define("ceil", 1...1) { _, args in .number(try args.number(0).rounded(.up)) },
            .define("sqrt", 1...1) { _, args in
                let x = try args.number(0)
                guard x >= 0 else { throw args.error("cannot take the square root of a negative number") }
                return .number(x.squareRoot())
            },
            .define("random", 0...1) { _, args in
                guard args.optional(0) != nil else { return .double(Double.random(in: 0..<1)) }
                let n = try args.integer(0)
                guard n > 0 else { throw args.error("expects a positive whole number, got \(n)") }
                return .int(Int.random(in: 0..<n))
            },
        ]
    }

    /// Adds as `+` does: ints stay ints, any double makes the sum a double, overflow is an error.
    private static func sum(_ args: BuiltinArguments) throws -> Value {
        var total: Value = .int(0)
        for (i, element) in try args.list(0).enumerated() {
            // Ints in place first: `Operators.add` switches on a pair, which costs a copy per element.
            if case .int(let a) = total, case .int(let b) = element {
                let (sum, overflow) = a.addingReportingOverflow(b)
                if !overflow {
                    total = .int(sum)
                    continue
                }
            }
            switch element {
            case .int, .double: total = try Operators.add(total, element)
            default: throw args.error("expects a list of numbers, got \(element.typeName) at index \(i)")
            }
        }
        return total
    }

    /// `min(list)` or `min(a, b, ...)`: the element that `better(compareValues(candidate, best))` prefers.
    private static func extreme(_ args: BuiltinArguments, better: (Int) -> Bool) throws -> Value {
        let candidates = args.count == 1 ? try args.list(0) : args.values
        guard var best = candidates.first else { throw args.error("of an empty list") }
        for candidate in candidates.dropFirst() where better(try compareValues(candidate, best)) {
            best = candidate
        }
        return best
    }
}
