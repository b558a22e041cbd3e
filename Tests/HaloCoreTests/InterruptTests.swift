import Foundation
import Testing
@testable import HaloCore

/// Ctrl-C (the flag the REPL raises) stops running code, which `try` cannot swallow.
@Suite struct InterruptTests {
    private func interrupted(_ source: String, after seconds: Double) -> (ScriptError?, Double) {
        var options = InterpreterOptions()
        options.output = { _ in }
        let flag = InterruptFlag()
        options.interrupt = flag
        let interpreter = Interpreter(options)
        // A thread of its own: under a full parallel test run, GCD's pool can be busy for minutes.
        Thread {
            Thread.sleep(forTimeInterval: seconds)
            flag.raise()
        }.start()
        let started = Date()
        do {
            try interpreter.run(source: source, file: "t.halo")
            return (nil, Date().timeIntervalSince(started))
        } catch {
            return (error as? ScriptError, Date().timeIntervalSince(started))
        }
    }

    @Test func aWhileLoopStops() {
        let (error, _) = interrupted("i = 0\nwhile true { i += 1 }", after: 0.1)
        #expect(error?.kind == .interrupted)
        #expect(error?.exitCode == 130)
    }

    @Test func aForLoopInsideTryStillStops() {
        let (error, _) = interrupted("for i in range(1000000000) { try { x = i } catch e { print e } }", after: 0.1)
        #expect(error?.kind == .interrupted)
    }

    @Test func tryDoesNotCatchIt() {
        let (error, _) = interrupted("try { while true {} } catch e { print \"caught\" }\nprint \"after\"", after: 0.1)
        #expect(error?.kind == .interrupted)
    }

    @Test func sleepEndsSoonAfterTheFlagIsRaised() {
        let (error, elapsed) = interrupted("sleep(30)", after: 0.2)
        #expect(error?.kind == .interrupted)
        #expect(elapsed < 5)
    }
}
