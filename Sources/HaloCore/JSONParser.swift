import Foundation

/// JSON in and out of `Value`, written by hand because Halo responses are large and the
/// Foundation alternatives are 3-14x slower (see shared/research/swift-craft.md, section 3).
public enum JSON {
    /// Nesting deeper than this is rejected rather than risking the stack.
    public static let maximumDepth = 512

    /// Parses UTF-8 JSON text (RFC 8259, strict: no trailing commas, comments, leading zeros,
    /// lone surrogates or raw control characters). Integers become `.int`, and one past 64 bits is
    /// an error rather than a double that lost digits; numbers with a fraction or an exponent become
    /// `.double`, and one past the double range (`1e400`) is an error rather than an infinity.
    /// Object keys keep their order, a repeated key keeps its last value.
    /// Invalid UTF-8 inside strings is replaced with U+FFFD rather than rejected.
    /// Errors read "invalid JSON at line L, column C: expected ..., found ...".
    /// The fast path: no copy of the bytes is made.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws -> Value {
        var parser = JSONParser(bytes.bindMemory(to: UInt8.self))
        return try parser.parseDocument()
    }

    public static func parse(_ bytes: [UInt8]) throws -> Value {
        try bytes.withUnsafeBytes { try parse($0) }
    }

    public static func parse(_ data: Data) throws -> Value {
        try data.withUnsafeBytes { try parse($0) }
    }

    public static func parse(_ text: String) throws -> Value {
        var text = text
        return try text.withUTF8 { try parse(UnsafeRawBufferPointer($0)) }
    }
}

/// Recursive descent straight from bytes to `Value`. Positions are byte offsets until an error
/// needs a line and column, which are computed only then.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []
    /// The keys of the objects being parsed (see `parseObject`).
    private var keyBytes: [UInt8] = []
    /// Shapes met so far, by the hash of their encoded keys.
    private var shapes: [Int: ShapePrediction] = [:]
    private static let maxShapes = 4096
    /// The key count of the last object finished at each depth: a capacity guess for the next.
    private var countHints = [Int](repeating: 0, count: 16)
    /// The shape of the last object finished at each depth, if its keys can be predicted: the next
    /// object at that depth is read against it (see `parseObject`).
    private var predictions = [ShapePrediction?](repeating: nil, count: 16)

    /// A shape with its keys encoded as on `keyBytes`. `isPlain` says that no key holds a byte
    /// JSON text would have to escape (a quote, a backslash, a control character), so a key in
    /// the input is this key when its bytes are the same and a quote follows them.
    private struct ShapePrediction {
        let encoded: [UInt8]
        let shape: ObjectShape
        let isPlain: Bool
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws -> Value {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count { throw error("expected end of input") }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws -> Value {
        guard position < bytes.count else { throw error("expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseList()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("expected a value")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        let start = word.utf8Start
        for i in 0..<count where position + i >= bytes.count || bytes[position + i] != start[i] {
            throw error("expected '\(word)'")
        }
        position += count
    }

    private mutating func enterNesting() throws {
        depth += 1
        if depth > JSON.maximumDepth { throw beyondLimits(error("nesting deeper than \(JSON.maximumDepth) levels")) }
        position += 1
        skipWhitespace()
    }

    private mutating func parseList() throws -> Value {
        try enterNesting()
        var elements: [Value] = []
        if consume(UInt8(ascii: "]")) {
            depth -= 1
            return .list(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            if consume(UInt8(ascii: ",")) {
                skipWhitespace()
                continue
            }
            if consume(UInt8(ascii: "]")) { break }
            throw error("expected ',' or ']' after list element")
        }
        depth -= 1
        return .list(elements)
    }

    /// Parses an object. Its keys are collected as bytes (each preceded by its length) on
    /// `keyBytes`, a stack that nested objects push onto and pop, and the finished key sequence is
    /// looked up in `shapes`: the 100,000 tickets of a reply share one key array instead of
    /// allocating 100,000, and keys are decoded and checked for repeats once per shape.
    ///
    /// Before that, the keys are compared in place with those of the last object at the same
    /// depth (`predictions`): the tickets of a list have the same keys, so a ticket's keys are
    /// then neither copied nor hashed. At the first key that differs, the keys matched so far are
    /// pushed onto `keyBytes` and the object continues as above.
    private mutating func parseObject() throws -> Value {
        try enterNesting()
        if consume(UInt8(ascii: "}")) {
            depth -= 1
            return .object(HaloObject())
        }
        let keysStart = keyBytes.count, level = depth
        var values: [Value] = []
        if level < countHints.count { values.reserveCapacity(countHints[level]) }
        let prediction = level < predictions.count ? predictions[level] : nil
        // How many bytes of `prediction.encoded` the keys so far matched; nil once one did not.
        var matched: Int? = prediction == nil ? nil : 0
        while true {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a string key")
            }
            if let at = matched, let prediction {
                if let next = matchKey(prediction.encoded, at: at) {
                    matched = next
                } else {
                    keyBytes.append(contentsOf: prediction.encoded[..<at])
                    matched = nil
                    try appendKey()
                }
            } else {
                try appendKey()
            }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw error("expected ':' after object key") }
            skipWhitespace()
            values.append(try parseValue())
            skipWhitespace()
            if consume(UInt8(ascii: ",")) {
                skipWhitespace()
                continue
            }
            if consume(UInt8(ascii: "}")) { break }
            throw error("expected ',' or '}' after object value")
        }
        depth -= 1
        if level < countHints.count { countHints[level] = values.count }
        if let at = matched, let prediction {
            if at == prediction.encoded.count { return .object(HaloObject(shape: prediction.shape, values: values)) }
            keyBytes.append(contentsOf: prediction.encoded[..<at])
        }
        let object = makeObject(values, keysStart: keysStart, level: level)
        keyBytes.removeSubrange(keysStart...)
        return .object(object)
    }

    /// When the input at `position` (an opening quote) is the key at offset `at` of `encoded`,
    /// verbatim and followed by its closing quote: moves past the quote and returns the offset of
    /// the next key. Only plain keys are predicted, so equal bytes mean an equal key.
    private mutating func matchKey(_ encoded: [UInt8], at: Int) -> Int? {
        guard at + 4 <= encoded.count, let base = bytes.baseAddress else { return nil }
        var length = 0
        for i in 0..<4 { length |= Int(encoded[at + i]) << (8 * i) }
        let start = position + 1, end = start + length
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        let same = encoded.withUnsafeBufferPointer { keys in
            keys.baseAddress.map { memcmp(base + start, $0 + at + 4, length) == 0 } ?? false
        }
        guard same else { return nil }
        position = end + 1
        return at + 4 + length
    }

    /// Reads a key at the opening quote onto `keyBytes`: its length (4 bytes), then its UTF-8.
    private mutating func appendKey() throws {
        let lengthAt = keyBytes.count
        for _ in 0..<4 { keyBytes.append(0) }
        position += 1
        let start = position
        skipPlainStringBytes()
        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
            keyBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
            position += 1
        } else {
            position = start - 1
            keyBytes.append(contentsOf: try parseString().utf8)
        }
        let length = UInt32(keyBytes.count - lengthAt - 4)
        for i in 0..<4 { keyBytes[lengthAt + i] = UInt8(truncatingIfNeeded: length >> (8 * i)) }
    }

    /// The object for `values` and the keys on `keyBytes` from `keysStart`, with a shared shape,
    /// which becomes the prediction for the next object at depth `level`.
    private mutating func makeObject(_ values: [Value], keysStart: Int, level: Int) -> HaloObject {
        let encoded = keyBytes[keysStart...]
        var hasher = Hasher()
        encoded.withUnsafeBytes { hasher.combine(bytes: $0) }
        let hash = hasher.finalize()
        if let known = shapes[hash], known.encoded.elementsEqual(encoded) {
            predict(known, at: level)
            return HaloObject(shape: known.shape, values: values)
        }
        var keys: [String] = []
        keys.reserveCapacity(values.count)
        var isPlain = true
        var at = encoded.startIndex
        while at < encoded.endIndex {
            var length = 0
            for i in 0..<4 { length |= Int(encoded[at + i]) << (8 * i) }
            at += 4
            let key = encoded[at..<at + length]
            isPlain = isPlain && !key.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }
            keys.append(String(decoding: key, as: UTF8.self))
            at += length
        }
        guard Set(keys).count == keys.count else {
            // A repeated key keeps its last value, at the first key's position.
            var object = HaloObject()
            for (k, v) in zip(keys, values) { object[k] = v }
            return object
        }
        let known = ShapePrediction(encoded: Array(encoded), shape: ObjectShape(keys: keys), isPlain: isPlain)
        if shapes.count < Self.maxShapes { shapes[hash] = known }
        predict(known, at: level)
        return HaloObject(shape: known.shape, values: values)
    }

    private mutating func predict(_ known: ShapePrediction, at level: Int) {
        guard level < predictions.count else { return }
        predictions[level] = known.isPlain ? known : nil
    }

    // MARK: Strings

    /// Reads a string starting at its opening quote. Strings without escapes are decoded straight
    /// from the input; the first backslash switches to building the text in `scratch`.
    private mutating func parseString() throws -> String {
        position += 1
        let start = position
        skipPlainStringBytes()
        guard position < bytes.count else { throw error("expected '\"' to close the string") }
        let byte = bytes[position]
        if byte == UInt8(ascii: "\"") {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            position += 1
            return text
        }
        if byte == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
        throw error("expected an escape such as \\n instead of a raw control character")
    }

    private mutating func parseEscapedString(from start: Int) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte < 0x20 { throw error("expected an escape such as \\n instead of a raw control character") }
            if byte == UInt8(ascii: "\\") {
                try parseEscape()
            } else {
                let run = position
                skipPlainStringBytes()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<position]))
            }
        }
        throw error("expected '\"' to close the string")
    }

    /// Moves `position` to the next quote, backslash or control character (or the end), eight
    /// bytes at a time: string bodies are most of a reply's bytes. In each 64-bit word, a byte's
    /// high bit is set in `found` when it is one of those three; the lowest such byte is exact
    /// (a borrow only reaches the bytes above it).
    @inline(__always)
    private mutating func skipPlainStringBytes() {
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs = ones &* 0x80
            while position + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
                let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
                let found = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word) & highs
                if found != 0 {
                    position += found.trailingZeroBitCount >> 3
                    return
                }
                position += 8
            }
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return }
            position += 1
        }
    }

    /// Appends the character an escape at `position` stands for to `scratch`.
    private mutating func parseEscape() throws {
        position += 1
        guard position < bytes.count else { throw error("expected an escape character after '\\'") }
        let escaped: UInt8
        switch bytes[position] {
        case UInt8(ascii: "\""): escaped = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): escaped = UInt8(ascii: "/")
        case UInt8(ascii: "b"): escaped = 0x08
        case UInt8(ascii: "f"): escaped = 0x0C
        case UInt8(ascii: "n"): escaped = UInt8(ascii: "\n")
        case UInt8(ascii: "r"): escaped = UInt8(ascii: "\r")
        case UInt8(ascii: "t"): escaped = UInt8(ascii: "\t")
        case UInt8(ascii: "u"):
            try appendUnicodeEscape()
            return
        default: throw error("expected a valid escape character after '\\'")
        }
        scratch.append(escaped)
        position += 1
    }

    /// `\uXXXX`, where a high surrogate must be followed by a `\uXXXX` low surrogate.
    private mutating func appendUnicodeEscape() throws {
        let escapeStart = position - 1
        position += 1
        var scalar = try readHex4()
        if (0xDC00...0xDFFF).contains(scalar) {
            position = escapeStart
            throw error("expected a high surrogate before low surrogate \\u\(hex(scalar))")
        }
        if (0xD800...0xDBFF).contains(scalar) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                  bytes[position + 1] == UInt8(ascii: "u") else {
                position = escapeStart
                throw error("expected a low surrogate after high surrogate \\u\(hex(scalar))")
            }
            position += 2
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                position = escapeStart
                throw error("expected a low surrogate after high surrogate \\u\(hex(scalar))")
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        appendUTF8(scalar)
    }

    private mutating func readHex4() throws -> UInt32 {
        var result: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count, let digit = hexDigit(bytes[position]) else {
                throw error("expected 4 hexadecimal digits after '\\u'")
            }
            result = result << 4 | digit
            position += 1
        }
        return result
    }

    private func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: Numbers

    /// Validates the JSON number grammar; a plain integer that fits in `Int` is accumulated
    /// directly, anything else goes through `strtod`.
    private mutating func parseNumber() throws -> Value {
        let start = position
        let negative = consume(UInt8(ascii: "-"))
        guard position < bytes.count, isDigit(bytes[position]) else { throw error("expected a digit") }
        var magnitude: UInt64 = 0
        var overflow = false
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) {
                throw error("expected no leading zero in a number")
            }
        } else {
            while position < bytes.count, isDigit(bytes[position]) {
                let digit = UInt64(bytes[position] - UInt8(ascii: "0"))
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                overflow = overflow || o1 || o2
                magnitude = sum
                position += 1
            }
        }
        var isInteger = true
        if consume(UInt8(ascii: ".")) {
            isInteger = false
            try skipDigits()
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            try skipDigits()
        }
        if isInteger {
            if !overflow, negative, magnitude <= UInt64(Int.max) + 1 { return .int(Int(truncatingIfNeeded: 0 &- magnitude)) }
            if !overflow, !negative, magnitude <= UInt64(Int.max) { return .int(Int(magnitude)) }
            // As a double it would silently lose digits (an id would no longer match).
            throw numberError("integer", "is outside the 64-bit range", from: start)
        }
        let value = exactDouble(start..<position) ?? decodeDouble(start..<position)
        guard value.isFinite else { throw numberError("number", "is out of range", from: start) }
        return .double(value)
    }

    /// Out of line: the number path is hot in large replies.
    @inline(never)
    private func numberError(_ kind: String, _ problem: String, from start: Int) -> ScriptError {
        beyondLimits(error("\(kind) \(text(start..<position)) \(problem)", at: start))
    }

    /// The input between two offsets, shortened for a message.
    private func text(_ range: Range<Int>) -> String {
        let shown = String(decoding: UnsafeBufferPointer(rebasing: bytes[range.prefix(40)]), as: UTF8.self)
        return range.count > 40 ? shown + "..." : shown
    }

    private mutating func skipDigits() throws {
        guard position < bytes.count, isDigit(bytes[position]) else { throw error("expected a digit") }
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// The double for (already validated) number text whose digits, leading zeros included,
    /// number at most 15 and whose power of ten is within 10^±22, else nil. Both are then exact
    /// doubles and one IEEE multiplication or division rounds the exact quotient or product
    /// correctly: the same double `strtod` returns (Clinger's fast path), without its cost and
    /// the copy. Prices and estimates (`366.44`) take this path.
    private func exactDouble(_ range: Range<Int>) -> Double? {
        var i = range.lowerBound, mantissa: UInt64 = 0, digits = 0, scale = 0
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        while i < range.upperBound, isDigit(bytes[i]) {
            mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- UInt8(ascii: "0"))
            digits += 1
            i += 1
        }
        if i < range.upperBound, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < range.upperBound, isDigit(bytes[i]) {
                mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- UInt8(ascii: "0"))
                digits += 1
                scale -= 1
                i += 1
            }
        }
        if i < range.upperBound {
            // The exponent: `e` or `E`, an optional sign, digits.
            i += 1
            let exponentNegative = bytes[i] == UInt8(ascii: "-")
            if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            var exponent = 0
            while i < range.upperBound {
                exponent = exponent * 10 + Int(bytes[i] &- UInt8(ascii: "0"))
                if exponent > 1000 { return nil }
                i += 1
            }
            scale += exponentNegative ? -exponent : exponent
        }
        guard digits <= 15, scale >= -22, scale <= 22 else { return nil }
        let magnitude = scale < 0 ? Double(mantissa) / Self.powersOfTen[-scale] : Double(mantissa) * Self.powersOfTen[scale]
        return negative ? -magnitude : magnitude
    }

    /// 10^0 through 10^22, the powers of ten a double holds exactly.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// `strtod` on a NUL-terminated copy of the (already validated) number text.
    private func decodeDouble(_ range: Range<Int>) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: range.count + 1) { buffer in
            for (i, byte) in bytes[range].enumerated() { buffer[i] = CChar(bitPattern: byte) }
            buffer[range.count] = 0
            guard let base = buffer.baseAddress else { return Double.nan }
            return strtod(base, nil)
        }
    }

    // MARK: Cursor

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): position += 1
            default: return
            }
        }
    }

    /// Marks an error about valid JSON that halo does not accept, as opposed to text that is not JSON.
    @inline(never)
    private func beyondLimits(_ error: ScriptError) -> ScriptError {
        var marked = error
        marked.notes.append(JSON.beyondLimitsNote)
        return marked
    }

    /// An error at the current position, with what was found there. Out of line: inlined into
    /// `parseValue` it cost 10 instructions a value (callgrind).
    @inline(never)
    private func error(_ expectation: String) -> ScriptError {
        error("\(expectation), found \(found)", at: position)
    }

    /// An error at byte `offset`, given as a line and a column.
    private func error(_ message: String, at offset: Int) -> ScriptError {
        var line = 1
        var column = 1
        for byte in bytes[0..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return .runtime("invalid JSON at line \(line), column \(column): \(message)")
    }

    private var found: String {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        if byte < 0x20 { return "control character U+00\(hex(UInt32(byte)).suffix(2))" }
        if byte < 0x80 { return "'\(Character(Unicode.Scalar(byte)))'" }
        let end = bytes[position...].prefix(4).count
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + end]), as: UTF8.self)
        return "'\(text.first.map(String.init) ?? "?")'"
    }
}
