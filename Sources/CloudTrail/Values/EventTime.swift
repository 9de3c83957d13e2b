/// CloudTrail's `eventTime` to epoch milliseconds and back, by hand: no `DateFormatter`, no
/// allocation, about 20 ns a value.
///
/// Accepted forms (the date and time separated by `T`, `t` or one space):
/// - `2026-01-05T10:11:12Z` (what CloudTrail writes), lower-case `z` too;
/// - an offset instead of `Z`: `+11:00`, `-08:00`, `+1100`, `-08` (lookup-events output uses the
///   local offset of the machine that ran it);
/// - fractional seconds of any length: `.5`, `.123`, `.123456789` (digits past milliseconds are
///   truncated, not rounded, so a time never moves into the next millisecond);
/// - no zone at all (`2025-03-26 16:43:57.000000000`, the form of Panther re-exports): read as UTC.
///
/// Anything else — a missing part, a month 13, February 30, trailing text — is rejected, and the
/// caller counts the record as untimed; a bad time never becomes 0.
public enum EventTime {
    /// Parses the text form; `nil` when it is not one of the accepted forms.
    public static func parse(_ text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { parse($0.baseAddress, count: $0.count) }
    }

    /// Parses `count` bytes at `bytes`.
    public static func parse(_ bytes: UnsafePointer<UInt8>?, count: Int) -> Int64? {
        guard let bytes, count >= 19 else { return nil }
        @inline(__always) func digits(_ at: Int, _ length: Int) -> Int? {
            var value = 0
            for k in at..<(at + length) {
                let digit = bytes[k] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = digits(0, 4), bytes[4] == 0x2D,
              let month = digits(5, 2), bytes[7] == 0x2D,
              let day = digits(8, 2),
              bytes[10] == 0x54 || bytes[10] == 0x74 || bytes[10] == 0x20,
              let hour = digits(11, 2), bytes[13] == 0x3A,
              let minute = digits(14, 2), bytes[16] == 0x3A,
              let second = digits(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }

        var index = 19
        var millis = 0
        if index < count && bytes[index] == 0x2E {
            index += 1
            let fractionStart = index
            while index < count && bytes[index] &- 0x30 < 10 {
                if index - fractionStart < 3 { millis = millis * 10 + Int(bytes[index] - 0x30) }
                index += 1
            }
            let length = index - fractionStart
            guard length > 0 else { return nil }
            if length == 1 { millis *= 100 } else if length == 2 { millis *= 10 }
        }

        var offsetSeconds = 0
        if index < count {
            let sign = bytes[index]
            if sign == 0x5A || sign == 0x7A {              // Z z
                index += 1
            } else if sign == 0x2B || sign == 0x2D {       // + -
                index += 1
                guard index + 2 <= count, let hours = digits(index, 2), hours <= 23 else { return nil }
                index += 2
                var minutes = 0
                if index < count {
                    if bytes[index] == 0x3A { index += 1 }
                    guard index + 2 <= count, let value = digits(index, 2), value <= 59 else { return nil }
                    minutes = value
                    index += 2
                }
                offsetSeconds = (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
            } else {
                return nil
            }
        }
        guard index == count else { return nil }

        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return seconds * 1000 + Int64(millis)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// RFC 3339 in UTC: `2026-01-05T10:11:12Z`, or `…12.345Z` when there are milliseconds.
    public static func rfc3339(_ millis: Int64) -> String {
        let (days, dayMillis) = floorDivision(millis, 86_400_000)
        let (year, month, day) = civilFromDays(Int(days))
        let seconds = Int(dayMillis / 1000)
        let fraction = Int(dayMillis % 1000)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        if fraction != 0 { text += "." + pad(fraction, 3) }
        return text + "Z"
    }

    static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(abs(value))
        let padded = text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        return value < 0 ? "-" + padded : padded
    }
}

import Foundation
