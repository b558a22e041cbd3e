import Testing
@testable import HaloCore

@Suite struct LexerTests {

    @Test func lexesNamesNumbersAndSymbols() throws {
        #expect(try tokenKinds("x = 42 + 1.5") == [
            .identifier("x"), .symbol(.assign), .int(42), .symbol(.plus), .double(1.5), .eof,
        ])
    }

    @Test func exponentNumbersAreDoubles() throws {
        #expect(try tokenKinds("1e3 2E-2") == [.double(1000), .double(0.02), .eof])
    }

    @Test func wordsThatAreKeywordsBecomeKeywords() throws {
        #expect(try tokenKinds("if else for in while fn return not and or null clientz") == [
            .keyword(.if), .keyword(.else), .keyword(.for), .keyword(.in), .keyword(.while), .keyword(.fn),
            .keyword(.return), .keyword(.not), .keyword(.and), .keyword(.or), .keyword(.null), .identifier("clientz"), .eof,
        ])
    }

    @Test func twoCharacterSymbolsWinOverOneCharacter() throws {
        #expect(try tokenKinds("== != <= >= -> ?? += -= < > ^") == [
            .symbol(.equal), .symbol(.notEqual), .symbol(.lessEqual), .symbol(.greaterEqual), .symbol(.arrow),
            .symbol(.coalesce), .symbol(.plusAssign), .symbol(.minusAssign), .symbol(.less), .symbol(.greater),
            .symbol(.caret), .eof,
        ])
    }

    @Test func hashCommentsAndTheShebangLineAreSkipped() throws {
        #expect(try tokenKinds("#!/usr/bin/env halo\nx # a note\n# a line\ny") == [
            .identifier("x"), .newline, .identifier("y"), .eof,
        ])
    }

    @Test func blankLinesCollapseIntoOneNewline() throws {
        #expect(try tokenKinds("a\n\n\n  \nb\n") == [.identifier("a"), .newline, .identifier("b"), .newline, .eof])
    }

    @Test func semicolonIsItsOwnToken() throws {
        #expect(try tokenKinds("a; b") == [.identifier("a"), .symbol(.semicolon), .identifier("b"), .eof])
    }

    @Test func newlineAfterAnOperatorCommaOrOpeningBracketDoesNotEndTheStatement() throws {
        #expect(try tokenKinds("a +\nb") == [.identifier("a"), .symbol(.plus), .identifier("b"), .eof])
        #expect(try tokenKinds("a and\nb") == [.identifier("a"), .keyword(.and), .identifier("b"), .eof])
        #expect(try tokenKinds("f(a,\nb)") == [
            .identifier("f"), .symbol(.leftParen), .identifier("a"), .symbol(.comma), .identifier("b"), .symbol(.rightParen), .eof,
        ])
        #expect(try tokenKinds("[\n1]") == [.symbol(.leftBracket), .int(1), .symbol(.rightBracket), .eof])
    }

    @Test func newlineAfterAClosingBracketEndsTheStatement() throws {
        #expect(try tokenKinds("f()\ng") == [
            .identifier("f"), .symbol(.leftParen), .symbol(.rightParen), .newline, .identifier("g"), .eof,
        ])
    }

    @Test func newlineBeforeALineStartingWithArrowDoesNotEndTheStatement() throws {
        let kinds = try tokenKinds("get /api/client\n  # the clients\n  -> c = response")
        #expect(kinds == [
            .keyword(.get), .path([.text("/api/client")]), .symbol(.arrow), .identifier("c"), .symbol(.assign),
            .identifier("response"), .eof,
        ])
    }

    @Test func doubleQuotedStringSplitsIntoTextAndInterpolatedCode() throws {
        #expect(try tokenKinds(#""Ticket <<t^id>> done""#) == [
            .string([.text("Ticket "), .code("t^id", line: 1, column: 11), .text(" done")]), .eof,
        ])
    }

    @Test func doubleQuotedStringEscapes() throws {
        #expect(try tokenKinds(#""a\n\t\"\\\<<b""#) == [.string([.text("a\n\t\"\\<<b")]), .eof])
    }

    @Test func unicodeEscapesIncludingSurrogatePairs() throws {
        #expect(try tokenKinds(#""\u00e9\ud83d\ude00""#) == [.string([.text("é😀")]), .eof])
    }

    @Test func singleQuotedStringsAreRaw() throws {
        #expect(try tokenKinds(#"'a\n<<b>>'"#) == [.string([.text(#"a\n<<b>>"#)]), .eof])
    }

    @Test func emptyStringIsOneEmptyTextPart() throws {
        #expect(try tokenKinds(#""""#) == [.string([.text("")]), .eof])
    }

    @Test func slashAfterARequestKeywordStartsAPath() throws {
        #expect(try tokenKinds("delete /api/tickets/<<id>> {a: 1}") == [
            .keyword(.delete), .path([.text("/api/tickets/"), .code("id", line: 1, column: 23)]),
            .symbol(.leftBrace), .identifier("a"), .symbol(.colon), .int(1), .symbol(.rightBrace), .eof,
        ])
    }

    @Test func slashAfterGetAllStartsAPath() throws {
        #expect(try tokenKinds("get all /api/tickets") == [
            .keyword(.get), .identifier("all"), .path([.text("/api/tickets")]), .eof,
        ])
    }

    @Test func slashElsewhereIsDivision() throws {
        #expect(try tokenKinds("a / b") == [.identifier("a"), .symbol(.slash), .identifier("b"), .eof])
    }

    @Test func tokensCarryLineAndColumn() throws {
        let tokens = try Lexer.tokenize("x = 1\n  y", file: "t.halo")
        #expect(tokens.map { "\($0.line):\($0.column)" } == ["1:1", "1:3", "1:5", "1:6", "2:3", "2:4"])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let tokens = try Lexer.tokenize(#""é😀" + x"#, file: "t.halo")
        #expect(tokens[2].kind == .identifier("x"))
        #expect(tokens[2].column == 8)
    }
}
