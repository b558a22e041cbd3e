/// An object whose keys keep their insertion order, as Halo's JSON does.
///
/// The keys live in an `ObjectShape` that objects with the same keys share: every ticket of a
/// reply, every object one literal makes. A parsed ticket then costs one allocation (its values)
/// instead of two, and `Value` stays at 24 bytes because an object is two references.
/// A shape is changed in place only while one object holds it; otherwise a change copies it.
public struct HaloObject: Sendable {
    private var shape: ObjectShape
    public private(set) var values: [Value]

    public init() {
        shape = ObjectShape.empty
        values = []
    }

    public init(_ pairs: [(String, Value)]) {
        self.init()
        values.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    /// For builders that share one shape between many objects (object literals, parsed JSON).
    init(shape: ObjectShape, values: [Value]) {
        self.shape = shape
        self.values = values
    }

    public var keys: [String] { shape.keys }
    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    public func position(of key: String) -> Int? { shape.position(of: key) }

    public subscript(key: String) -> Value? {
        get { position(of: key).map { values[$0] } }
        set {
            if let i = position(of: key) {
                if let newValue { values[i] = newValue } else { remove(at: i) }
            } else if let newValue {
                appendUnchecked(key, newValue)
            }
        }
    }

    /// Appends without checking for an existing key: for builders that know keys are new.
    public mutating func appendUnchecked(_ key: String, _ value: Value) {
        uniqueShape().append(key)
        values.append(value)
    }

    private mutating func remove(at i: Int) {
        uniqueShape().remove(at: i)
        values.remove(at: i)
    }

    private mutating func uniqueShape() -> ObjectShape {
        if !isKnownUniquelyReferenced(&shape) { shape = ObjectShape(keys: shape.keys) }
        return shape
    }

    public var pairs: Zip2Sequence<[String], [Value]> { zip(shape.keys, values) }

    public mutating func removeValue(forKey key: String) {
        if let i = position(of: key) { remove(at: i) }
    }
}

/// The ordered keys of one or more objects. Small shapes (the common case: a ticket has a few
/// dozen fields) are searched linearly; a hash index is built once a shape grows past
/// `indexThreshold`, and shared with every object of the shape.
final class ObjectShape: @unchecked Sendable {
    private(set) var keys: [String]
    private var index: [String: Int]?
    private static let indexThreshold = 24
    /// Shared by every new empty object, so making one allocates nothing; the first key copies it.
    static let empty = ObjectShape(keys: [])

    init(keys: [String]) {
        self.keys = keys
        if keys.count > Self.indexThreshold { buildIndex() }
    }

    @inline(__always)
    func position(of key: String) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }

    func append(_ key: String) {
        keys.append(key)
        index?[key] = keys.count - 1
        if index == nil, keys.count > Self.indexThreshold { buildIndex() }
    }

    func remove(at i: Int) {
        keys.remove(at: i)
        if index != nil { buildIndex() }
    }

    private func buildIndex() {
        var built = [String: Int](minimumCapacity: keys.count)
        for (i, k) in keys.enumerated() { built[k] = i }
        index = built
    }
}

extension HaloObject: Equatable {
    /// Key order does not matter for equality.
    public static func == (lhs: HaloObject, rhs: HaloObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.shape === rhs.shape { return lhs.values == rhs.values }
        for (k, v) in lhs.pairs {
            guard let other = rhs[k], other == v else { return false }
        }
        return true
    }
}
