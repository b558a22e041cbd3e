import Foundation

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
                return .list(text.pieces(between: separator).map(Value.string))
            },
            .define("join", 1...2) { _, args in
                let separator = args.optional(1) == nil ? "" : try args.string(1)
                let pieces = try args.list(0).map(\.display)
                try SizeLimits.checkString(bytes: pieces.reduce(separator.utf8.count * max(0, pieces.count - 1)) {
                    $0 + $1.utf8.count
                })
                return .string(pieces.joined(separator: separator))
            },
            .define("replace", 3...3) { _, args in
                let text = try args.string(0), old = try args.string(1), new = try args.string(2)
                guard !old.isEmpty else { throw args.error("cannot replace an empty string") }
                let (oldBytes, newBytes) = (old.utf8.count, new.utf8.count)
                if newBytes > oldBytes, text.utf8.count / oldBytes * newBytes > SizeLimits.maximumStringBytes {
                    // The result may be over the cap: count the matches for its exact size first.
                    let matches = text.pieces(between: old).count - 1
                    try SizeLimits.checkString(bytes: text.utf8.count + matches * (newBytes - oldBytes))
                }
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
    /// The text between occurrences of `separator`, found by comparing UTF-8 bytes: the generic
    /// `split` walks characters and took 80% of a split-heavy script (callgrind).
    func pieces(between separator: String) -> [String] {
        var text = self, separator = separator
        return text.withUTF8 { t in
            separator.withUTF8 { s in
                guard let first = s.first, t.count >= s.count else { return [self] }
                var pieces: [String] = []
                var start = 0, i = 0
                let last = t.count - s.count
                while i <= last {
                    if t[i] == first, s.count == 1 || memcmp(t.baseAddress! + i, s.baseAddress!, s.count) == 0 {
                        pieces.append(String(decoding: UnsafeBufferPointer(rebasing: t[start..<i]), as: UTF8.self))
                        i += s.count
                        start = i
                    } else {
                        i += 1
                    }
                }
                pieces.append(String(decoding: UnsafeBufferPointer(rebasing: t[start...]), as: UTF8.self))
                return pieces
            }
        }
    }

    /// Without leading and trailing whitespace (spaces, tabs, newlines).
    func trimmed() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
