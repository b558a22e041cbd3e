/// Anything a script can call: a user function or a built-in.
/// A class so that functions compare by identity and pass by reference.
/// `@unchecked Sendable`: an interpreter and its values live on one thread; the conformance only
/// lets errors (which must be Sendable) carry values.
open class Callable: @unchecked Sendable {
    public let name: String
    /// What kind of function this is: a stored tag is tested on every call, far cheaper than `as?`.
    let kind: Kind
    enum Kind: UInt8 {
        case builtin
        /// A script function (`BytecodeClosure`).
        case bytecode
    }
    public init(name: String) {
        self.name = name
        self.kind = .builtin
    }
    init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// What a built-in may ask of the interpreter that calls it.
public protocol BuiltinContext: AnyObject {
    /// Calls a script function (for `sort_by`, `map`, ...).
    func call(_ function: Value, _ arguments: [Value]) throws -> Value
    /// Writes a line of program output (stdout in batch mode).
    func writeOutput(_ text: String)
    /// Resolves a path a script names relative to the directory of the running file.
    func resolvePath(_ path: String) -> String
    /// What the script may not read or reveal.
    var secrets: SecretGuard { get }
    /// Raised by Ctrl-C; long waits (`sleep`) give up when it is.
    var interrupt: InterruptFlag { get }
    /// `pmap`: `function(item)` for each item, results in input order. The interpreter runs items
    /// together on several threads (FanOut.swift); `location` is the call's, for the error's chain.
    func fanOut(_ items: [Value], _ function: Value, at location: SourceLocation?) throws -> [Value]
    /// Runs a wait that touches no interpreter state (`sleep`). Inside a fan-out the interpreter
    /// lets other items run meanwhile.
    func blocking<T>(_ body: () throws -> T) throws -> T
}

extension BuiltinContext {
    public var secrets: SecretGuard { SecretGuard() }
    public var interrupt: InterruptFlag { InterruptFlag() }

    /// One item after another, with the same error notes as the interpreter's fan-out.
    public func fanOut(_ items: [Value], _ function: Value, at location: SourceLocation?) throws -> [Value] {
        try items.indices.map { i in
            do {
                return try call(function, [items[i]])
            } catch {
                throw FanOut.noted(error, item: i, of: items)
            }
        }
    }

    public func blocking<T>(_ body: () throws -> T) throws -> T { try body() }
}

/// A function implemented in Swift. `arity` bounds the argument count, checked before `body` runs.
public final class BuiltinFunction: Callable, @unchecked Sendable {
    public let arity: ClosedRange<Int>
    public let body: (BuiltinContext, [Value]) throws -> Value

    public init(_ name: String, arity: ClosedRange<Int>,
                _ body: @escaping (BuiltinContext, [Value]) throws -> Value) {
        self.arity = arity
        self.body = body
        super.init(name: name)
    }
}
