import HaloCore

/// libFuzzer entry: arbitrary bytes through the JSON parser. Whatever it accepts must survive a
/// round trip: written (compact and pretty) and parsed again, it is the same value, int-ness,
/// key order and all. A difference traps, which libFuzzer reports as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func jsonTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let value = try? JSON.parse(UnsafeRawBufferPointer(start: data, count: size)) else { return 0 }
    for pretty in [false, true] {
        let text = JSON.write(value, pretty: pretty)
        guard let again = try? JSON.parse(text) else {
            fatalError("the writer's output does not parse: \(text)")
        }
        guard identical(value, again) else {
            fatalError("the round trip changed the value: \(text)")
        }
    }
    return 0
}

/// Stricter than `==`, which makes `1 == 1.0`: the same cases, the same keys in the same order.
/// Doubles compare by value (the writer writes non-finite ones as null, which `.double` never equals).
func identical(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.int(let x), .int(let y)): x == y
    case (.double(let x), .double(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.list(let x), .list(let y)): x.count == y.count && zip(x, y).allSatisfy(identical)
    case (.object(let x), .object(let y)):
        x.keys == y.keys && zip(x.values, y.values).allSatisfy(identical)
    default: false
    }
}
