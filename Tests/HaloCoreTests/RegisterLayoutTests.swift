import Testing
@testable import HaloCore

/// The VM reads and writes the ints of a range loop's state through their payloads
/// (`intPayload`, `setIntPayload`), and calls a script function through the reference in the
/// callee's register without counting it (`borrowedClosure`): both hold only while `Value?` keeps
/// the payload at offset 0. A compiler that laid it out otherwise fails here, not in a call.
@Suite struct RegisterLayoutTests {
    @Test(arguments: [0, 1, -1, 42, Int.max, Int.min])
    func anIntRegisterKeepsItsPayloadAtOffsetZero(_ n: Int) {
        let register = UnsafeMutablePointer<Value?>.allocate(capacity: 1)
        defer { register.deinitialize(count: 1); register.deallocate() }
        register.initialize(to: .int(n))
        #expect(intPayload(register) == n)
        setIntPayload(register, n &+ 7)
        #expect(register.pointee == .int(n &+ 7))
    }

    @Test func aFunctionRegisterKeepsItsReferenceAtOffsetZero() throws {
        let interpreter = Interpreter(InterpreterOptions())
        try interpreter.run(source: "fn twice(x) { return x * 2 }", file: "layout.halo")
        let function = try #require(interpreter.globals.first { $0.name == "twice" }?.value)
        let register = UnsafeMutablePointer<Value?>.allocate(capacity: 1)
        defer { register.deinitialize(count: 1); register.deallocate() }
        register.initialize(to: function)
        let borrowed = try #require(borrowedClosure(register))
        #expect(borrowed.takeUnretainedValue() === function.bytecodeClosure)
    }

    @Test(arguments: [Value.null, .int(3), .string("twice"), .function(BuiltinFunction("b", arity: 0...0) { _, _ in .null })])
    func aRegisterWithoutAScriptFunctionBorrowsNone(_ value: Value) {
        let register = UnsafeMutablePointer<Value?>.allocate(capacity: 1)
        defer { register.deinitialize(count: 1); register.deallocate() }
        register.initialize(to: value)
        #expect(borrowedClosure(register) == nil)
    }
}
