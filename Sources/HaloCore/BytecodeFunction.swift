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
        (self.code, codeCount) = Self.buffer(code)
        (self.constants, constantCount) = Self.buffer(constants)
        self.strings = strings
        self.functions = functions
        self.builtins = builtins
        (self.extras, extraCount) = Self.buffer(extras)
        (self.locations, _) = Self.buffer(locations)
        self.variableNames = variableNames
        self.handlers = handlers
    }

    /// A table the dispatch loop reads through a raw pointer (no bounds check, no retain of an array).
    private static func buffer<T>(_ items: [T]) -> (UnsafeMutablePointer<T>, Int) {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(items.count, 1))
        pointer.initialize(from: items, count: items.count)
        return (pointer, items.count)
    }

    private static func free<T>(_ pointer: UnsafeMutablePointer<T>, _ count: Int) {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    deinit {
        Self.free(code, codeCount)
        Self.free(constants, constantCount)
        Self.free(locations, codeCount)
        Self.free(extras, extraCount)
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
