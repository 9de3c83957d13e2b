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
        case literal(String)
        case field(Character, Int)
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
                pieces.append(.literal(literal))
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
                pieces.append(.field(character, count))
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
                if letter == "Y" { hasWeekYear = true }
                if letter == "M" || letter == "L" || letter == "d" || letter == "D" { hasMonthOrDay = true }
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

        var output = ""
        for piece in pieces {
            switch piece {
            case .literal(let text):
                output += text
            case .field(let letter, let count):
                switch letter {
                case "G": output += year > 0 ? "AD" : "BC"
                case "y": output += SimpleDateFormat.year(year, count)
                case "Y": output += SimpleDateFormat.year(SimpleDateFormat.weekYear(days: days, dayOfWeek: dayOfWeek), count)
                case "M", "L":
                    if count >= 4 { output += SimpleDateFormat.monthNames[month - 1] }
                    else if count == 3 { output += String(SimpleDateFormat.monthNames[month - 1].prefix(3)) }
                    else { output += SimpleDateFormat.pad(month, count) }
                case "w": output += SimpleDateFormat.pad(SimpleDateFormat.weekOfYear(days: days, dayOfWeek: dayOfWeek), count)
                case "W":
                    let firstOfMonthDayOfWeek = SimpleDateFormat.floorModulo(dayOfWeek - (day - 1), 7)
                    output += SimpleDateFormat.pad((day - 1 + firstOfMonthDayOfWeek) / 7 + 1, count)
                case "D": output += SimpleDateFormat.pad(days - EventTime.daysFromCivil(year: year, month: 1, day: 1) + 1, count)
                case "d": output += SimpleDateFormat.pad(day, count)
                case "F": output += SimpleDateFormat.pad((day - 1) / 7 + 1, count)
                case "E":
                    let name = SimpleDateFormat.dayNames[dayOfWeek]
                    output += count >= 4 ? name : String(name.prefix(3))
                case "u": output += SimpleDateFormat.pad(dayOfWeek == 0 ? 7 : dayOfWeek, count)
                case "a": output += hour < 12 ? "AM" : "PM"
                case "H": output += SimpleDateFormat.pad(hour, count)
                case "k": output += SimpleDateFormat.pad(hour == 0 ? 24 : hour, count)
                case "K": output += SimpleDateFormat.pad(hour % 12, count)
                case "h": output += SimpleDateFormat.pad(hour % 12 == 0 ? 12 : hour % 12, count)
                case "m": output += SimpleDateFormat.pad(minute, count)
                case "s": output += SimpleDateFormat.pad(second, count)
                case "S": output += SimpleDateFormat.pad(millisecond, count)
                case "z": output += zoneName(at: millis, long: count >= 4)
                case "Z": output += SimpleDateFormat.offsetText(offset, colon: false, allowZ: false, hoursOnly: false)
                case "X":
                    output += SimpleDateFormat.offsetText(offset, colon: count == 3, allowZ: true, hoursOnly: count == 1)
                default: break
                }
            }
        }
        return output
    }

    private func zoneName(at millis: Int64, long: Bool) -> String {
        // Foundation on Linux names UTC "GMT"; Java names the zone Skua defaults to "UTC".
        if isUTC { return long ? "Coordinated Universal Time" : "UTC" }
        let date = Date(timeIntervalSince1970: Double(millis) / 1000)
        if long {
            let style: NSTimeZone.NameStyle = timeZone.isDaylightSavingTime(for: date) ? .daylightSaving : .standard
            return timeZone.localizedName(for: style, locale: Locale(identifier: "en_US")) ?? timeZone.identifier
        }
        let offset = timeZone.secondsFromGMT(for: date)
        let isDaylight = timeZone.isDaylightSavingTime(for: date)
        return (zoneNames ?? ZoneAbbreviations(identifier: timeZone.identifier)).name(offset: offset, isDaylight: isDaylight)
    }

    /// Java's year field: two letters → the last two digits; otherwise the whole year,
    /// zero-padded to the letter count.
    static func year(_ year: Int, _ count: Int) -> String {
        count == 2 ? pad(floorModulo(year, 100), 2) : pad(year, count)
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
