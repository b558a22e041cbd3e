/// List functions. None changes its argument: each returns a new list.
extension Builtins {
    /// `range` refuses to build lists longer than this rather than exhaust memory.
    static let maximumRangeCount = 10_000_000

    static var lists: [BuiltinFunction] {
        [
            .define("push", 2...2) { _, args in .list(try args.list(0) + [args[1]]) },
            .define("first", 1...1) { _, args in try args.list(0).first ?? .null },
            .define("last", 1...1) { _, args in try args.list(0).last ?? .null },
            .define("flatten", 1...1) { _, args in
                .list(try args.list(0).flatMap { element -> [Value] in
                    if case .list(let inner) = element { return inner }
                    return [element]
                })
            },
            .define("reverse", 1...1) { _, args in
                if case .string(let s) = args[0] { return .string(String(s.reversed())) }
                return .list(try args.list(0).reversed())
            },
            .define("slice", 2...3) { _, args in
                if case .string(let s) = args[0] {
                    let chars = Array(s)
                    let bounds = try sliceBounds(args, count: chars.count)
                    return .string(String(chars[bounds]))
                }
                let list = try args.list(0)
                return .list(Array(list[try sliceBounds(args, count: list.count)]))
            },
            .define("contains", 2...2) { _, args in
                switch args[0] {
                case .string(let s): .bool(s.contains(try args.string(1)))
                case .list(let l): .bool(l.contains(args[1]))
                case .object(let o): .bool(o.position(of: try args.string(1)) != nil)
                default: throw args.mismatch(0, expected: "a string, list or object")
                }
            },
            .define("index_of", 2...2) { _, args in
                if case .string(let s) = args[0] {
                    guard let range = s.firstRange(of: try args.string(1)) else { return .int(-1) }
                    return .int(s.distance(from: s.startIndex, to: range.lowerBound))
                }
                return .int(try args.list(0).firstIndex(of: args[1]) ?? -1)
            },
            .define("unique", 1...1) { _, args in .list(uniqued(try args.list(0))) },
            .define("sort", 1...1) { _, args in
                let list = try args.list(0)
                return .list(try stableSorted(list, keys: list))
            },
            .define("range", 1...3) { _, args in
                // Same argument rules as `for x in range(...)`, which counts without a list.
                let bounds = try RangeBounds(args.values)
                guard bounds.count <= maximumRangeCount else {
                    throw args.error("would make \(bounds.count) numbers, over the limit of \(maximumRangeCount)")
                }
                return .list(stride(from: bounds.start, to: bounds.end, by: bounds.step).map(Value.int))
            },
        ]
    }

    /// `slice(x, start, end)`: negative positions count from the end; out-of-range ones are clamped.
    private static func sliceBounds(_ args: BuiltinArguments, count: Int) throws -> Range<Int> {
        func clamp(_ i: Int) -> Int { min(max(i < 0 ? count + i : i, 0), count) }
        let start = clamp(try args.integer(1))
        let end = args.optional(2) == nil ? count : clamp(try args.integer(2))
        return start..<max(start, end)
    }

    /// Elements sorted by the matching `keys` with `compareValues`; equal keys keep their order.
    static func stableSorted(_ elements: [Value], keys: [Value]) throws -> [Value] {
        var order = Array(elements.indices)
        try order.sort { i, j in
            let c = try compareValues(keys[i], keys[j])
            return c < 0 || (c == 0 && i < j)
        }
        return order.map { elements[$0] }
    }

    /// The first occurrence of each value (by `==`, so `1` and `1.0` are one value). Scalars are
    /// bucketed by a hashable form so long lists of ids stay fast; lists and objects compare pairwise.
    static func uniqued(_ elements: [Value]) -> [Value] {
        var buckets: [String: [Value]] = [:]
        var result: [Value] = []
        for element in elements {
            let bucket: String = switch element {
            case .int, .double: "n" + (element.numberValue ?? 0).description
            case .string(let s): "s" + s
            case .null, .bool, .function: "o" + element.display
            case .list, .object: "c"
            }
            if buckets[bucket, default: []].contains(element) { continue }
            buckets[bucket, default: []].append(element)
            result.append(element)
        }
        return result
    }
}
