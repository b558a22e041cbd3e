/// Object functions. Objects keep insertion order, so `keys` and `items` are in that order.
extension Builtins {
    static var objects: [BuiltinFunction] {
        [
            .define("keys", 1...1) { _, args in .list(try args.object(0).keys.map(Value.string)) },
            .define("values", 1...1) { _, args in .list(try args.object(0).values) },
            .define("items", 1...1) { _, args in
                .list(try args.object(0).pairs.map { .list([.string($0.0), $0.1]) })
            },
            .define("has", 2...2) { _, args in .bool(try args.object(0).position(of: try args.string(1)) != nil) },
            .define("lookup", 2...3) { _, args in
                let fallback = args.count == 3 ? args[2] : .null
                switch args[0] {
                case .object(let o): return o[try args.string(1)] ?? fallback
                case .list(let l):
                    let i = try args.integer(1)
                    let position = i < 0 ? l.count + i : i
                    return l.indices.contains(position) ? l[position] : fallback
                case .null: return fallback
                default: throw args.mismatch(0, expected: "an object or list")
                }
            },
            .define("merge", 1...Int.max) { _, args in
                var merged = try args.object(0)
                for i in 1..<args.count {
                    for (key, value) in try args.object(i).pairs { merged[key] = value }
                }
                return .object(merged)
            },
        ]
    }
}
