/// String functions. Lengths and positions count characters, as `len` does.
extension Builtins {
    /// Widths beyond this are a mistake, not a table layout; refusing them avoids huge allocations.
    static let maximumPadWidth = 100_000

    static var text: [BuiltinFunction] {
        [
            .define("upper", 1...1) { _, args in .string(try args.string(0).uppercased()) },
            .define("lower", 1...1) { _, args in .string(try args.string(0).lowercased()) },
            .define("trim", 1...1) { _, args in .string(try args.string(0).trimmed()) },
            .define("split", 1...2) { _, args in
                let text = try args.string(0)
                guard args.optional(1) != nil else {
                    return .list(text.split(whereSeparator: \.isWhitespace).map { .string(String($0)) })
                }
                let separator = try args.string(1)
                if separator.isEmpty { return .list(text.map { .string(String($0)) }) }
                return .list(text.split(separator: separator, omittingEmptySubsequences: false)
                    .map { .string(String($0)) })
            },
            .define("join", 1...2) { _, args in
                let separator = args.optional(1) == nil ? "" : try args.string(1)
                return .string(try args.list(0).map(\.display).joined(separator: separator))
            },
            .define("replace", 3...3) { _, args in
                let text = try args.string(0), old = try args.string(1), new = try args.string(2)
                guard !old.isEmpty else { throw args.error("cannot replace an empty string") }
                return .string(text.replacing(old, with: new))
            },
            .define("starts_with", 2...2) { _, args in .bool(try args.string(0).hasPrefix(try args.string(1))) },
            .define("ends_with", 2...2) { _, args in .bool(try args.string(0).hasSuffix(try args.string(1))) },
            .define("pad_left", 2...3) { _, args in
                let (text, padding) = try pad(args)
                return .string(padding + text)
            },
            .define("pad_right", 2...3) { _, args in
                let (text, padding) = try pad(args)
                return .string(text + padding)
            },
        ]
    }

    /// For `pad_left(value, width, fill = " ")`: the value's display text and the fill it needs.
    private static func pad(_ args: BuiltinArguments) throws -> (String, String) {
        let text = args[0].display
        let width = try args.integer(1)
        guard width <= maximumPadWidth else { throw args.error("width \(width) is over \(maximumPadWidth)") }
        let fill = args.optional(2) == nil ? " " : try args.string(2)
        guard fill.count == 1 else { throw args.error("expects a single character to pad with, got \"\(fill)\"") }
        return (text, String(repeating: fill, count: max(0, width - text.count)))
    }
}

extension String {
    /// Without leading and trailing whitespace (spaces, tabs, newlines).
    func trimmed() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
