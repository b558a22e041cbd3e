/// RFC 4180 CSV: fields separated by commas, optionally double-quoted; inside quotes `""` is a
/// quote and commas and line breaks are literal. Lines end in LF or CRLF.
enum CSV {
    struct SyntaxError: Error {
        let line: Int
        let message: String
    }

    /// The records of a CSV text. A leading byte-order mark and blank lines are skipped.
    static func parse(_ text: String) throws(SyntaxError) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false, wasQuoted = false
        var line = 1
        var bytes = Array(text.utf8)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }

        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRecord() {
            endField()
            if record != [""] { records.append(record) }
            record = []
        }

        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: ","): endField()
                case UInt8(ascii: "\n"): endRecord(); line += 1
                case UInt8(ascii: "\r") where i + 1 < bytes.endIndex && bytes[i + 1] == UInt8(ascii: "\n"): break
                case UInt8(ascii: "\""):
                    guard field.isEmpty, !wasQuoted else {
                        throw SyntaxError(line: line, message: "a quote inside an unquoted field")
                    }
                    quoted = true
                    wasQuoted = true
                default:
                    guard !wasQuoted else { throw SyntaxError(line: line, message: "text after a closing quote") }
                    field.append(byte)
                }
            }
            i += 1
        }
        if quoted { throw SyntaxError(line: line, message: "a quoted field is not closed") }
        if !field.isEmpty || !record.isEmpty || wasQuoted { endRecord() }
        return records
    }

    /// One CSV line (without its line break); fields holding a comma, quote or line break are quoted.
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            guard field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"")
                                                || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
            else { return field }
            return "\"" + field.replacing("\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}
