import Testing
@testable import HaloCore

@Suite struct InterpreterTests {

    // MARK: - Numbers keep integer-ness

    @Test func divisionOfIntegersIsWholeOnlyWhenItDividesEvenly() throws {
        #expect(try exact("7 / 2") == "double(3.5)")
        #expect(try exact("6 / 2") == "int(3)")
    }

    @Test func integerArithmeticStaysInteger() throws {
        #expect(try exact("2 + 3") == "int(5)")
        #expect(try exact("2 * 3 - 1") == "int(5)")
        #expect(try exact("7 % 3") == "int(1)")
    }

    @Test func mixingAnIntegerAndADoubleGivesADouble() throws {
        #expect(try exact("1 + 2.5") == "double(3.5)")
        #expect(try exact("3 * 2.0") == "double(6.0)")
    }

    @Test func integerOverflowIsAnErrorNotADouble() {
        #expect(runError("9223372036854775807 + 1")?.message.hasPrefix("integer overflow: 9223372036854775807 + 1") == true)
    }

    @Test func printShowsIntegersWithoutAFraction() throws {
        #expect(try run("print 7 / 2, 6 / 2, 2 + 3, 2.50, -3.5") == ["3.5 3 5 2.5 -3.5"])
    }

    // MARK: - Literals

    @Test func numberLiterals() throws {
        #expect(try exact("42") == "int(42)")
        #expect(try exact("-3.5") == "double(-3.5)")
        #expect(try exact("1e3") == "double(1000.0)")
    }

    @Test func booleanAndNullLiterals() throws {
        #expect(try run("print true, false, null") == ["true false null"])
    }

    @Test func listAndObjectLiteralsAllowTrailingCommas() throws {
        #expect(try run(#"print [1, 2,], {name: "Acme", "quoted key": 1,}"#) == [#"[1,2] {"name":"Acme","quoted key":1}"#])
    }

    @Test func objectKeysKeepInsertionOrder() throws {
        #expect(try run("print {z: 1, a: 2, m: 3}") == [#"{"z":1,"a":2,"m":3}"#])
    }

    @Test func objectKeysMayBeKeywordsOrIntegers() throws {
        #expect(try run(#"print {if: 1, 2: "two"}"#) == [#"{"if":1,"2":"two"}"#])
    }

    @Test func repeatedObjectKeyKeepsItsPlaceAndTakesTheLastValue() throws {
        #expect(try run("print {a: 1, b: 2, a: 3}") == [#"{"a":3,"b":2}"#])
    }

    @Test func pastedJSONIsAnExpression() throws {
        let source = """
        payload = {
          "summary": "Printer offline",
          "client_id": 12,
          "tags": ["a", "b"],
          "customfields": [{"name": "CFAsset", "value": null}],
          "urgent": true,
          "rate": 1.5e2
        }
        print payload^customfields^0^name, payload^rate, payload
        """
        #expect(try run(source) == [
            #"CFAsset 150.0 {"summary":"Printer offline","client_id":12,"tags":["a","b"],"customfields":[{"name":"CFAsset","value":null}],"urgent":true,"rate":150.0}"#,
        ])
    }

    // MARK: - Strings

    @Test func doubleQuotedStringEscapes() throws {
        #expect(try run(#"print "a\tb\n\"q\" \\ \<<x>> \u00e9""#) == ["a\tb\n\"q\" \\ <<x>> é"])
    }

    @Test func interpolationEvaluatesExpressions() throws {
        let source = #"""
        t = {id: 5, client_name: "Acme"}
        print "Ticket <<t^id>> for <<t^client_name>>: <<1 + 2>> <<upper("x")>>"
        """#
        #expect(try run(source) == ["Ticket 5 for Acme: 3 X"])
    }

    @Test func interpolationShowsNonStringsAsCompactJSON() throws {
        #expect(try run(#"print "<<[1, "a"]>> <<null>> <<{a: true}>>""#) == [#"[1,"a"] null {"a":true}"#])
    }

    @Test func interpolationMayHoldAQuotedKey() throws {
        #expect(try run(#"t = {"a b": 1}; print "<<t^"a b">>""#) == ["1"])
    }

    @Test func singleQuotedStringsAreRaw() throws {
        #expect(try run(#"print 'no \n escapes, no <<interpolation>>'"#) == [#"no \n escapes, no <<interpolation>>"#])
    }

    // MARK: - The ^ operator

    @Test func caretReadsAChildByName() throws {
        #expect(try run("a = {name: \"Acme\"}\nprint a^name") == ["Acme"])
    }

    @Test func caretIndexesListsFromZero() throws {
        #expect(try run("a = [10, 20, 30]\nprint a^0, a^2") == ["10 30"])
    }

    @Test func caretNegativeIndexCountsFromTheEnd() throws {
        #expect(try run("a = [10, 20, 30]\nprint a^-1, a^-3") == ["30 10"])
    }

    @Test func caretQuotedKey() throws {
        #expect(try run(#"a = {"key with spaces": 1}; print a^"key with spaces""#) == ["1"])
    }

    @Test func caretComputedKey() throws {
        #expect(try run(#"a = {ab: 1, list: [5, 6]}; k = "a"; print a^(k + "b"), a^list^(3 - 2)"#) == ["1 6"])
    }

    @Test func caretWithANameMapsOverAList() throws {
        let source = #"""
        response = {clients: [{name: "A", site: {id: 1}}, {name: "B"}]}
        print response^clients^name, response^clients^site^id
        """#
        #expect(try run(source) == [#"["A","B"] [1,null]"#])
    }

    @Test func caretWithAnIndexOnAListPicksOneElement() throws {
        #expect(try run(#"r = {clients: [{name: "A"}, {name: "B"}]}; print r^clients^1^name"#) == ["B"])
    }

    @Test func caretMissingKeyOrIndexIsNull() throws {
        #expect(try run("a = {x: [1]}\nprint a^nope, a^x^5") == ["null null"])
    }

    @Test func caretOnNullIsNull() throws {
        #expect(try run("a = null\nprint a^b^c, {}^x^y^0") == ["null null"])
    }

    @Test func caretComputedKeyMustBeANameOrIndex() {
        #expect(errorAt("x = [1]^(true)") == "1:8: a ^ key must be a name or an index, got bool")
    }

    // MARK: - ?? and the logical operators

    @Test func coalesceReplacesOnlyNull() throws {
        #expect(try run(#"print null ?? 1, 0 ?? 1, false ?? 2, "" ?? 3, {a: 1}^b ?? "default""#) == ["1 0 false  default"])
    }

    @Test func coalesceChains() throws {
        #expect(try run("print null ?? null ?? 3") == ["3"])
    }

    @Test func coalesceBindsTighterThanComparisonAndLooserThanPlus() throws {
        #expect(try run("x = null\nprint x ?? 1 + 2, x ?? 0 == 0") == ["3 true"])
    }

    @Test func andOrReturnAnOperand() throws {
        #expect(try run(#"print 1 and 2, 0 and 2, null or "x", 1 or 2"#) == ["2 0 x 1"])
    }

    @Test func andOrShortCircuit() throws {
        #expect(try run("fn boom() { fail \"evaluated\" }\nprint false and boom(), true or boom()") == ["false true"])
    }

    @Test func notNegatesTruthiness() throws {
        #expect(try run(#"print not null, not 0, not "", not [], not {}, not "x", not [0]"#) == ["true true true true true false false"])
    }

    // MARK: - Operators and precedence

    @Test func arithmeticOperators() throws {
        #expect(try run("print 7 + 2, 7 - 2, 7 * 2, 7 / 2, 7 % 2, -7 % 2, 7.5 % 2, -(3)") == ["9 5 14 3.5 1 -1 1.5 -3"])
    }

    @Test func multiplicationBindsTighterThanAddition() throws {
        #expect(try run("print 1 + 2 * 3, (1 + 2) * 3, 10 - 4 - 3, 8 / 4 / 2") == ["7 9 3 1"])
    }

    @Test func unaryMinusBindsTighterThanMultiplication() throws {
        #expect(try run("x = 3\nprint -x * 2, 2 * -x") == ["-6 -6"])
    }

    @Test func comparisonBindsLooserThanArithmetic() throws {
        #expect(try run("print 1 + 1 == 2, 2 * 3 > 5, 1 < 2 == true") == ["true true true"])
    }

    @Test func notBindsLooserThanComparison() throws {
        #expect(try run("print not 1 == 2, not 3 in [1]") == ["true true"])
    }

    @Test func notInIsTheNegationOfIn() throws {
        #expect(try run("print 3 not in [1], 1 not in [1]") == ["true false"])
    }

    @Test func andBindsTighterThanOr() throws {
        #expect(try run("print true or true and false, (true or true) and false") == ["true false"])
    }

    @Test func comparisonOperators() throws {
        #expect(try run(#"print 1 < 2, 2 <= 2, 3 > 2, 2 >= 3, 1 != 2, "a" < "b", 1 < 2.5"#)
            == ["true true true false true true true"])
    }

    @Test func lessThanAcrossTypesIsAnError() {
        #expect(errorAt(#"print 1 < "a""#) == "1:9: cannot compare number with string")
        #expect(errorAt("print null < 1") == "1:12: cannot compare null with number")
    }

    @Test func equalityIsDeep() throws {
        #expect(try run("print [1, [2, {a: 1}]] == [1, [2, {a: 1}]], {a: 1, b: 2} == {b: 2, a: 1}, [1] == [2]")
            == ["true true false"])
    }

    @Test func equalityComparesNumbersByValueAndNeverAcrossOtherTypes() throws {
        #expect(try run(#"print 1 == 1.0, "1" == 1, null == null, null == false, 0 == false"#) == ["true false true false false"])
    }

    @Test func inTestsListMembershipObjectKeysAndSubstrings() throws {
        #expect(try run(#"print 2 in [1, 2], 3 in [1, 2], "a" in {a: 1}, "b" in {a: 1}, "cm" in "Acme", {a: 1} in [{a: 1}]"#)
            == ["true false true false true true"])
    }

    @Test func inNullIsFalse() throws {
        #expect(try run("print 1 in null") == ["false"])
    }

    @Test func inNeedsACollectionOrString() {
        #expect(errorAt(#"print "a" in 5"#) == "1:11: 'in' needs a list, an object or a string on the right, got number")
    }

    @Test func plusAddsNumbersAndConcatenatesStringsAndLists() throws {
        #expect(try run(#"print 1 + 2, "a" + "b", [1] + [2, 3]"#) == ["3 ab [1,2,3]"])
    }

    @Test func plusMergesObjectsRightWins() throws {
        #expect(try run("print {a: 1, b: 2} + {b: 3, c: 4}") == [#"{"a":1,"b":3,"c":4}"#])
    }

    @Test func plusOfAStringAndANumberIsAnError() {
        #expect(errorAt(#"print "a" + 1"#) == #"1:11: cannot add string and number: use str(x) or "<<x>>" to make text"#)
    }

    @Test func arithmeticOnNonNumbersIsAnError() {
        #expect(errorAt("x = [1] - [1]") == "1:9: '-' needs numbers, got list and list")
        #expect(errorAt(#"x = -"a""#) == "1:5: cannot negate string")
    }

    @Test func divisionAndModuloByZeroAreErrors() {
        #expect(errorAt("x = 1 / 0") == "1:7: division by zero")
        #expect(errorAt("x = 1 % 0") == "1:7: modulo by zero")
    }

    // MARK: - Statements

    @Test func assignmentAndReassignment() throws {
        #expect(try run("x = 1\nx = x + 1\nprint x") == ["2"])
    }

    @Test func ifElseIfElse() throws {
        let source = """
        fn size(x) {
          if x > 10 { return "big" } else if x > 3 { return "mid" } else { return "small" }
        }
        print size(20), size(5), size(1)
        """
        #expect(try run(source) == ["big mid small"])
    }

    @Test func elseMayStartTheLineAfterTheBrace() throws {
        #expect(try run("if false {\n  print 1\n}\nelse {\n  print 2\n}") == ["2"])
    }

    @Test func ifWithoutElseDoesNothingWhenFalse() throws {
        #expect(try run("if 0 { print 1 }\nprint 2") == ["2"])
    }

    @Test func forOverAList() throws {
        #expect(try run("for x in [1, 2, 3] { print x }") == ["1", "2", "3"])
    }

    @Test func forKeyValueOverAnObject() throws {
        #expect(try run("for k, v in {a: 1, b: 2} { print k, v }") == ["a 1", "b 2"])
    }

    @Test func forOneVariableOverAnObjectGivesKeys() throws {
        #expect(try run("for k in {a: 1, b: 2} { print k }") == ["a", "b"])
    }

    @Test func forIndexAndItemOverAList() throws {
        #expect(try run(#"for i, x in ["a", "b"] { print i, x }"#) == ["0 a", "1 b"])
    }

    @Test func forOverAStringGivesCharacters() throws {
        #expect(try run(#"for c in "hé" { print c }"#) == ["h", "é"])
    }

    @Test func forOverRangeCounts() throws {
        #expect(try run("for i in range(3) { print i }") == ["0", "1", "2"])
    }

    @Test func forOverNullIsAnError() {
        #expect(errorAt("for x in null {}") == "1:1: cannot loop over null (is the value missing?)")
        #expect(errorAt("for x in 5 {}") == "1:1: cannot loop over number")
        #expect(errorAt("for x in true {}") == "1:1: cannot loop over bool")
    }

    @Test func whileBreakContinue() throws {
        let source = """
        i = 0
        while true {
          i += 1
          if i == 2 { continue }
          if i > 4 { break }
          print i
        }
        print "end", i
        """
        #expect(try run(source) == ["1", "3", "4", "end 5"])
    }

    @Test func breakLeavesOnlyTheInnermostLoop() throws {
        #expect(try run("for a in [1, 2] {\n  for b in [1, 2] { break }\n  print a\n}") == ["1", "2"])
    }

    @Test func compoundAssignment() throws {
        #expect(try run(#"n = 1; n += 2; n -= 1; s = "a"; s += "b"; l = [1]; l += [2]; o = {a: 1}; o += {b: 2}; print n, s, l, o"#)
            == [#"2 ab [1,2] {"a":1,"b":2}"#])
    }

    @Test func childAssignmentWritesNestedKeysAndCreatesMissingObjects() throws {
        let source = """
        x = {a: {b: 1}}
        x^a^b = 2
        x^n^m = 3
        x^"sp key" = 4
        k = "dyn"
        x^(k) = true
        print x
        """
        #expect(try run(source) == [#"{"a":{"b":2},"n":{"m":3},"sp key":4,"dyn":true}"#])
    }

    @Test func childAssignmentWritesListElementsAndAppendsAtTheEnd() throws {
        #expect(try run("l = [1, [2, 3]]\nl^0 = 9\nl^1^-1 = 8\nl^2 = 7\nprint l") == ["[9,[2,8],7]"])
    }

    @Test func childAssignmentDoesNotChangeACopy() throws {
        #expect(try run("a = {x: 1}\nb = a\nb^x = 2\nprint a, b") == [#"{"x":1} {"x":2}"#])
    }

    @Test func childAssignmentOutsideTheListIsAnError() {
        #expect(errorAt("l = [1]\nl^5 = 1") == "2:5: index 5 is outside the list (length 1)")
    }

    @Test func childAssignmentOnANumberIsAnError() {
        #expect(errorAt("x = 1\nx^a = 2") == "2:5: cannot set a child of number")
    }

    @Test func usingANameBeforeItIsAssignedIsAnError() {
        #expect(errorAt("y = x\nx = 1") == "1:5: 'x' is used before it is assigned")
    }

    // MARK: - Functions and scoping

    @Test func functionsWithDefaults() throws {
        #expect(try run("fn add(a, b = 1) { return a + b }\nprint add(2), add(2, 3)") == ["3 5"])
    }

    @Test func defaultsMayUseEarlierParameters() throws {
        #expect(try run("fn f(a, b = a * 2) { return b }\nprint f(3)") == ["6"])
    }

    @Test func functionsWithoutReturnGiveNull() throws {
        #expect(try run("fn f() { x = 1 }\nfn g() { return }\nprint f(), g()") == ["null null"])
    }

    @Test func returnLeavesLoopsInsideTheFunction() throws {
        let source = """
        fn first_big(xs) {
          for x in xs { while true { if x > 1 { return x }; break } }
          return null
        }
        print first_big([1, 2, 3])
        """
        #expect(try run(source) == ["2"])
    }

    @Test func functionsAreValues() throws {
        let source = """
        fn twice(f, x) { return f(f(x)) }
        fn inc(x) { return x + 1 }
        g = inc
        print twice(g, 1), type(inc), twice(fn(x) { return x * 10 }, 1)
        """
        #expect(try run(source) == ["3 function 100"])
    }

    @Test func closuresKeepTheirVariables() throws {
        let source = """
        fn counter() {
          n = 0
          fn inc() {
            n += 1
            return n
          }
          return inc
        }
        c = counter()
        c()
        d = counter()
        print c(), d()
        """
        #expect(try run(source) == ["2 1"])
    }

    @Test func trailingCommasInParametersAndArguments() throws {
        #expect(try run("fn f(a, b,) { return a + b }\nprint f(1, 2,)") == ["3"])
    }

    @Test func anonymousFunctionCanBeCalledDirectly() throws {
        #expect(try run("print fn (x) { return x * 2 }(3)") == ["6"])
    }

    @Test func ownFunctionHidesABuiltinOfTheSameName() throws {
        #expect(try run("fn len(x) { return \"mine\" }\nprint len([1])") == ["mine"])
    }

    @Test func recursion() throws {
        #expect(try run("fn fact(n) { if n <= 1 { return 1 }; return n * fact(n - 1) }\nprint fact(10)") == ["3628800"])
    }

    @Test func aNameFirstAssignedInsideAFunctionIsLocal() {
        #expect(errorAt("fn f() { temp = 5; return temp }\nf()\nprint temp") == "3:7: unknown name 'temp'")
    }

    @Test func assigningAnExistingGlobalInsideAFunctionUpdatesIt() throws {
        #expect(try run("count = 0\nfn bump() { count = count + 1 }\nbump()\nbump()\nprint count") == ["2"])
    }

    @Test func parametersAndLoopVariablesShadowGlobals() throws {
        #expect(try run("x = 1\ni = 9\nfn f(x) { for i in [5] { }; return x + i }\nprint f(10), x, i") == ["15 1 9"])
    }

    @Test func callingWithTheWrongNumberOfArgumentsIsAnError() {
        #expect(errorAt("fn add(a, b = 1) { return a + b }\nprint add(1, 2, 3)") == "2:7: add() takes 1 to 2 arguments, got 3")
        #expect(errorAt("fn one(a) { return a }\nprint one()") == "2:7: one() takes 1 argument, got 0")
    }

    @Test func callingANonFunctionIsAnError() {
        #expect(errorAt("f = 1\nf()") == "2:1: cannot call number: it is not a function")
    }

    @Test func runawayRecursionIsAnErrorNotACrash() {
        #expect(errorAt("fn f() { return f() }\nf()")?.hasPrefix("1:17: too many nested calls (200) in f()") == true)
    }

    // MARK: - print

    @Test func printSeparatesWithSpacesAndShowsStringsAsTheyAre() throws {
        #expect(try run(#"print 1, "a b", [1, "a"], {a: null}, true, null"#) == [#"1 a b [1,"a"] {"a":null} true null"#])
    }

    @Test func printWithoutArgumentsPrintsAnEmptyLine() throws {
        #expect(try run("print\nprint 1") == ["", "1"])
    }

    // MARK: - assert and fail

    @Test func passingAssertDoesNothing() throws {
        #expect(try run("assert 1 + 1 == 2, \"math\"\nprint \"ok\"") == ["ok"])
    }

    @Test func failedAssertHasKindAssertionWithSourceMessageAndOperands() {
        let error = runError("x = 1\nassert x == 2, \"x should be 2\"")
        #expect(error?.kind == .assertion)
        #expect(located(error) == "2:1: x should be 2 (x == 2)")
        #expect(error?.notes == ["left:  1", "right: 2"])
    }

    @Test func failedAssertWithoutMessageShowsItsSource() {
        let error = runError("assert [1, 2] == [1]")
        #expect(error?.message == "[1, 2] == [1]")
        #expect(error?.notes == ["left:  [1,2]", "right: [1]"])
    }

    @Test func failedAssertOfANonComparisonHasNoOperandNotes() {
        let error = runError("assert false")
        #expect(error?.message == "false")
        #expect(error?.notes == [])
    }

    @Test func failStopsWithItsMessage() {
        let error = runError("fail \"boom <<1 + 1>>\"\nprint 1")
        #expect(error?.kind == .failure)
        #expect(located(error) == "1:1: boom 2")
    }

    // MARK: - try / catch

    @Test func catchReceivesTheErrorMessage() throws {
        #expect(try run("try { fail \"bad\" } catch err { print err^message, err^kind }") == ["bad fail"])
    }

    @Test func catchReceivesRuntimeErrorsWithTheirPosition() throws {
        #expect(try run("try {\n  x = 1 / 0\n} catch e {\n  print e\n}")
            == [#"{"message":"division by zero","kind":"runtime","file":"test.halo","line":2,"column":9}"#])
    }

    @Test func catchReceivesErrorsFromInsideFunctions() throws {
        #expect(try run("fn f() { fail \"inner\" }\ntry { f() } catch e { print e^message }") == ["inner"])
    }

    @Test func catchWithoutANameAndTryWithoutAnError() throws {
        #expect(try run("try { fail \"x\" } catch { print \"caught\" }\ntry { print 1 } catch e { print \"not run\" }")
            == ["caught", "1"])
    }

    @Test func failedAssertIsNotCaught() {
        #expect(runError("try { assert false } catch e { print \"caught\" }")?.kind == .assertion)
    }

    // MARK: - Comprehensions

    @Test func comprehensionMapsAList() throws {
        #expect(try run("print [x * x for x in [1, 2, 3]]") == ["[1,4,9]"])
    }

    @Test func comprehensionWithIfFilters() throws {
        #expect(try run("print [x for x in [1, 2, 3, 4] if x % 2 == 0]") == ["[2,4]"])
    }

    @Test func comprehensionOverAnObjectGivesKeys() throws {
        #expect(try run("print [k for k in {a: 1, b: 2}]") == [#"["a","b"]"#])
    }

    @Test func comprehensionMaySpanLines() throws {
        #expect(try run("w = [v * 2\n  for v in [1, 2]\n  if v > 1]\nprint w") == ["[4]"])
    }

    // MARK: - param

    @Test func paramUsesItsDefault() throws {
        #expect(try run("param client = \"Acme\"\nparam limit = 10\nprint client, limit") == ["Acme 10"])
    }

    @Test func paramOverrideReplacesTheDefault() throws {
        #expect(try run("param client = \"Acme\"\nparam limit = 10\nprint client, limit",
                        overrides: ["limit": .int(5)]) == ["Acme 5"])
    }

    @Test func paramWithoutDefaultTakesTheOverride() throws {
        #expect(try run("param client\nprint client", overrides: ["client": .string("Beta")]) == ["Beta"])
    }

    @Test func paramWithoutDefaultOrOverrideIsAUsageError() {
        let error = runError("param client")
        #expect(error?.kind == .usage)
        #expect(located(error) == "1:7: the runbook needs a value for 'client': pass --set client=VALUE")
    }

    @Test func overridingAnUndeclaredParamIsAUsageError() {
        let error = runError("param a = 1", overrides: ["b": .int(1)])
        #expect(error?.kind == .usage)
        #expect(error?.message == "--set b: the runbook has no 'param b' (it declares: a)")
    }

    // MARK: - Lines and statements

    @Test func statementsContinueAcrossLinesInsideBracketsAndAfterOperators() throws {
        let source = """
        #!/usr/bin/env halo
        x = {
          name: "Acme",
          tags: [
            1,
            2,
          ],
        }
        y = 1 +
          2
        z = true and
          false
        print x, y, z; print len(
          [1, 2]
        )
        if y == 3 { print "a" } print "b"
        """
        #expect(try run(source) == [#"{"name":"Acme","tags":[1,2]} 3 false"#, "2", "a", "b"])
    }

    @Test func theLastExpressionIsTheRunsValue() throws {
        #expect(try exact("x = 2\nx * 21") == "int(42)")
    }
}
