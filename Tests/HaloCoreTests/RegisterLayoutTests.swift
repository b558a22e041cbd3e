import Testing
@testable import HaloCore

/// The VM reads and writes the ints of a range loop's state through their payloads
/// (`intPayload`, `setIntPayload`), which holds only while `Value?` keeps `.int`'s payload at
/// offset 0. A compiler that laid it out otherwise fails here, not in a loop.
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
}
