import Testing
@testable import HaloCore

/// What the command tells the language about credentials.
@Suite struct SecretGuardTests {
    @Test func envRefusesAProtectedVariable() {
        var options = InterpreterOptions()
        options.secrets = SecretGuard(protectedVariables: { ["PATH"] })
        options.output = { _ in }
        let interpreter = Interpreter(options)
        #expect(throws: ScriptError.self) { try interpreter.run(source: "print env(\"PATH\")", file: "t.halo") }
        #expect((try? interpreter.run(source: "env(\"HOME\")", file: "t.halo")) != nil)
    }

    @Test func printMasksASecretLearnedDuringTheRun() throws {
        var printed: [String] = []
        var options = InterpreterOptions()
        let secrets = SecretGuard()
        options.secrets = secrets
        options.output = { printed.append($0) }
        let interpreter = Interpreter(options)
        try interpreter.run(source: "print \"tok-12345 before\"", file: "t.halo")
        secrets.add("tok-12345")
        try interpreter.run(source: "print \"tok-12345 after\"", file: "t.halo")
        #expect(printed == ["tok-12345 before", "*** after"])
    }
}
