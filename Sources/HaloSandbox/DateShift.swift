import Foundation

/// Moves every seed timestamp by one whole number of seconds so that the newest ticket date is a
/// day old: the seeds are generated once, but "tickets from last week" must exist whenever the
/// sandbox runs. It is on the start-up path, so records keep their bytes and only the 19 digits
/// of each date are rewritten, in place; records without dates are not touched.
struct DateShift: Equatable {
    let seconds: Int

    /// How old the newest ticket date is made.
    static let newestAge = 86_400

    /// The shift that makes `newest` (see `newestDate`) `newestAge` old at `now`, rounded down to
    /// a whole minute so that sandboxes started in the same minute (tests start dozens) share one
    /// shifted copy.
    init(newest: Int, now: Date) {
        let exact = Int(now.timeIntervalSince1970.rounded(.down)) - Self.newestAge - newest
        seconds = exact - ((exact % 60) + 60) % 60
    }

    /// Seconds since 1970 of the newest ticket date, or of the newest date anywhere when there are
    /// no tickets; nil when there are no dates. A pass over all ticket bytes: once per parse.
    static func newestDate(in data: SandboxData) -> Int? {
        newest(in: data[.tickets].records) ?? newest(in: ResourceKind.all.flatMap { data[$0].records })
    }

    func apply(to data: SandboxData) -> SandboxData {
        var shifted = data
        for kind in ResourceKind.all {
            shifted[kind].replaceRecords(with: apply)
        }
        return shifted
    }

    func apply(to record: Record) -> Record {
        var json = record.json
        let found = json.withUnsafeMutableBufferPointer { buffer in
            var found = false
            Self.forEachDate(in: UnsafeBufferPointer(buffer)) { start in
                ISODateText.write(ISODateText.seconds(UnsafeBufferPointer(buffer), at: start) + seconds, to: buffer, at: start)
                found = true
            }
            return found
        }
        guard found else { return record }
        return Record(record.object.mappingValues(apply), json: json)
    }

    private func apply(to value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text):
            // Most strings are names and notes: rule them out before copying their bytes.
            guard text.utf8.count >= ISODateText.length, let first = text.utf8.first, first &- 48 <= 9 else { return value }
            var bytes = Array(text.utf8)
            let isDate = bytes.withUnsafeMutableBufferPointer { buffer in
                guard ISODateText.isDate(UnsafeBufferPointer(buffer), at: 0, end: nil) else { return false }
                ISODateText.write(ISODateText.seconds(UnsafeBufferPointer(buffer), at: 0) + seconds, to: buffer, at: 0)
                return true
            }
            return isDate ? .string(String(decoding: bytes, as: UTF8.self)) : value
        case .array(let elements): return .array(elements.map(apply))
        case .object(let object): return .object(object.mappingValues(apply))
        default: return value
        }
    }

    private static func newest(in records: [Record]) -> Int? {
        var newest: Int?
        for record in records {
            record.json.withUnsafeBufferPointer { buffer in
                forEachDate(in: buffer) { start in
                    let seconds = ISODateText.seconds(buffer, at: start)
                    if seconds > newest ?? .min { newest = seconds }
                }
            }
        }
        return newest
    }

    /// Calls `body` with the position of every JSON string value that starts with a timestamp,
    /// the same strings `apply(to: JSONValue)` recognises.
    /// Jumps from quote to quote with memchr: a byte-by-byte loop over 6 MB of tickets is what
    /// made start-up slow in debug builds.
    private static func forEachDate(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var index = 0
        while index < bytes.count, let found = memchr(base + index, Int32(quote), bytes.count - index) {
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if index == 0 || bytes[index - 1] != backslash, ISODateText.isDate(bytes, at: index + 1, end: quote) {
                body(index + 1)
                index += ISODateText.length + 1
            } else {
                index += 1
            }
        }
    }
}
