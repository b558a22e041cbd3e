/// The order `<`, `<=`, `>`, `>=`, `sort`, `min` and `max` use. Returns -1, 0 or 1.
///
/// - numbers compare by value across int and double (`1 < 1.5`);
/// - strings compare by Unicode scalar values (the same as UTF-8 byte order), not by locale,
///   so `"B" < "a"` and the order is the same on every machine;
/// - bools: `false < true`;
/// - lists compare element by element, a shorter prefix first (`[1] < [1, 0]`).
/// Anything else, including null and mixed types, throws "cannot compare number with string".
public func compareValues(_ a: Value, _ b: Value) throws -> Int {
    switch (a, b) {
    case (.int(let x), .int(let y)):
        return x < y ? -1 : (x == y ? 0 : 1)
    case (.int, .double), (.double, .int), (.double, .double):
        let x = a.numberValue ?? 0, y = b.numberValue ?? 0
        return x < y ? -1 : (x == y ? 0 : 1)
    case (.string(let x), .string(let y)):
        if x == y { return 0 }
        return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
    case (.bool(let x), .bool(let y)):
        return x == y ? 0 : (x ? 1 : -1)
    case (.list(let x), .list(let y)):
        for (u, v) in zip(x, y) {
            let order = try compareValues(u, v)
            if order != 0 { return order }
        }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    default:
        throw ScriptError.runtime("cannot compare \(a.typeName) with \(b.typeName)")
    }
}
