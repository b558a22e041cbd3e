import Foundation
@testable import HaloSandbox
import Testing

@Test func writerReproducesSeedRecordsByteForByte() throws {
    // Ticket details carry "\n" escapes, so this covers string escaping as well.
    let text = try String(contentsOfFile: seedsDirectory + "/tickets.json", encoding: .utf8)
    let lines = text.split(separator: "\n").prefix(1000).filter { $0.hasPrefix("{") }
        .map { $0.hasSuffix(",") ? $0.dropLast() : $0 }
    #expect(lines.count > 900 && lines.contains { $0.contains(#"\n"#) })
    for line in lines {
        let bytes = Array(line.utf8)
        #expect(JSONWriter.bytes(try JSONReader.parse(bytes)) == bytes)
    }
}

@Test func readerKeepsKeyOrderAndDecodesEscapes() throws {
    let value = try JSONReader.parse(Array(#"{"z":1,"a":[true,null,-2.5e1],"s":"\u00e9\ud83d\ude00\n\"x\""}"#.utf8))
    let object = try #require(value.objectValue)
    #expect(object.keys == ["z", "a", "s"])
    #expect(object["a"] == .array([.bool(true), .null, .double(-25)]))
    #expect(object["s"] == .string("é😀\n\"x\""))
    #expect(JSONWriter.bytes(value) == Array(#"{"z":1,"a":[true,null,-25.0],"s":"é😀\n\"x\""}"#.utf8))
}

@Test(arguments: ["[1,]", #"{"a" 1}"#, #""\ud800""#, "01", "[1 2]", "tru", "\"a\u{1}\"", "[", ""])
func readerRejectsInvalidJSON(_ text: String) {
    #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(Array(text.utf8)) }
}
