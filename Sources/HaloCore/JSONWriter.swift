extension JSON {
    /// JSON text for a value: compact (`{"a":1,"b":[1,2]}`) or pretty (2-space indent, `"key": value`).
    /// Key order and int-ness survive: a whole double writes as `2.0`, so it parses back as a double.
    /// Non-finite doubles write as `null`; functions as the string `"<fn name>"`. For display;
    /// text that leaves the program goes through `encode`.
    public static func write(_ value: Value, pretty: Bool = false) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(value, indent: 0)
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// JSON text for `json()` and request bodies: as `write`, but an infinity or NaN is an error,
    /// because JSON cannot hold one and `null` in its place would be posted as if it were data.
    public static func encode(_ value: Value, pretty: Bool = false) throws -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(value, indent: 0)
        if let bad = writer.nonFinite {
            throw ScriptError.runtime("cannot write \(bad) as JSON: JSON has no infinities or NaN")
        }
        return String(decoding: writer.output, as: UTF8.self)
    }
}

/// Appends UTF-8 to one growing byte buffer; strings without characters to escape are copied whole.
struct JSONWriter {
    private(set) var output: [UInt8] = []
    private let pretty: Bool
    /// The first infinity or NaN met, written as `null`.
    private(set) var nonFinite: Double?

    init(pretty: Bool) {
        self.pretty = pretty
        output.reserveCapacity(256)
    }

    mutating func write(_ value: Value, indent: Int) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .int(let i): writeInt(i)
        case .double(let d): writeDouble(d)
        case .string(let s): writeString(s)
        case .function(let f): writeString("<fn \(f.name)>")
        case .list(let elements):
            writeContainer(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), count: elements.count, indent: indent) { writer, i, inner in
                writer.write(elements[i], indent: inner)
            }
        case .object(let object):
            let keys = object.keys, values = object.values
            writeContainer(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), count: keys.count, indent: indent) { writer, i, inner in
                writer.writeString(keys[i])
                writer.append(writer.pretty ? ": " : ":")
                writer.write(values[i], indent: inner)
            }
        }
    }

    /// Brackets, separators and (when pretty) one element per line; empty containers stay `[]`/`{}`.
    private mutating func writeContainer(open: UInt8, close: UInt8, count: Int, indent: Int,
                                         element: (inout JSONWriter, Int, Int) -> Void) {
        output.append(open)
        guard count > 0 else {
            output.append(close)
            return
        }
        let inner = indent + 1
        for i in 0..<count {
            if i > 0 { output.append(UInt8(ascii: ",")) }
            if pretty { newline(indent: inner) }
            element(&self, i, inner)
        }
        if pretty { newline(indent: indent) }
        output.append(close)
    }

    private mutating func newline(indent: Int) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private mutating func append(_ text: StaticString) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func writeInt(_ value: Int) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = digits.count
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.append(contentsOf: digits[first...])
        }
    }

    private mutating func writeDouble(_ value: Double) {
        guard value.isFinite else {
            if nonFinite == nil { nonFinite = value }
            append("null")
            return
        }
        // Swift's description is the shortest text that round-trips, and is valid JSON for finite
        // values (`3.5`, `2.0`, `1e+20`, `5e-324`).
        output.append(contentsOf: value.description.utf8)
    }

    mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        let utf8 = text.utf8
        if !utf8.contains(where: Self.needsEscape) {
            output.append(contentsOf: utf8)
        } else {
            for byte in utf8 {
                if Self.needsEscape(byte) { writeEscape(byte) } else { output.append(byte) }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func writeEscape(_ byte: UInt8) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case UInt8(ascii: "\n"): output.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): output.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            append("u00")
            output.append(Self.hexDigits[Int(byte >> 4)])
            output.append(Self.hexDigits[Int(byte & 0xF)])
        }
    }
}
