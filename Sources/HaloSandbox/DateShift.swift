import Foundation

/// Moves every seed timestamp by one whole number of seconds so that the newest ticket date is a
/// day old: the seeds are generated once, but "tickets from last week" must exist whenever the
/// sandbox runs. It is on the start-up path, so it works on a seed file's bytes before they are
/// parsed: one pass that rewrites the 19 digits of each date in place, and the parser then builds
/// records that already carry the shifted dates.
struct DateShift: Equatable {
    let seconds: Int

    /// How old the newest ticket date is made.
    static let newestAge = 86_400

    /// The shift that makes `newest` (see `newestDate`) `newestAge` old at `now`, rounded down to
    /// a whole minute so that sandboxes started in the same minute (tests start dozens) share one
    /// parsed copy.
    init(newest: Int, now: Date) {
        let exact = Int(now.timeIntervalSince1970.rounded(.down)) - Self.newestAge - newest
        seconds = exact - ((exact % 60) + 60) % 60
    }

    /// Seconds since 1970 of the newest date in a seed file's bytes, or nil when it has none.
    static func newestDate(in file: [UInt8]) -> Int? {
        var newest: Int?
        file.withUnsafeBufferPointer { buffer in
            forEachDate(in: buffer) { start in
                let seconds = ISODateText.seconds(buffer, at: start)
                if seconds > newest ?? .min { newest = seconds }
            }
        }
        return newest
    }

    /// Shifts every date in a seed file's bytes, in place.
    func apply(to file: inout [UInt8]) {
        file.withUnsafeMutableBufferPointer { buffer in
            let readable = UnsafeBufferPointer(buffer)
            Self.forEachDate(in: readable) { start in
                ISODateText.write(ISODateText.seconds(readable, at: start) + seconds, to: buffer, at: start)
            }
        }
    }

    /// Calls `body` with the position of every JSON string that starts with a timestamp head
    /// ("YYYY-MM-DDTHH:MM:SS" then the string's end, "Z", a fraction or an offset). Jumps from
    /// quote to quote with memchr: a byte-by-byte loop over 6 MB is slow in debug builds.
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
