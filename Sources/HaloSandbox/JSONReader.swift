import Foundation

struct JSONSyntaxError: Error, CustomStringConvertible {
    let offset: Int
    let message: String
    var description: String { "\(message) at byte \(offset)" }
}

/// Byte-level JSON parser: Foundation's JSONSerialization loses key order and is several times slower.
struct JSONReader: ~Copyable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var depth = 0
    private static let maxDepth = 512

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func parse(_ data: [UInt8]) throws -> JSONValue {
        try data.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer)
            let value = try reader.readValue()
            try reader.expectEnd()
            return value
        }
    }

    /// Elements of a top-level array with the bytes each came from, so seed records can be served
    /// exactly as stored instead of being serialised again at start-up.
    static func parseArrayElements(_ data: [UInt8]) throws -> [(value: JSONValue, range: Range<Int>)] {
        try data.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer)
            var elements: [(value: JSONValue, range: Range<Int>)] = []
            try reader.expect(UInt8(ascii: "["), "expected a JSON array")
            reader.skipWhitespace()
            if reader.peek() == UInt8(ascii: "]") {
                reader.offset += 1
            } else {
                while true {
                    reader.skipWhitespace()
                    let start = reader.offset
                    let value = try reader.readValue()
                    elements.append((value, start..<reader.offset))
                    if try reader.endOfList(closer: UInt8(ascii: "]")) { break }
                }
            }
            try reader.expectEnd()
            return elements
        }
    }

    // MARK: - Grammar

    private mutating func readValue() throws -> JSONValue {
        skipWhitespace()
        guard let byte = peek() else { throw error("unexpected end of JSON") }
        switch byte {
        case UInt8(ascii: "{"): return .object(try nested { try $0.readObjectBody() })
        case UInt8(ascii: "["): return .array(try nested { try $0.readArrayBody() })
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw error("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func nested<T>(_ body: (inout JSONReader) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw error("JSON nested too deeply") }
        offset += 1  // the opening bracket
        return try body(&self)
    }

    private mutating func readObjectBody() throws -> JSONObject {
        var object = JSONObject()
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { offset += 1; return object }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try readString()
            try expect(UInt8(ascii: ":"), "expected ':' after an object key")
            object.append(key, try readValue())
            if try endOfList(closer: UInt8(ascii: "}")) { return object }
        }
    }

    private mutating func readArrayBody() throws -> [JSONValue] {
        var array: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { offset += 1; return array }
        while true {
            array.append(try readValue())
            if try endOfList(closer: UInt8(ascii: "]")) { return array }
        }
    }

    /// After an element: true at the closing bracket, false after a comma.
    private mutating func endOfList(closer: UInt8) throws -> Bool {
        skipWhitespace()
        switch peek() {
        case closer: offset += 1; return true
        case UInt8(ascii: ","): offset += 1; return false
        default: throw error("expected ',' or '\(Character(Unicode.Scalar(closer)))'")
        }
    }

    private mutating func readString() throws -> String {
        offset += 1  // opening quote
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                defer { offset += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if byte < 0x20 { throw error("control character in string") }
            offset += 1
        }
        throw error("unterminated string")
    }

    private mutating func readEscapedString(from start: Int) throws -> String {
        var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = peek() else { break }
                offset += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"): scratch.append(contentsOf: String(try readUnicodeEscape()).utf8)
                default: throw error("invalid escape in string")
                }
            case 0..<0x20:
                throw error("control character in string")
            default:
                scratch.append(byte)
            }
        }
        throw error("unterminated string")
    }

    /// Reads the XXXX of \uXXXX (the "\u" already consumed), joining surrogate pairs.
    private mutating func readUnicodeEscape() throws -> Character {
        let high = try readHex4()
        if (0xD800..<0xDC00).contains(high) {
            guard peek() == UInt8(ascii: "\\"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u")
            else { throw error("lone surrogate in string") }
            offset += 2
            let low = try readHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair") }
            let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            return Character(Unicode.Scalar(scalar)!)
        }
        guard let scalar = Unicode.Scalar(high) else { throw error("lone surrogate in string") }
        return Character(scalar)
    }

    private mutating func readHex4() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?; short integers are accumulated directly.
    private mutating func readNumber() throws -> JSONValue {
        let start = offset
        let negative = peek() == UInt8(ascii: "-")
        if negative { offset += 1 }
        let integerStart = offset
        guard skipDigits() > 0 else { throw error("invalid number") }
        if bytes[integerStart] == UInt8(ascii: "0") && offset - integerStart > 1 { throw error("leading zero in number") }
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            offset += 1
            isInteger = false
            guard skipDigits() > 0 else { throw error("invalid number") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            offset += 1
            isInteger = false
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
            guard skipDigits() > 0 else { throw error("invalid number") }
        }
        if isInteger && offset - integerStart <= 18 {
            var value = 0
            for index in integerStart..<offset { value = value * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
            return .int(negative ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard let value = Double(text) else { throw error("invalid number") }
        return .double(value)
    }

    private mutating func skipDigits() -> Int {
        let start = offset
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { offset += 1 }
        return offset - start
    }

    // MARK: - Cursor

    private func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { offset += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ message: String) throws {
        skipWhitespace()
        guard peek() == byte else { throw error(message) }
        offset += 1
    }

    private mutating func expectEnd() throws {
        skipWhitespace()
        guard offset == bytes.count else { throw error("unexpected text after the JSON value") }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count,
              memcmp(bytes.baseAddress! + offset, word.utf8Start, count) == 0
        else { throw error("invalid literal") }
        offset += count
    }

    private func error(_ message: String) -> JSONSyntaxError { JSONSyntaxError(offset: offset, message: message) }
}
