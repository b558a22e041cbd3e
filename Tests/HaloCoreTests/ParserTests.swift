import Testing
@testable import HaloCore

@Suite struct ParserTests {

    // Every syntax error: its message and its line:column. Lexer and parser errors come from
    // Parser.parse; unknown names, misplaced break/continue/return come from the resolver before running.

    // MARK: - Parsing that succeeds

    @Test func parsesOneStatementPerLineOrSemicolon() throws {
        #expect(try Parser.parse("a = 1\nb = 2; c = 3\n\n", file: "t.halo").count == 3)
    }

    @Test func statementMayFollowABlockOnTheSameLine() throws {
        #expect(try Parser.parse("if true { a = 1 } b = 2", file: "t.halo").count == 2)
    }

    @Test func elseAndCatchMayStartTheNextLine() throws {
        #expect(try Parser.parse("if x {\n}\nelse {\n}\ntry {\n}\ncatch e {\n}", file: "t.halo").count == 2)
    }

    @Test func objectListAndCallLiteralsMaySpanLines() throws {
        #expect(try Parser.parse("x = {\n  a: [\n    1,\n    2,\n  ],\n}\nf(\n  x\n)", file: "t.halo").count == 2)
    }

    @Test func syntaxErrorsHaveKindSyntax() {
        #expect(runError("x = (")?.kind == .syntax)
    }

    // MARK: - Lexer errors

    @Test func numberOutOfRange() {
        #expect(syntaxError("x = 1e999") == "1:5: number 1e999 is out of range")
    }

    @Test func unterminatedDoubleQuotedString() {
        #expect(syntaxError(#"x = "abc"#) == "1:5: unterminated string")
    }

    @Test func unterminatedSingleQuotedString() {
        #expect(syntaxError("x = 'abc") == "1:5: unterminated string")
    }

    /// Defect (reported): after a trailing backslash the error points at the end of input, not the string.
    @Test func unterminatedStringEndingInBackslashPointsAtTheString() {
        #expect(syntaxError(#"x = "abc\"#) == "1:5: unterminated string")
    }

    @Test func unknownEscape() {
        #expect(syntaxError(#"x = "a\qb""#) == #"1:7: unknown escape \q"#)
    }

    @Test func unicodeEscapeNeedsFourHexDigits() {
        #expect(syntaxError(#"x = "\u12""#) == #"1:6: \u needs four hex digits"#)
    }

    @Test func unicodeEscapeHighSurrogateNeedsALowOne() {
        #expect(syntaxError(#"x = "\uD800\u0041""#) == #"1:6: invalid surrogate pair in \u escape"#)
    }

    @Test func unicodeEscapeLoneLowSurrogateIsInvalid() {
        #expect(syntaxError(#"x = "\uDC00""#) == #"1:6: invalid \u escape"#)
    }

    @Test func unterminatedInterpolation() {
        #expect(syntaxError(#"x = "a <<b""#) == "1:8: unterminated <<...>> interpolation")
    }

    @Test func emptyInterpolation() {
        #expect(syntaxError(#"x = "a <<  >>""#) == "1:8: empty <<>> interpolation")
    }

    @Test func bangSuggestsNot() {
        #expect(syntaxError("if !x {}") == "1:4: unexpected '!': write 'not' for negation")
    }

    @Test func unexpectedCharacter() {
        #expect(syntaxError("x = 1 @ 2") == "1:7: unexpected character '@'")
    }

    // MARK: - Parser errors

    @Test func unclosedParenthesis() {
        #expect(syntaxError("print (1 + 2") == "1:13: expected ')' to close the parenthesis, found end of input")
    }

    @Test func unclosedList() {
        #expect(syntaxError("x = [1, 2") == "1:10: expected ']' to close the list opened at 1:5, found end of input")
    }

    @Test func missingCommaInAMultiLineList() {
        #expect(syntaxError("x = [1,\n  2 3]") == "2:5: expected ']' to close the list opened at 1:5, found number 3")
    }

    @Test func unclosedObject() {
        #expect(syntaxError("x = {a: 1") == "1:10: expected '}' to close the object opened at 1:5, found end of input")
    }

    @Test func objectKeyNeedsAColon() {
        #expect(syntaxError("x = {a 1}") == "1:8: expected ':' after the key 'a', found number 1")
    }

    @Test func objectKeyMustBeANameStringOrInteger() {
        #expect(syntaxError("x = {1.5: 2}") == "1:6: expected a key in the object, found number 1.5")
    }

    @Test func objectKeyCannotInterpolate() {
        #expect(syntaxError(#"x = {"a<<1>>": 2}"#) == "1:6: an object key cannot interpolate <<...>>")
    }

    @Test func missingObjectValue() {
        #expect(syntaxError("x = {a: 1,\n b: ,}") == "2:5: expected an expression, found ','")
    }

    @Test func unclosedCall() {
        #expect(syntaxError("f(1, 2") == "1:7: expected ')' to close the call opened at 1:2, found end of input")
    }

    @Test func expressionExpected() {
        #expect(syntaxError("x = )") == "1:5: expected an expression, found ')'")
    }

    @Test func expressionExpectedAtEndOfInput() {
        #expect(syntaxError("x = 5 +") == "1:8: expected an expression, found end of input")
    }

    @Test func expressionExpectedBeforeSemicolon() {
        #expect(syntaxError("x = 1; y = ; z = 2") == "1:12: expected an expression, found ';'")
    }

    @Test func operatorAtTheStartOfALineDoesNotContinueThePreviousOne() {
        #expect(syntaxError("x = 1\n+ 2") == "2:1: expected an expression, found '+'")
    }

    @Test func caretAtTheStartOfALineDoesNotContinueThePreviousOne() {
        #expect(syntaxError("x = {a: 1}\nprint x\n  ^a") == "3:3: expected an expression, found '^'")
    }

    @Test func deeplyNestedExpressionIsAnErrorNotACrash() {
        let source = "x = " + String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
        #expect(syntaxError(source) == "1:205: nested too deeply (more than 200 levels)")
    }

    @Test func twoExpressionsOnOneLine() {
        #expect(syntaxError("x = 1 2") == "1:7: expected end of statement, found number 2")
    }

    @Test func unclosedBlock() {
        #expect(syntaxError("if true { print 1") == "1:18: expected '}' to close the block opened at 1:9, found end of input")
    }

    @Test func ifNeedsABlock() {
        #expect(syntaxError("if x == 1 print 2") == "1:11: expected '{' to open a block, found 'print'")
    }

    @Test func whileNeedsABlock() {
        #expect(syntaxError("while true") == "1:11: expected '{' to open a block, found end of input")
    }

    @Test func forNeedsIn() {
        #expect(syntaxError("for x [1] {}") == "1:7: expected 'in' after the loop variable, found '['")
    }

    @Test func loopVariableCannotBeAKeyword() {
        #expect(syntaxError("for if in x {}") == "1:5: 'if' is a keyword and cannot be used as a loop variable")
    }

    @Test func tryNeedsCatch() {
        #expect(syntaxError("try { } print 1") == "1:9: expected 'catch' after the try block")
    }

    @Test func importNeedsAPlainString() {
        #expect(syntaxError("import foo")
            == #"1:8: expected a module path string after 'import', such as import "halo/tickets""#)
    }

    @Test func paramOnlyAtTopLevel() {
        #expect(syntaxError("fn f() { param x = 1 }") == "1:10: 'param' belongs at the top level of a runbook")
    }

    @Test func assignmentNeedsANameOrChild() {
        #expect(syntaxError("1 = 2") == "1:1: can only assign to a name or to a name's ^ child")
    }

    @Test func compoundAssignmentOnAChildIsAnError() {
        #expect(syntaxError("x^a += 1") == "1:5: '+=' works on a name, not a ^ child")
    }

    @Test func duplicateParameter() {
        #expect(syntaxError("fn f(a, a) {}") == "1:9: duplicate parameter 'a'")
    }

    @Test func parameterWithoutDefaultAfterOneWithDefault() {
        #expect(syntaxError("fn f(a = 1, b) {}") == "1:13: parameter 'b' needs a default: it follows one that has a default")
    }

    @Test func parameterCannotBeAKeyword() {
        #expect(syntaxError("fn f(if) {}") == "1:6: 'if' is a keyword and cannot be used as a parameter name")
    }

    /// Defect (reported): the keyword message exists but `fn if` is parsed as an anonymous `fn` instead.
    @Test func functionNameCannotBeAKeyword() {
        #expect(syntaxError("fn if() {}") == "1:4: 'if' is a keyword and cannot be used as a function name")
    }

    @Test func dotSuggestsCaret() {
        #expect(syntaxError("x = a.b") == "1:6: '.' does not read a child here: write ^ as Halo does, e.g. response^clients")
    }

    @Test func caretNeedsAKey() {
        #expect(syntaxError("x = a^[") == "1:7: expected a name, an index, a string or ( ) after '^', found '['")
    }

    @Test func comprehensionNeedsIn() {
        #expect(syntaxError("x = [x for x of y]") == "1:14: expected 'in' in the comprehension, found 'of'")
    }

    @Test func interpolationHoldsOneExpression() {
        #expect(syntaxError(#"print "<<1 2>>""#) == "1:12: unexpected number 2 in <<...>>")
    }

    @Test func interpolationErrorsPointIntoTheString() {
        #expect(syntaxError(#"print "ab <<1 +>>""#) == "1:16: expected an expression, found end of input")
    }

    @Test func requestNeedsAPath() {
        #expect(syntaxError("get") == "1:4: expected a path after 'get', such as /api/client")
    }

    @Test func postNeedsABody() {
        #expect(syntaxError("post /api/x")
            == #"1:1: post needs a body: an object or a list, e.g. post /api/tickets {summary: "..."}"#)
    }

    @Test func outputVariableNeedsAName() {
        #expect(syntaxError("get /x -> 1 = response") == "1:11: expected an output variable name after '->', found number 1")
    }

    @Test func outputVariableNeedsEquals() {
        #expect(syntaxError("get /x -> a response") == "1:13: expected '=' after the output variable 'a', found 'response'")
    }

    @Test func outputVariableMustStartWithResponse() {
        #expect(syntaxError("get /x -> a = clients")
            == "1:15: an output variable's value must start with 'response', as in Halo: -> a = response^...")
    }

    // MARK: - Resolver errors (reported before anything runs)

    @Test func unknownName() {
        #expect(errorAt("print y") == "1:7: unknown name 'y'")
    }

    @Test func unknownNameSuggestsTheClosestKnownName() {
        #expect(errorAt("clients = 1\nprint client") == "2:7: unknown name 'client'; did you mean 'clients'?")
    }

    @Test func unknownNameInsideInterpolation() {
        #expect(errorAt(#"print "ab <<nope>>""#) == "1:13: unknown name 'nope'")
    }

    @Test func unknownNameInsideARequestPath() {
        #expect(errorAt("get /api/<<nope>>") == "1:12: unknown name 'nope'")
    }

    @Test func unknownNameStopsTheScriptBeforeItRuns() {
        let sink = OutputLines()
        #expect(throws: ScriptError.self) { _ = try makeInterpreter(sink).run(source: "print 1\nprint nope", file: "t.halo") }
        #expect(sink.lines.isEmpty)
    }

    @Test func breakOutsideALoop() {
        #expect(errorAt("break") == "1:1: 'break' outside a loop")
    }

    @Test func continueOutsideALoop() {
        #expect(errorAt("if true { continue }") == "1:11: 'continue' outside a loop")
    }

    @Test func breakInAFunctionInsideALoopIsOutsideTheLoop() {
        #expect(errorAt("for x in [1] {\n  fn f() { break }\n}") == "2:12: 'break' outside a loop")
    }

    @Test func returnOutsideAFunction() {
        #expect(errorAt("return 1") == "1:1: 'return' outside a function")
    }
}
