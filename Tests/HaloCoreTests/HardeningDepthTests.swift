import Foundation
import Testing
@testable import HaloCore

/// Deep input is a clean error, never a stack overflow: brackets, operator chains and prefix runs
/// in source, and nested JSON (issue 14). These run on a test thread's ordinary stack.
@Suite struct HardeningDepthTests {
    private static let deep = 100_000
    private let tooDeep = "nested too deeply (more than \(SyntaxDepth.maximum) levels)"

    /// `x = 1` followed by `count` copies of `link`, on one line.
    private func chain(_ link: String, count: Int = deep) -> String {
        "x = 1" + String(repeating: link, count: count)
    }

    @Test func longOperatorChainsAreASyntaxError() {
        #expect(syntaxError(chain(" + 1"))?.hasSuffix(tooDeep) == true)
        // Every other kind of chain at ten times the limit: these tests share the machine.
        for link in [" * 1", " and 1", " or 1", " ?? 1", " == 1", "^0", "(1)"] {
            #expect(syntaxError(chain(link, count: 10_000))?.hasSuffix(tooDeep) == true, "chain of '\(link)'")
        }
    }

    @Test func longPrefixRunsAreASyntaxError() {
        let n = Self.deep
        #expect(syntaxError("x = " + String(repeating: "not ", count: n) + "true")?.hasSuffix(tooDeep) == true)
        #expect(syntaxError("x = " + String(repeating: "- ", count: n) + "y")?.hasSuffix(tooDeep) == true)
        #expect(syntaxError("x = " + String(repeating: "-", count: n) + "1")?.hasSuffix(tooDeep) == true)
    }

    @Test func deepBracketsAreASyntaxError() {
        let n = Self.deep
        for (open, close) in [("(", ")"), ("[", "]"), ("{a: ", "}"), ("f(", ")")] {
            let depth = open == "(" ? n : 10_000
            let source = "x = " + String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
            #expect(syntaxError(source)?.contains("nested too deeply") == true, "brackets \(open)")
        }
    }

    @Test func longElseIfChainsAreASyntaxError() {
        let source = "x = 1\nif x == 0 { print 0 }" + String(repeating: " else if x == 0 { print 0 }", count: Self.deep)
        #expect(syntaxError(source)?.hasSuffix(tooDeep) == true)
    }

    @Test func theDepthErrorPointsIntoTheChain() {
        #expect(syntaxError(chain(" + 1", count: 2000))?.hasPrefix("1:") == true)
        #expect(syntaxError("\n\n" + chain(" + 1", count: 2000)) != nil)
        #expect(syntaxError("\n\n" + chain(" + 1", count: 2000))?.hasPrefix("3:") == true)
    }

    @Test func aChainJustUnderTheLimitResolvesCompilesAndRuns() throws {
        // The assignment and the print statement take two levels; the chain the rest.
        let terms = SyntaxDepth.maximum - 3
        #expect(try run(chain(" + 1", count: terms) + "\nprint x") == ["\(terms + 1)"])
        #expect(try run("x = " + String(repeating: "not ", count: terms) + "true\nprint x") == [terms % 2 == 0 ? "true" : "false"])
    }

    @Test func deepJSONIsAnErrorFromTextAndFromResponseBytes() {
        let text = String(repeating: "[", count: Self.deep) + String(repeating: "]", count: Self.deep)
        #expect(runError("x = parse_json(\"\(text)\")")?.message.contains("nesting deeper than \(JSON.maximumDepth) levels") == true)
        #expect(throws: ScriptError.self) { try JSON.parse(Data(text.utf8)) }
        let objects = String(repeating: #"{"a":"#, count: Self.deep) + "1" + String(repeating: "}", count: Self.deep)
        #expect(throws: ScriptError.self) { try JSON.parse(Data(objects.utf8)) }
    }
}

extension HardeningDepthTests {
    @Test func deepAssignmentTargetsAndOutputValuesAreASyntaxError() {
        let path = String(repeating: "^0", count: Self.deep)
        #expect(syntaxError("x = [1]\nx\(path) = 2")?.contains("nested too deeply") == true)
        #expect(syntaxError("get /api/x -> y = response\(path)")?.contains("nested too deeply") == true)
    }
}

extension HardeningDepthTests {
    @Test func requestsNestedInTheirPathsAreASyntaxError() {
        #expect(syntaxError("x = " + String(repeating: "get ", count: Self.deep) + "\"/a\"")?.contains("nested too deeply") == true)
    }

    @Test func siblingChainsDoNotAddUp() throws {
        // 300 elements of 600-term sums: wide, not deep.
        let sum = String(repeating: "1 + ", count: 600) + "1"
        let list = "[" + Array(repeating: sum, count: 300).joined(separator: ", ") + "]"
        #expect(try run("x = \(list)\nprint len(x), x^0") == ["300 601"])
    }
}

extension HardeningDepthTests {
    @Test func aResponseNestedPastTheLimitIsAnErrorNotText() {
        let text = String(repeating: "[", count: Self.deep) + String(repeating: "]", count: Self.deep)
        #expect(throws: ScriptError.self) { try JSON.responseBody(Data(text.utf8)) }
    }

    @Test func aResponseThatIsNotJSONStaysText() throws {
        #expect(try JSON.responseBody(Data("<html>busy</html>".utf8)) == .string("<html>busy</html>"))
        #expect(try JSON.responseBody(Data("[1, 2".utf8)) == .string("[1, 2"))
        #expect(try JSON.responseBody(Data(" \n".utf8)) == .null)
    }
}
