/// Expressions. The parser writes names as `.name`; the resolver rewrites each into `.local`,
/// `.outer` or `.builtin`, so the interpreter never looks a variable up by name.
public indirect enum Expr {
    case literal(Value)
    case string([InterpolationPart])
    case list([Expr])
    case object([ObjectEntry])
    case comprehension(element: Expr, binding: Binding, iterable: Expr, condition: Expr?)
    case name(String, SourceLocation)
    case local(slot: Int, name: String, SourceLocation)
    case outer(depth: Int, slot: Int, name: String, SourceLocation)
    case builtin(BuiltinFunction)
    case child(Expr, ChildKey, SourceLocation)
    case unary(UnaryOperator, Expr, SourceLocation)
    case binary(BinaryOperator, Expr, Expr, SourceLocation)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case coalesce(Expr, Expr)
    case call(Expr, [Expr], SourceLocation)
    case function(FunctionDecl)
    case request(RequestExpr)
}

extension Expr {
    /// Where the expression is written, for the kinds of node that record it.
    var location: SourceLocation? {
        switch self {
        case .name(_, let loc), .local(_, _, let loc), .outer(_, _, _, let loc), .child(_, _, let loc),
             .unary(_, _, let loc), .binary(_, _, _, let loc), .call(_, _, let loc):
            return loc
        case .function(let decl): return decl.location
        case .request(let r): return r.location
        case .literal, .string, .list, .object, .comprehension, .builtin, .and, .or, .coalesce: return nil
        }
    }
}

/// What follows `^`: a name, a list index (negative counts from the end) or a computed key.
public indirect enum ChildKey {
    case name(String)
    case index(Int)
    case computed(Expr)
}

public enum InterpolationPart {
    case text(String)
    case expr(Expr)
}

public enum UnaryOperator: String, Sendable { case negate = "-", not = "not" }

public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in` = "in"
}

/// A variable a statement writes: its name, and once resolved, where it lives.
public struct Binding {
    public var name: String
    public var location: SourceLocation
    public var depth = 0
    public var slot = -1
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

public struct RequestExpr {
    public var method: RequestMethod
    public var all: Bool
    public var target: Expr
    /// Set when `target` is a path written in place (`/api/tickets/<<id>>` or one string literal):
    /// where each `<<...>>` of it was written, in order. Its values are encoded as path data.
    public var templateLocations: [SourceLocation]?
    public var argument: Expr?
    public var outputs: [OutputClause]
    /// Where the request leaves `response` and `status`.
    public var response: Binding
    public var status: Binding
    public var location: SourceLocation
}

/// A function parameter. A struct, not a tuple: arrays of tuples copy through generic metadata.
public struct Parameter {
    public var binding: Binding
    public var defaultValue: Expr?
}

/// One `key: value` of an object literal.
public struct ObjectEntry {
    public var key: String
    public var value: Expr
}

/// One `-> name = response^...` clause of a request.
public struct OutputClause {
    public var binding: Binding
    public var value: Expr
}

public final class FunctionDecl {
    public let name: String
    public var parameters: [Parameter] {
        didSet { requiredCount = parameters.filter { $0.defaultValue == nil }.count }
    }
    /// Parameters without a default, counted once rather than on every call.
    public private(set) var requiredCount: Int
    public var body: [Stmt]
    /// Number of local slots, known after resolving.
    public var frameSize = 0
    /// The body compiled to bytecode, made when the function that defines it is compiled.
    var bytecode: BytecodeFunction?
    public let location: SourceLocation

    init(name: String, parameters: [Parameter], body: [Stmt], location: SourceLocation) {
        self.name = name
        self.parameters = parameters
        self.requiredCount = parameters.filter { $0.defaultValue == nil }.count
        self.body = body
        self.location = location
    }
}

public indirect enum Stmt {
    case expression(Expr, SourceLocation)
    case assign(Binding, Expr)
    /// `target^key ... = value` and compound forms: writes into a list or object held in a variable.
    case assignChild(Binding, [ChildKey], Expr, SourceLocation)
    case compound(Binding, BinaryOperator, Expr, SourceLocation)
    case ifElse(condition: Expr, then: [Stmt], otherwise: [Stmt]?)
    case forIn(first: Binding, second: Binding?, iterable: Expr, body: [Stmt], SourceLocation)
    case whileLoop(condition: Expr, body: [Stmt])
    case breakLoop(SourceLocation)
    case continueLoop(SourceLocation)
    case function(Binding, FunctionDecl)
    case returnValue(Expr?, SourceLocation)
    case print([Expr])
    case assert(Expr, message: Expr?, SourceLocation, source: String)
    case fail(Expr, SourceLocation)
    case tryCatch(body: [Stmt], error: Binding?, handler: [Stmt])
    case importModule(ImportDecl)
    case param(Binding, defaultValue: Expr?)
    case auth(Expr?, profile: Bool, SourceLocation)
}

/// `import "path"`: the resolver loads the module and binds each of its top-level names here.
public final class ImportDecl {
    public let path: String
    public let location: SourceLocation
    public var module: Module?
    /// For each of the module's exports, where the importer keeps it.
    public var bindings: [(export: Module.Export, binding: Binding)] = []

    init(path: String, location: SourceLocation) {
        self.path = path
        self.location = location
    }
}
