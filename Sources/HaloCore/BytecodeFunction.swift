/// A function compiled to bytecode (or a module's top level): its instructions, the tables they
/// index, and a line table that maps each instruction back to the source for errors.
///
/// Where its variables live decides how it runs. A function that defines no function inside
/// (`isLeaf`) keeps them in a window of the running thread's value stack, which a call takes and
/// gives back without allocating. A function that does define one keeps them in a heap `Frame`,
/// the closures' environment, and its temporaries after them in the same frame: closures share
/// and change the variables of the scope they were made in, so those must outlive the call.
final class BytecodeFunction {
    let name: String
    /// Parameters, then the function's other variables (the resolver's slots), then temporaries.
    let registerCount: Int
    /// The resolver's slots: the variables, which a top level's names index.
    let variableCount: Int
    let isLeaf: Bool
    /// The argument counts a call may pass (parameters without and with defaults); two ints, not a
    /// `ClosedRange`, whose `contains` went through unspecialised generic code on every call.
    let minimumArguments: Int
    let maximumArguments: Int
    let decl: FunctionDecl?

    let code: UnsafeMutablePointer<Instruction>
    let codeCount: Int
    let constants: UnsafeMutablePointer<Value>
    let constantCount: Int
    let strings: [String]
    let functions: [BytecodeFunction]
    let builtins: [BuiltinFunction]
    /// Read in place through a pointer (see `makeObject`).
    let extras: UnsafeMutablePointer<InstructionExtra>
    let extraCount: Int
    /// For each instruction, where an error it throws is reported (nil: nowhere in particular).
    let locations: UnsafeMutablePointer<SourceLocation?>
    /// The variable an instruction reads, by instruction, for "used before it is assigned".
    let variableNames: [Int: String]
    /// The `try` blocks, inner ones after the blocks they are in.
    let handlers: [TryHandler]
    let hasHandlers: Bool

    init(name: String, registerCount: Int, variableCount: Int, isLeaf: Bool, arguments: ClosedRange<Int>,
         decl: FunctionDecl?, code: [Instruction], constants: [Value], strings: [String],
         functions: [BytecodeFunction], builtins: [BuiltinFunction], extras: [InstructionExtra],
         locations: [SourceLocation?], variableNames: [Int: String], handlers: [TryHandler]) {
        self.name = name
        self.registerCount = registerCount
        self.variableCount = variableCount
        self.isLeaf = isLeaf
        self.minimumArguments = arguments.lowerBound
        self.maximumArguments = arguments.upperBound
        self.decl = decl
        self.code = .allocate(capacity: max(code.count, 1))
        self.code.initialize(from: code, count: code.count)
        self.codeCount = code.count
        self.constants = .allocate(capacity: max(constants.count, 1))
        self.constants.initialize(from: constants, count: constants.count)
        self.constantCount = constants.count
        self.strings = strings
        self.functions = functions
        self.builtins = builtins
        self.extras = .allocate(capacity: max(extras.count, 1))
        self.extras.initialize(from: extras, count: extras.count)
        self.extraCount = extras.count
        self.locations = .allocate(capacity: max(locations.count, 1))
        self.locations.initialize(from: locations, count: locations.count)
        self.variableNames = variableNames
        self.handlers = handlers
        self.hasHandlers = !handlers.isEmpty
    }

    deinit {
        code.deinitialize(count: codeCount)
        code.deallocate()
        constants.deinitialize(count: constantCount)
        constants.deallocate()
        locations.deinitialize(count: codeCount)
        locations.deallocate()
        extras.deinitialize(count: extraCount)
        extras.deallocate()
    }
}

/// A `try` block: the instructions it covers, where its `catch` starts and the register of the
/// error's name (-1: none). A table rather than instructions that push and pop handlers at run time,
/// as the JVM's exception tables are: a `try` costs nothing until something throws.
struct TryHandler {
    let start: Int32
    let end: Int32
    let target: Int32
    let errorRegister: Int32
}

extension BytecodeFunction {
    /// The innermost `try` block around instruction `pc`.
    func handler(at pc: Int) -> TryHandler? {
        handlers.last { Int($0.start) <= pc && pc < Int($0.end) }
    }
}

/// A bytecode function together with the environment it was made in: the frame of the function
/// (or module) that defined it.
final class BytecodeClosure: Callable, @unchecked Sendable {
    let function: BytecodeFunction
    let captured: Frame

    init(function: BytecodeFunction, captured: Frame) {
        self.function = function
        self.captured = captured
        super.init(name: function.name, kind: .bytecode)
    }
}

extension Value {
    /// The bytecode function this value holds, if any (checked by a stored tag rather than `as?`).
    @inline(__always)
    var bytecodeClosure: BytecodeClosure? {
        guard case .function(let callable) = self, callable.kind == .bytecode else { return nil }
        return unsafeDowncast(callable, to: BytecodeClosure.self)
    }
}

/// A variable an instruction writes that may live outside the running function.
enum VariableReference {
    /// A register of the running function.
    case register(Int32)
    /// Slot `slot` of the environment `hops` frames up from the running one.
    case upvalue(hops: Int, slot: Int)
}

/// What an instruction needs beyond its four operands; found by `Instruction.d`. `indirect`, so
/// that reading one copies a reference, not the largest case (a request's ~300 bytes were copied
/// three times per object literal).
indirect enum InstructionExtra {
    /// An object literal's keys, and their shape when no key repeats.
    case objectKeys([String], ObjectShape?)
    /// A string with `<<...>>` parts: the text between them (nil: the next expression's value), and
    /// where the first expression is, for a too-long result.
    case interpolation([String?], SourceLocation?)
    /// `for i in range(...)`: the loop variable's register, where the loop ends, and the call.
    case range(variable: Int32, exit: Int32, call: SourceLocation)
    /// What `for` or a comprehension walks, and where it is written for the errors.
    case iteration(SourceLocation, pairs: Bool)
    /// A variable written in place (`x^k = v`, `x += v`): where it lives and how it is named.
    case variable(VariableReference, name: String, SourceLocation)
    case assertion(source: String, comparison: (BinaryOperator, SourceLocation)?)
    case importDecl(ImportDecl)
    case param(name: String, SourceLocation)
    case request(RequestExpr, template: [(text: String?, location: SourceLocation)]?)
    case auth(profile: Bool)
}
