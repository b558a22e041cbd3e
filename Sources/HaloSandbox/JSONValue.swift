import Foundation

/// A JSON value that keeps object key order, so records come back in the order Halo uses (id first).
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Halo clients send ids both as numbers and as numeric strings; both count.
    var intValue: Int? {
        switch self {
        case .int(let value): return value
        case .double(let value): return value.rounded() == value && abs(value) < 1e15 ? Int(value) : nil
        case .string(let text): return Int(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Booleans arrive as JSON booleans or, from form-minded clients, as "true"/"false".
    var boolValue: Bool? {
        switch self {
        case .bool(let value): return value
        case .string(let text): return QueryParameters.parseBool(text)
        case .int(let value): return value != 0
        default: return nil
        }
    }

    var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }
}

/// Ordered JSON object. Records have a few dozen keys, so a linear scan beats hashing here.
struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private(set) var keys: [String] = []
    private(set) var values: [JSONValue] = []

    init() {}

    init(dictionaryLiteral elements: (String, JSONValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    var count: Int { keys.count }

    var entries: Zip2Sequence<[String], [JSONValue]> { zip(keys, values) }

    /// Setting a new key appends it; setting nil removes it; existing keys keep their place.
    subscript(key: String) -> JSONValue? {
        get { keys.firstIndex(of: key).map { values[$0] } }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue { values[index] = newValue } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// Appends without a duplicate check: for the parser, which trusts the last duplicate less than speed.
    mutating func append(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
    }
}
