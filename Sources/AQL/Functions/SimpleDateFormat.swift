import CloudTrail
import Foundation

/// Java's `SimpleDateFormat` (formatting only, `Locale.US`, proleptic Gregorian calendar), for
/// `DATEFORMAT`.
///
/// Written by hand because nothing on Linux reproduces Java's letters: ICU's patterns differ
/// (`Y`, `u`, `F`, `k`, `X` and text widths), and the week year `Y` must follow Java's US rules
/// exactly — weeks start on Sunday and week 1 is the week that holds 1 January — or the
/// published query's `'YYYY-MM-dd HH:00:00'` buckets come out wrong in late December.
/// Checked against Java 17 itself by the DateFormat tests.
///
/// Supported letters: `G y Y M L w W D d F E u a H k K h m s S z Z X`, quoted text (`'at'`) and
/// `''` for a quote. Other ASCII letters are errors, as in Java. Before 1582 Java switches to the
/// Julian calendar and this formatter does not: dates that old never occur in CloudTrail.
public struct SimpleDateFormat: Sendable {
    enum Piece: Sendable {
        /// Text copied as it stands, as UTF-8.
        case literal([UInt8])
        /// A pattern letter (ASCII) and how many times it repeats.
        case field(UInt8, Int)
    }

    let pieces: [Piece]
    let timeZone: TimeZone
    let isUTC: Bool
    /// Short names for `z`, read only when the pattern has one and the zone is not UTC.
    let zoneNames: ZoneAbbreviations?
    public let pattern: String

    /// Compiles `pattern`; throws a message like Java's on a bad pattern.
    public init(_ pattern: String, timeZone: TimeZone = TimeZone(identifier: "UTC")!) throws(PatternError) {
        self.pattern = pattern
        self.timeZone = timeZone
        let isUTC = timeZone.identifier == "UTC" || timeZone.identifier == "GMT"
        self.isUTC = isUTC
        self.zoneNames = !isUTC && pattern.contains("z") ? ZoneAbbreviations(identifier: timeZone.identifier) : nil
        var pieces: [Piece] = []
        var characters = Array(pattern)
        var index = 0
        var literal = ""
        func flushLiteral() {
            if !literal.isEmpty {
                pieces.append(.literal(Array(literal.utf8)))
                literal = ""
            }
        }
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                if index + 1 < characters.count && characters[index + 1] == "'" {
                    literal.append("'")
                    index += 2
                    continue
                }
                index += 1
                var closed = false
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count && characters[index + 1] == "'" {
                            literal.append("'")
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    literal.append(characters[index])
                    index += 1
                }
                if !closed { throw PatternError(message: "Unterminated quote") }
                continue
            }
            if character.isASCII && character.isLetter {
                guard SimpleDateFormat.letters.contains(character) else {
                    throw PatternError(message: "Illegal pattern character '\(character)'")
                }
                var count = 1
                while index + count < characters.count && characters[index + count] == character { count += 1 }
                if character == "X" && count > 3 { throw PatternError(message: "invalid ISO 8601 format: length=\(count)") }
                flushLiteral()
                pieces.append(.field(character.asciiValue!, count))
                index += count
                continue
            }
            literal.append(character)
            index += 1
        }
        flushLiteral()
        self.pieces = pieces
        characters.removeAll()
    }

    public struct PatternError: Error, Sendable {
        public var message: String
    }

    static let letters: Set<Character> = ["G", "y", "Y", "M", "L", "w", "W", "D", "d", "F", "E", "u", "a", "H", "k", "K", "h", "m", "s", "S", "z", "Z", "X"]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// Whether the pattern uses the week year `Y` next to month or day letters (the lint).
    public var mixesWeekYearWithDate: Bool {
        var hasWeekYear = false, hasMonthOrDay = false
        for piece in pieces {
            if case .field(let letter, _) = piece {
                if letter == UInt8(ascii: "Y") { hasWeekYear = true }
                if letter == UInt8(ascii: "M") || letter == UInt8(ascii: "L") || letter == UInt8(ascii: "d") || letter == UInt8(ascii: "D") { hasMonthOrDay = true }
            }
        }
        return hasWeekYear && hasMonthOrDay
    }

    /// Offset from UTC, in seconds, at `millis`.
    func offsetSeconds(at millis: Int64) -> Int {
        if isUTC { return 0 }
        return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    /// Formats epoch milliseconds.
    public func format(_ millis: Int64) -> String {
        let offset = offsetSeconds(at: millis)
        let local = millis + Int64(offset) * 1000
        let (days64, dayMillis64) = SimpleDateFormat.floorDivide(local, 86_400_000)
        let days = Int(days64)
        let dayMillis = Int(dayMillis64)
        let (year, month, day) = EventTime.civilFromDays(days)
        let dayOfWeek = SimpleDateFormat.floorModulo(days + 4, 7)   // 0 = Sunday (1970-01-01 was a Thursday)
        let hour = dayMillis / 3_600_000
        let minute = dayMillis / 60_000 % 60
        let second = dayMillis / 1000 % 60
        let millisecond = dayMillis % 1000

        // Built as bytes: digits and names are ASCII, so only literals and zone names (appended
        // as UTF-8) can hold anything else. String concatenation per field cost ~6,000
        // instructions per call, a tenth of the work on each row the published query keeps.
        var output: [UInt8] = []
        output.reserveCapacity(32)
        for piece in pieces {
            switch piece {
            case .literal(let text):
                output.append(contentsOf: text)
            case .field(let letter, let count):
                switch letter {
                case UInt8(ascii: "G"): output.append(contentsOf: (year > 0 ? "AD" : "BC").utf8)
                case UInt8(ascii: "y"): SimpleDateFormat.appendYear(year, count, to: &output)
                case UInt8(ascii: "Y"): SimpleDateFormat.appendYear(SimpleDateFormat.weekYear(days: days, dayOfWeek: dayOfWeek), count, to: &output)
                case UInt8(ascii: "M"), UInt8(ascii: "L"):
                    if count >= 4 { output.append(contentsOf: SimpleDateFormat.monthNames[month - 1].utf8) }
                    else if count == 3 { output.append(contentsOf: SimpleDateFormat.monthNames[month - 1].utf8.prefix(3)) }
                    else { SimpleDateFormat.appendPadded(month, count, to: &output) }
                case UInt8(ascii: "w"): SimpleDateFormat.appendPadded(SimpleDateFormat.weekOfYear(days: days, dayOfWeek: dayOfWeek), count, to: &output)
                case UInt8(ascii: "W"):
                    let firstOfMonthDayOfWeek = SimpleDateFormat.floorModulo(dayOfWeek - (day - 1), 7)
                    SimpleDateFormat.appendPadded((day - 1 + firstOfMonthDayOfWeek) / 7 + 1, count, to: &output)
                case UInt8(ascii: "D"): SimpleDateFormat.appendPadded(days - EventTime.daysFromCivil(year: year, month: 1, day: 1) + 1, count, to: &output)
                case UInt8(ascii: "d"): SimpleDateFormat.appendPadded(day, count, to: &output)
                case UInt8(ascii: "F"): SimpleDateFormat.appendPadded((day - 1) / 7 + 1, count, to: &output)
                case UInt8(ascii: "E"):
                    let name = SimpleDateFormat.dayNames[dayOfWeek].utf8
                    if count >= 4 { output.append(contentsOf: name) } else { output.append(contentsOf: name.prefix(3)) }
                case UInt8(ascii: "u"): SimpleDateFormat.appendPadded(dayOfWeek == 0 ? 7 : dayOfWeek, count, to: &output)
                case UInt8(ascii: "a"): output.append(contentsOf: (hour < 12 ? "AM" : "PM").utf8)
                case UInt8(ascii: "H"): SimpleDateFormat.appendPadded(hour, count, to: &output)
                case UInt8(ascii: "k"): SimpleDateFormat.appendPadded(hour == 0 ? 24 : hour, count, to: &output)
                case UInt8(ascii: "K"): SimpleDateFormat.appendPadded(hour % 12, count, to: &output)
                case UInt8(ascii: "h"): SimpleDateFormat.appendPadded(hour % 12 == 0 ? 12 : hour % 12, count, to: &output)
                case UInt8(ascii: "m"): SimpleDateFormat.appendPadded(minute, count, to: &output)
                case UInt8(ascii: "s"): SimpleDateFormat.appendPadded(second, count, to: &output)
                case UInt8(ascii: "S"): SimpleDateFormat.appendPadded(millisecond, count, to: &output)
                case UInt8(ascii: "z"): output.append(contentsOf: zoneName(at: millis, long: count >= 4).utf8)
                case UInt8(ascii: "Z"): output.append(contentsOf: SimpleDateFormat.offsetText(offset, colon: false, allowZ: false, hoursOnly: false).utf8)
                case UInt8(ascii: "X"):
                    output.append(contentsOf: SimpleDateFormat.offsetText(offset, colon: count == 3, allowZ: true, hoursOnly: count == 1).utf8)
                default: break
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func zoneName(at millis: Int64, long: Bool) -> String {
        // Foundation on Linux names UTC "GMT"; Java names the zone Skua defaults to "UTC".
        if isUTC { return long ? "Coordinated Universal Time" : "UTC" }
        let date = Date(timeIntervalSince1970: Double(millis) / 1000)
        let offset = timeZone.secondsFromGMT(for: date)
        let isDaylight = timeZone.isDaylightSavingTime(for: date)
        if long {
            // ICU's long names; where it has none it writes its own fallback with the zone's
            // standard offset (`GMT+05:30` for India's daylight time of 1942), and Java the
            // instant's offset, as `z` does (`GMT+06:30`).
            let style: NSTimeZone.NameStyle = isDaylight ? .daylightSaving : .standard
            if let name = timeZone.localizedName(for: style, locale: Locale(identifier: "en_US")),
               !(name.hasPrefix("GMT+") || name.hasPrefix("GMT-")) {
                return name
            }
            return ZoneAbbreviations.unnamed(offset: offset)
        }
        return (zoneNames ?? ZoneAbbreviations(identifier: timeZone.identifier)).name(offset: offset, isDaylight: isDaylight)
    }

    /// Java's year field: two letters → the last two digits; otherwise the whole year,
    /// zero-padded to the letter count.
    static func appendYear(_ year: Int, _ count: Int, to output: inout [UInt8]) {
        if count == 2 { appendPadded(floorModulo(year, 100), 2, to: &output) } else { appendPadded(year, count, to: &output) }
    }

    /// Appends `value` in decimal, zero-padded to `width` digits, with a leading minus when
    /// negative (as Java's SimpleDateFormat writes a negative number: the sign before the zeros).
    static func appendPadded(_ value: Int, _ width: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if width > count { output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - count)) }
            for index in stride(from: count - 1, through: 0, by: -1) { output.append(buffer[index]) }
        }
    }

    /// The week year with US rules: the calendar year of the Saturday that ends the
    /// Sunday-to-Saturday week holding the day (the week that holds 1 January is week 1).
    static func weekYear(days: Int, dayOfWeek: Int) -> Int {
        EventTime.civilFromDays(days + (6 - dayOfWeek)).year
    }

    /// Week of the week year, US rules.
    static func weekOfYear(days: Int, dayOfWeek: Int) -> Int {
        let weekYear = weekYear(days: days, dayOfWeek: dayOfWeek)
        let januaryFirst = EventTime.daysFromCivil(year: weekYear, month: 1, day: 1)
        let firstSunday = januaryFirst - floorModulo(januaryFirst + 4, 7)
        return (days - firstSunday) / 7 + 1
    }

    static func offsetText(_ seconds: Int, colon: Bool, allowZ: Bool, hoursOnly: Bool) -> String {
        if seconds == 0 && allowZ { return "Z" }
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        let hours = pad(minutes / 60, 2)
        if hoursOnly { return sign + hours }
        return sign + hours + (colon ? ":" : "") + pad(minutes % 60, 2)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(abs(value))
        let padded = text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        return value < 0 ? "-" + padded : padded
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    static func floorModulo(_ value: Int, _ divisor: Int) -> Int {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
