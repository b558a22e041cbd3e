/// The arguments of `range(end)`, `range(start, end)`, `range(start, end, step)`, checked once,
/// shared by the built-in and by `for x in range(...)`, which counts without building a list.
public struct RangeBounds {
    public let start: Int
    public let end: Int
    public let step: Int

    public init(_ args: [Value]) throws {
        let ints: [Int] = try args.map { arg in
            switch arg {
            case .int(let i): return i
            case .double(let d) where d.rounded() == d && abs(d) < 9e15: return Int(d)
            default: throw ScriptError.runtime("range() expects whole numbers, got \(arg.typeName)")
            }
        }
        switch ints.count {
        case 1: (start, end, step) = (0, ints[0], 1)
        case 2: (start, end, step) = (ints[0], ints[1], 1)
        case 3: (start, end, step) = (ints[0], ints[1], ints[2])
        default: throw ScriptError.runtime("range() takes 1 to 3 arguments, got \(ints.count)")
        }
        guard step != 0 else { throw ScriptError.runtime("range() step cannot be 0") }
    }

    /// How many numbers the range holds, exactly and without overflow for any bounds (at most
    /// `Int.max`): the distance between the bounds fits in a `UInt`.
    public var count: Int {
        guard first != nil else { return 0 }
        let span = UInt(bitPattern: step > 0 ? end &- start : start &- end), stride = step.magnitude
        let n = span / stride + (span % stride == 0 ? 0 : 1)
        return n > UInt(Int.max) ? Int.max : Int(n)
    }

    /// The number after `i`, or nil once the range is done (also when stepping would overflow).
    @inline(__always)
    public func next(after i: Int) -> Int? {
        let (n, overflow) = i.addingReportingOverflow(step)
        guard !overflow, step > 0 ? n < end : n > end else { return nil }
        return n
    }

    public var first: Int? { step > 0 ? (start < end ? start : nil) : (start > end ? start : nil) }
}
