/// What the statements that write in place, `assert`, `auth` and requests do, beyond the VM's
/// instructions that reach them.
extension Interpreter {
    /// `x^k... = value`: the collection is taken out of its variable while it is written, so that
    /// it is uniquely owned and the write does not copy it.
    func writeChild(_ slot: UnsafeMutablePointer<Value?>, name: String, declared: SourceLocation,
                    keys: [Value], value: Value, at loc: SourceLocation?) throws {
        guard var container = slot.pointee else { throw unassigned(name, declared) }
        slot.pointee = nil
        defer { slot.pointee = container }
        try located(loc) { try ChildAccess.write(&container, keys: keys[...], value: value) }
    }

    /// `x op= rhs`. Appending in place keeps `items += [x]` and `text += s` linear over a loop.
    /// No tuple is switched on here: a tuple would hold a second reference and force a copy.
    func compoundAssign(_ slot: UnsafeMutablePointer<Value?>, _ op: BinaryOperator, _ rhs: Value,
                        name: String, declared: SourceLocation, at loc: SourceLocation?) throws {
        guard var current = slot.pointee else { throw unassigned(name, declared) }
        slot.pointee = nil
        defer { slot.pointee = current }
        if op == .add {
            if case .int(let x) = current, case .int(let y) = rhs {
                let (sum, overflow) = x.addingReportingOverflow(y)
                if !overflow {   // an overflow takes the general route, which reports it
                    current = .int(sum)
                    return
                }
            } else if case .string(var text) = current, case .string(let more) = rhs {
                let bytes = text.utf8.count + more.utf8.count
                if bytes > SizeLimits.maximumStringBytes { try located(loc) { try SizeLimits.checkString(bytes: bytes) } }
                current = .null
                text += more
                current = .string(text)
                return
            } else if case .list(var items) = current, case .list(let more) = rhs {
                let count = items.count + more.count
                if count > SizeLimits.maximumListCount { try located(loc) { try SizeLimits.checkList(count: count) } }
                current = .null
                items.append(contentsOf: more)
                current = .list(items)
                return
            }
        }
        current = try located(loc) { try Operators.apply(op, current, rhs) }
    }

    func assertionPassed(at loc: SourceLocation, source: String) {
        assertionsPassed += 1
        if continueAfterFailedAssert {
            assertionResults.append(AssertionResult(location: loc, source: source, failure: nil))
        }
    }

    /// A failed assert: thrown, or in test mode recorded so that the run goes on.
    func assertionFailed(at loc: SourceLocation, source: String, message: Value?, notes: [String]) throws {
        var described = source
        if let message { described = message.display + " (" + source + ")" }
        let failure = ScriptError(.assertion, described, at: loc, notes: notes)
        guard continueAfterFailedAssert else { throw failure }
        assertionResults.append(AssertionResult(location: loc, source: source, failure: failure))
    }

    /// Runs `auth`, with `auth profile NAME` turned into its options.
    func authenticate(_ given: Value?, profile: Bool, at loc: SourceLocation) throws {
        guard let performer else { throw noConnection(loc) }
        var options = given
        if profile, let name = options { options = .object(HaloObject([("profile", name)])) }
        try located(loc) { try blocking { try performer.authenticate(options) } }
    }

    /// A request's path taken whole from an expression: a string, checked (see `RequestPath`).
    func checkedPath(_ path: Value, of r: RequestExpr) throws -> String {
        guard case .string(let text) = path else {
            throw ScriptError(.runtime, "a request path must be a string, got \(path.typeName)", at: r.location)
        }
        try RequestPath.checkWhole(text, at: r.location)
        return text
    }

    /// What a comprehension walks: list items, object keys, or a string's characters.
    static func loopItems(_ source: Value, at loc: SourceLocation) throws -> [Value] {
        switch source {
        case .list(let l): return l
        case .object(let o): return o.keys.map(Value.string)
        case .string(let s): return s.map { .string(String($0)) }
        case .null: throw ScriptError(.runtime, "cannot loop over null (is the value missing?)", at: loc)
        default: throw ScriptError(.runtime, "cannot loop over \(source.typeName)", at: loc)
        }
    }

    @inline(__always)
    static func intComparison(_ op: BinaryOperator, _ i: Int, _ j: Int) -> Bool? {
        switch op {
        case .less: i < j
        case .lessEqual: i <= j
        case .greater: i > j
        case .greaterEqual: i >= j
        case .equal: i == j
        case .notEqual: i != j
        default: nil
        }
    }
}
