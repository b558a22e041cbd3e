/// Conversions and questions about any value.
extension Builtins {
    static var core: [BuiltinFunction] {
        [
            .define("len", 1...1) { _, args in
                switch args[0] {
                case .string(let s): .int(s.characterCount)
                case .list(let l): .int(l.count)
                case .object(let o): .int(o.count)
                default: throw args.mismatch(0, expected: "a string, list or object")
                }
            },
            .define("type", 1...1) { _, args in .string(args[0].typeName) },
            .define("str", 1...1) { _, args in .string(args[0].display) },
            .define("bool", 1...1) { _, args in .bool(args[0].isTruthy) },
            .define("num", 1...1) { _, args in try toNumber(args) },
            .define("int", 1...1) { _, args in
                let number = try toNumber(args)
                if case .int = number { return number }
                let d = number.numberValue ?? 0
                guard d.isFinite, abs(d) < 9.2e18 else {
                    throw args.error("cannot convert \(args[0].display) to a whole number")
                }
                return .int(Int(d))
            },
        ]
    }

    /// A number from a number, a bool (0 or 1) or a string holding a decimal number.
    private static func toNumber(_ args: BuiltinArguments) throws -> Value {
        switch args[0] {
        case .int, .double: return args[0]
        case .bool(let b): return .int(b ? 1 : 0)
        case .string(let text):
            let s = text.trimmed()
            if let i = Int(s) { return .int(i) }
            if !s.isEmpty, s.utf8.dropFirst(s.first == "-" || s.first == "+" ? 1 : 0).allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) {
                // Whole digits past 64 bits: a double would silently drop the last ones.
                throw args.error("\"\(text)\" is outside the 64-bit integer range")
            }
            let isDecimal = !s.isEmpty && s.utf8.allSatisfy { "0123456789+-.eE".utf8.contains($0) }
            if isDecimal, let d = Double(s), d.isFinite { return .double(d) }
            throw args.error("cannot convert \"\(text)\" to a number")
        default:
            throw args.mismatch(0, expected: "a number, string or bool")
        }
    }
}
