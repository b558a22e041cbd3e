/// A script file's bytes as text. The file must be UTF-8 without NUL bytes: a lossy decode would
/// turn a bad byte inside a string literal into U+FFFD without a word, and a runbook would then
/// post text that is not what its file holds. The error points at the first bad byte.
public enum SourceText {
    public static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, file: String) throws -> String {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var line = 1, column = 1, offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == 0 {
                    throw error("a NUL byte is not allowed in a script (write \\0 inside a string)", file, line, column)
                }
                offset += encoded.count
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                let index = bytes.index(bytes.startIndex, offsetBy: offset)
                let hex = String(bytes[index], radix: 16, uppercase: true)
                throw error("invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); save the file as UTF-8",
                            file, line, column)
            case .emptyInput:
                return String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    private static func error(_ message: String, _ file: String, _ line: Int, _ column: Int) -> ScriptError {
        ScriptError(.syntax, message, at: SourceLocation(file: file, line: line, column: column))
    }
}
