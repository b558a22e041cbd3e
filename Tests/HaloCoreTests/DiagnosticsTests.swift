import Testing
@testable import HaloCore

@Suite struct DiagnosticsTests {
    @Test func syntaxErrorIsRenderedWithFileLineColumnSourceAndCaret() {
        #expect(rendered("x = 1\ny = (2 +\n", file: "job.halo") == """
            job.halo:3:1: error: expected an expression, found end of input
             3 | \n   | ^
            """)
    }

    @Test func runtimeErrorIsRenderedWithACaretUnderTheOperator() {
        #expect(rendered("total = 0\ntotal = total + \"x\"", file: "job.halo") == """
            job.halo:2:15: error: cannot add number and string
             2 | total = total + "x"
               |               ^
            """)
    }

    @Test func caretCountsCharactersAndKeepsTabs() {
        #expect(rendered("if true {\n\tx = \"é\" + 1\n}", file: "t.halo") == """
            t.halo:2:10: error: cannot add string and number: use str(x) or "<<x>>" to make text
             2 | \tx = "é" + 1
               | \t        ^
            """)
    }

    @Test func gutterWidensForLongLineNumbers() {
        let source = String(repeating: "\n", count: 11) + "print nope"
        #expect(rendered(source, file: "t.halo") == """
            t.halo:12:7: error: unknown name 'nope'
             12 | print nope
                |       ^
            """)
    }

    @Test func unknownNameSuggestsTheClosestName() {
        #expect(rendered("clients = [1]\nfor c in client { }", file: "t.halo") == """
            t.halo:2:10: error: unknown name 'client'; did you mean 'clients'?
             2 | for c in client { }
               |          ^
            """)
    }

    @Test func unknownNameSuggestsABuiltin() {
        #expect(errorAt("print lenn([1])") == "1:7: unknown name 'lenn'; did you mean 'len'?")
    }

    @Test func unknownNameFarFromEveryNameHasNoSuggestion() {
        #expect(errorAt("print zzzzzz") == "1:7: unknown name 'zzzzzz'")
    }

    @Test func runtimeErrorInsideNestedFunctionsListsTheCallChain() {
        let source = """
            fn a(x) { return b(x) }
            fn b(y) {
              return y^z < 1
            }
            a({z: "s"})
            """
        #expect(rendered(source, file: "t.halo") == """
            t.halo:3:14: error: cannot compare string with number
             3 |   return y^z < 1
               |              ^
              in b() called at t.halo:1:18
              in a() called at t.halo:5:1
            """)
    }

    @Test func failInsideAFunctionListsTheCallChain() {
        let error = runError("fn g() { fail \"nope\" }\nfn f() {\n  return g()\n}\nf()")
        #expect(located(error) == "1:10: nope")
        #expect(error?.notes == ["in g() called at test.halo:3:10", "in f() called at test.halo:5:1"])
    }

    @Test func failedAssertIsRenderedAsAssertionFailedWithOperands() {
        #expect(rendered("x = 1\nassert x == 2, \"x should be 2\"", file: "t.halo") == """
            t.halo:2:1: assertion failed: x should be 2 (x == 2)
             2 | assert x == 2, "x should be 2"
               | ^
              left:  1
              right: 2
            """)
    }

    @Test func errorFromABuiltinIsPlacedAtTheCall() {
        #expect(errorAt("print len(1, 2)") == "1:7: len() takes 1 argument, got 2")
    }

    @Test func errorInAnImportedModuleQuotesThatModulesLine() throws {
        let files = try TemporaryFiles(["rt.halo": "fn boom() { return 1 / 0 }\n"])
        let text = rendered("import \"./rt\"\nboom()", file: files.path("main.halo")) ?? ""
        #expect(text.contains("rt.halo:1:22: error: division by zero\n 1 | fn boom() { return 1 / 0 }\n   |                      ^"))
        #expect(text.hasSuffix("in boom() called at \(files.path("main.halo")):2:1"))
    }

    @Test func colorWrapsTheHeaderInAnsiCodes() {
        let error = ScriptError(.runtime, "bad", at: SourceLocation(file: "t.halo", line: 1, column: 1))
        let sources = SourceStore()
        sources.add("x", file: "t.halo")
        #expect(DiagnosticRenderer.render(error, sources: sources, color: true).hasPrefix("\u{1B}[1mt.halo:1:1:\u{1B}[0m \u{1B}[1;31merror:"))
    }

    @Test func errorWithoutAPositionIsRenderedWithoutASourceLine() {
        #expect(DiagnosticRenderer.render(ScriptError(.usage, "no runbook given"), sources: SourceStore())
            == "error: no runbook given")
    }

    // MARK: - Exit codes

    @Test func runtimeErrorExitsWith1() {
        #expect(runError("x = 1 / 0")?.exitCode == 1)
    }

    @Test func failExitsWith1() {
        #expect(runError("fail \"stop\"")?.exitCode == 1)
    }

    @Test func syntaxErrorExitsWith2() {
        #expect(runError("x = (")?.exitCode == 2)
    }

    @Test func unknownNameExitsWith2() {
        #expect(runError("print nope")?.exitCode == 2)
    }

    @Test func missingParamIsAUsageErrorExitingWith2() {
        #expect(runError("param client")?.exitCode == 2)
    }

    @Test func failedAssertExitsWith3() {
        #expect(runError("assert 1 == 2")?.exitCode == 3)
    }

    @Test func checkReportsErrorsWithoutRunning() throws {
        let sink = OutputLines()
        let interpreter = makeInterpreter(sink)
        try interpreter.check(source: "print 1\nx = 1 / 0", file: "t.halo")
        #expect(sink.lines.isEmpty)
        #expect(throws: ScriptError.self) { try interpreter.check(source: "print nope", file: "t.halo") }
    }
}
