/// Halo's output-variable operator `^`: reads a child, and maps over a list when given a name.
/// A missing key or index, or any child of null, is null: runbooks read optional fields freely.
enum ChildAccess {
    static func read(_ base: Value, name: String) -> Value {
        switch base {
        case .object(let o): return o[name] ?? .null
        case .list(let items): return .list(items.map { read($0, name: name) })
        default: return .null
        }
    }

    static func read(_ base: Value, index: Int) -> Value {
        switch base {
        case .list(let items):
            let i = index < 0 ? items.count + index : index
            return i >= 0 && i < items.count ? items[i] : .null
        case .object(let o): return o[String(index)] ?? .null
        default: return .null
        }
    }

    /// `^(expr)`: an integer indexes, a string names.
    static func read(_ base: Value, computed key: Value) throws -> Value {
        switch key {
        case .int(let i): return read(base, index: i)
        case .string(let s): return read(base, name: s)
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: return read(base, index: Int(d))
        case .null: return .null
        default: throw ScriptError.runtime("a ^ key must be a name or an index, got \(key.typeName)")
        }
    }

    /// Writes `value` at the end of a ^ path, creating objects for missing keys on the way.
    static func write(_ container: inout Value, keys: ArraySlice<Value>, value: Value) throws {
        guard let key = keys.first else {
            container = value
            return
        }
        let rest = keys.dropFirst()
        switch (container, key) {
        case (.object(var o), .string(let name)):
            container = .null   // drop our reference so the object stays uniquely owned
            var child = o[name] ?? .null
            if o[name] != nil { o[name] = .null }
            try write(&child, keys: rest, value: value)
            o[name] = child
            container = .object(o)
        case (.null, .string):
            var o = Value.object(HaloObject())
            try write(&o, keys: keys, value: value)
            container = o
        case (.list(var items), .int(let index)):
            let i = index < 0 ? items.count + index : index
            container = .null
            if i == items.count, rest.isEmpty {
                items.append(value)
            } else {
                guard i >= 0, i < items.count else {
                    container = .list(items)
                    throw ScriptError.runtime("index \(index) is outside the list (length \(items.count))")
                }
                var child = items[i]
                items[i] = .null
                try write(&child, keys: rest, value: value)
                items[i] = child
            }
            container = .list(items)
        case (.list, _):
            throw ScriptError.runtime("a list's ^ key must be an index, got \(key.typeName)")
        case (.object, _):
            throw ScriptError.runtime("an object's ^ key must be a name, got \(key.typeName)")
        default:
            throw ScriptError.runtime("cannot set a child of \(container.typeName)")
        }
    }
}
