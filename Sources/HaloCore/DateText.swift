import Foundation

/// ISO 8601 date text and Unix seconds, for `now`, `today`, `parse_date` and `format_date`.
/// Parsed by hand so that the accepted forms are exactly the documented ones on every platform.
enum DateText {
    /// `YYYY-MM-DD`, optionally `THH:MM[:SS[.fraction]]` (or a space for `T`), optionally `Z` or
    /// `±HH:MM` / `±HHMM`. Text without a zone is UTC, as the Halo API writes its dates.
    static func parse(_ text: String) -> Double? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2),
              scanner.skip("-"), let day = scanner.number(2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day) * 86_400)
        if scanner.atEnd { return seconds }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
              let hour = scanner.number(2), scanner.skip(":"), let minute = scanner.number(2),
              hour < 24, minute < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if scanner.skip(":") {
            guard let second = scanner.number(2), second <= 60 else { return nil }
            seconds += Double(second)
            if scanner.skip(".") {
                let fraction = scanner.digits()
                guard !fraction.isEmpty, let value = Double("0." + fraction) else { return nil }
                seconds += value
            }
        }
        if scanner.skip("Z") || scanner.skip("z") || scanner.atEnd { return scanner.atEnd ? seconds : nil }
        let sign: Double = scanner.skip("+") ? 1 : (scanner.skip("-") ? -1 : 0)
        guard sign != 0, let zoneHours = scanner.number(2) else { return nil }
        _ = scanner.skip(":")
        guard let zoneMinutes = scanner.number(2), scanner.atEnd, zoneHours < 24, zoneMinutes < 60 else { return nil }
        return seconds - sign * Double(zoneHours * 3600 + zoneMinutes * 60)
    }

    /// Unix seconds as text through C `strftime` (UTC); nil when out of range.
    static func format(_ seconds: Double, _ pattern: String) -> String? {
        guard seconds.isFinite, abs(seconds) < 1e15 else { return nil }
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        let length = strftime(&buffer, buffer.count, pattern, &parts)
        guard length > 0 || pattern.isEmpty else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static let isoPattern = "%Y-%m-%dT%H:%M:%SZ"

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A cursor over ASCII bytes for the date parser.
private struct DigitScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// Exactly `count` digits as a number.
    mutating func number(_ count: Int) -> Int? {
        guard position + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<position + count] {
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += count
        return value
    }

    mutating func digits() -> String {
        let start = position
        while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }
}
