/// Functions that take a function (or, for the `_by` family, a field name) and apply it to
/// each element through the interpreter (`BuiltinContext.call`).
extension Builtins {
    static var higherOrder: [BuiltinFunction] {
        [
            .define("map", 2...2) { context, args in
                let function = try args.function(1)
                return .list(try args.list(0).map { try context.call(function, [$0]) })
            },
            .define("pmap", 2...2) { context, args in try fanOut(context, args, at: nil) },
            .define("filter", 2...2) { context, args in
                let function = try args.function(1)
                return .list(try args.list(0).filter { try context.call(function, [$0]).isTruthy })
            },
            .define("find", 2...2) { context, args in
                let function = try args.function(1)
                return try args.list(0).first { try context.call(function, [$0]).isTruthy } ?? .null
            },
            .define("any", 1...2) { context, args in
                let test = try predicate(context, args)
                return .bool(try args.list(0).contains { try test($0) })
            },
            .define("all", 1...2) { context, args in
                let test = try predicate(context, args)
                return .bool(try args.list(0).allSatisfy { try test($0) })
            },
            .define("sort_by", 2...2) { context, args in
                let list = try args.list(0)
                let key = try keyFunction(context, args)
                return .list(try stableSorted(list, keys: try list.map(key)))
            },
            .define("group_by", 2...2) { context, args in
                try groups(context, args) { .list($0) }
            },
            .define("count_by", 2...2) { context, args in
                try groups(context, args) { .int($0.count) }
            },
        ]
    }

    /// `pmap(list, fn)`: `map` with the items run together, as wide as the connection allows (see
    /// FanOut.swift). The interpreter passes the call's position when it compiles a direct call.
    static func fanOut(_ context: BuiltinContext, _ args: BuiltinArguments, at location: SourceLocation?) throws -> Value {
        let items = try args.list(0), function = try args.function(1)
        return .list(try context.fanOut(items, function, at: location))
    }

    /// `any(list)` tests truthiness; `any(list, fn)` tests `fn(element)`.
    private static func predicate(_ context: BuiltinContext, _ args: BuiltinArguments) throws -> (Value) throws -> Bool {
        guard args.optional(1) != nil else { return { $0.isTruthy } }
        let function = try args.function(1)
        return { try context.call(function, [$0]).isTruthy }
    }

    /// The second argument of the `_by` family: a function, or the name of a field of each object.
    private static func keyFunction(_ context: BuiltinContext, _ args: BuiltinArguments) throws -> (Value) throws -> Value {
        switch args[1] {
        case .function(let function):
            return { try context.call(.function(function), [$0]) }
        case .string(let field):
            return { element in
                guard case .object(let o) = element else {
                    throw args.error("expects objects when given the field name \"\(field)\", got \(element.typeName)")
                }
                return o[field] ?? .null
            }
        default:
            throw args.mismatch(1, expected: "a function or a field name")
        }
    }

    /// An object from each key (displayed) to `summary` of the elements with that key, keys in
    /// first-seen order. Members are gathered in arrays first so each append is O(1).
    private static func groups(_ context: BuiltinContext, _ args: BuiltinArguments,
                               summary: ([Value]) -> Value) throws -> Value {
        let key = try keyFunction(context, args)
        var names: [String] = []
        var members: [[Value]] = []
        var positions: [String: Int] = [:]
        for element in try args.list(0) {
            let name = try key(element).display
            if let i = positions[name] {
                members[i].append(element)
            } else {
                positions[name] = names.count
                names.append(name)
                members.append([element])
            }
        }
        var result = HaloObject()
        for (name, group) in zip(names, members) { result.appendUnchecked(name, summary(group)) }
        return .object(result)
    }
}
