/// An object whose keys keep their insertion order, as Halo's JSON does.
/// Small objects (the common case: a ticket has a few dozen fields) are searched linearly;
/// a hash index is built only once an object grows past `indexThreshold`.
public struct HaloObject: Sendable {
    public private(set) var keys: [String] = []
    public private(set) var values: [Value] = []
    private var index: [String: Int]? = nil
    private static let indexThreshold = 24

    public init() {}

    public init(_ pairs: [(String, Value)]) {
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    /// For builders that know the keys are distinct (an object literal): the keys array is shared
    /// by every object the literal makes, so building one allocates only its values.
    init(distinctKeys: [String], values: [Value]) {
        self.keys = distinctKeys
        self.values = values
        if distinctKeys.count > Self.indexThreshold { buildIndex() }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }

    public subscript(key: String) -> Value? {
        get { position(of: key).map { values[$0] } }
        set {
            if let i = position(of: key) {
                if let newValue { values[i] = newValue } else { remove(at: i) }
            } else if let newValue {
                append(key, newValue)
            }
        }
    }

    /// Appends without checking for an existing key: for builders that know keys are new.
    public mutating func appendUnchecked(_ key: String, _ value: Value) {
        keys.append(key)
        values.append(value)
        index?[key] = keys.count - 1
        if index == nil, keys.count > Self.indexThreshold { buildIndex() }
    }

    private mutating func append(_ key: String, _ value: Value) {
        appendUnchecked(key, value)
    }

    private mutating func remove(at i: Int) {
        keys.remove(at: i)
        values.remove(at: i)
        if index != nil { buildIndex() }
    }

    private mutating func buildIndex() {
        var built = [String: Int](minimumCapacity: keys.count)
        for (i, k) in keys.enumerated() { built[k] = i }
        index = built
    }

    public var pairs: Zip2Sequence<[String], [Value]> { zip(keys, values) }

    public mutating func removeValue(forKey key: String) {
        if let i = position(of: key) { remove(at: i) }
    }
}

extension HaloObject: Equatable {
    /// Key order does not matter for equality.
    public static func == (lhs: HaloObject, rhs: HaloObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (k, v) in lhs.pairs {
            guard let other = rhs[k], other == v else { return false }
        }
        return true
    }
}
