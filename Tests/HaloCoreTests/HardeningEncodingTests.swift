import Foundation
import Testing
@testable import HaloCore

/// Bytes that are not text: a script must be UTF-8 without NUL bytes (a syntax error points at
/// the first bad byte); JSON keeps its documented rules (issue 14).
@Suite struct HardeningEncodingTests {
    private func decodeError(_ bytes: [UInt8]) -> String? {
        do {
            _ = try SourceText.decode(bytes, file: "bad.halo")
            return nil
        } catch let error as ScriptError {
            return "\(error.kind) " + (located(error) ?? "")
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func invalidUTF8InAScriptIsASyntaxErrorAtItsPosition() {
        let bytes = Array("x = 1\nprint \"ab".utf8) + [0xFF] + Array("\"\n".utf8)
        #expect(decodeError(bytes) == "syntax 2:10: invalid UTF-8 (byte 0xFF); save the file as UTF-8")
    }

    @Test func aTruncatedMultiByteCharacterIsInvalid() {
        #expect(decodeError(Array("é".utf8) + [0xC3]) == "syntax 1:2: invalid UTF-8 (byte 0xC3); save the file as UTF-8")
    }

    @Test func aNULByteInAScriptIsASyntaxError() {
        #expect(decodeError(Array("print \"a".utf8) + [0] + Array("\"".utf8))
            == "syntax 1:9: a NUL byte is not allowed in a script (write \\0 inside a string)")
    }

    @Test func validUTF8DecodesUnchanged() throws {
        let text = "print \"héllo ✓ 🎉\"\n# ü\n"
        #expect(try SourceText.decode(Array(text.utf8), file: "ok.halo") == text)
    }

    @Test func aControlCharacterOutsideAStringIsNamed() {
        #expect(syntaxError("x = 1 \u{1} 2") == "1:7: unexpected control character U+0001")
    }

    @Test func invalidUTF8InsideAJSONStringBecomesTheReplacementCharacter() throws {
        let bytes: [UInt8] = Array(#"["a"#.utf8) + [0xFF] + Array(#"b"]"#.utf8)
        #expect(try JSON.parse(bytes) == .list([.string("a\u{FFFD}b")]))
    }

    @Test func aRawNULByteInJSONIsAnError() {
        #expect(throws: ScriptError.self) { try JSON.parse([UInt8](#"["a"#.utf8) + [0] + Array(#""]"#.utf8)) }
        #expect(throws: ScriptError.self) { try JSON.parse([0]) }
    }

    @Test func aJSONIntegerPastSixtyFourBitsIsAnErrorNotARoundedDouble() {
        #expect(errorMessage { try JSON.parse("[9223372036854775808]") }
            == "invalid JSON at line 1, column 2: integer 9223372036854775808 is outside the 64-bit range")
        #expect(errorMessage { try JSON.parse("-9223372036854775809") }
            == "invalid JSON at line 1, column 1: integer -9223372036854775809 is outside the 64-bit range")
    }

    @Test func aJSONNumberPastTheDoubleRangeIsAnError() {
        #expect(runError("x = parse_json(\"[1e400]\")")?.message
            == "invalid JSON at line 1, column 2: number 1e400 is out of range")
        #expect(errorMessage { try JSON.parse("-1.5e309") }
            == "invalid JSON at line 1, column 1: number -1.5e309 is out of range")
    }

    @Test func jsonIntegersAtTheSixtyFourBitEdgesStayExact() throws {
        #expect(try JSON.parse("[9223372036854775807, -9223372036854775808]") == .list([.int(Int.max), .int(Int.min)]))
    }
}

extension HardeningEncodingTests {
    @Test func aResponseWithAnIntegerPastSixtyFourBitsIsAnErrorNotText() {
        #expect(throws: ScriptError.self) { try JSON.responseBody(Data(#"{"id": 123456789012345678901}"#.utf8)) }
        #expect(throws: ScriptError.self) { try JSON.responseBody(Data("[1e400]".utf8)) }
    }
}
