/// The "YYYY-MM-DDTHH:MM:SS" head of Halo's timestamps, read and written in place as bytes:
/// shifting every seed date at start-up must not cost a date formatter per field.
enum ISODateText {
    /// Length of the shifted head; a trailing "Z", fraction or offset is left as it is.
    static let length = 19

    /// Whether `bytes[start...]` is a timestamp head followed by the end of the string (`end`,
    /// its closing quote) or by "Z", "." or "+".
    static func isDate(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: UInt8) -> Bool {
        guard start + length <= bytes.count else { return false }
        var offset = 0
        while offset < length {
            let byte = bytes[start + offset]
            switch offset {
            case 4, 7: if byte != UInt8(ascii: "-") { return false }
            case 10: if byte != UInt8(ascii: "T") { return false }
            case 13, 16: if byte != UInt8(ascii: ":") { return false }
            default: if byte &- UInt8(ascii: "0") > 9 { return false }
            }
            offset += 1
        }
        guard start + length < bytes.count else { return false }
        let next = bytes[start + length]
        return next == end || next == UInt8(ascii: "Z") || next == UInt8(ascii: ".") || next == UInt8(ascii: "+")
    }

    /// Seconds since 1970-01-01T00:00:00 of the head at `start` (already checked with `isDate`).
    static func seconds(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        // Plain arithmetic, no ranges or closures: this runs for every seed date at start-up,
        // and debug builds do not optimise generic iteration away.
        func digit(_ offset: Int) -> Int { Int(bytes[start + offset] &- 48) }
        let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
        let days = daysFromCivil(year: year, month: digit(5) * 10 + digit(6), day: digit(8) * 10 + digit(9))
        return days * 86_400 + (digit(11) * 10 + digit(12)) * 3600 + (digit(14) * 10 + digit(15)) * 60
            + digit(17) * 10 + digit(18)
    }

    /// Overwrites the head at `start` with `seconds` (years 0 to 9999).
    static func write(_ seconds: Int, to bytes: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        func two(_ value: Int, _ offset: Int) {
            bytes[start + offset] = UInt8(48 + value / 10)
            bytes[start + offset + 1] = UInt8(48 + value % 10)
        }
        two(year / 100, 0)
        two(year % 100, 2)
        two(month, 5)
        two(day, 8)
        two(time / 3600, 11)
        two(time % 3600 / 60, 14)
        two(time % 60, 17)
    }

    /// Howard Hinnant's days_from_civil: proleptic Gregorian date to days since 1970-01-01.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
