import Foundation

/// Times a person writes: `--since`, `--until`, `--now` and `simulate --start` on the command
/// line, and AQL's `START`/`STOP`. One parser for all of them, so every place that takes a time
/// takes the same forms.
///
/// Accepted (decided for Skua; `docs/aql.md` and the README list them):
/// - epoch milliseconds (`1767607200000`, negative too);
/// - RFC 3339 and every form `EventTime.parse` reads (`2026-01-05T10:00:00Z`, offsets,
///   fractions of a second);
/// - a date and a time without seconds: `2026-01-05T10:00`, `2026-01-05 10:00`, with or
///   without a zone (`2026-01-05 10:00Z`);
/// - a date alone, `2026-01-05`: its midnight (`dayEnd` gives its last millisecond instead);
/// - QRadar's Ariel forms: `yyyy/MM/dd HH:mm:ss`, `yyyy/MM/dd-HH:mm:ss`, `yyyy:MM:dd-HH:mm:ss`.
///
/// A time written without a zone is in `timeZone`, which the command line sets from
/// `--timezone` (UTC by default): the zone a responder reads `DATEFORMAT` buckets in is the
/// zone they type times in, and `START`/`STOP` have always worked this way. A written `Z` or
/// offset always wins.
extension EventTime {
    /// Parses a time a person wrote; `nil` when it is none of the accepted forms.
    public static func parseInstant(_ text: String, timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if isEpochMilliseconds(trimmed) { return Int64(trimmed) }
        let normalized = normalizedDateTime(trimmed)
        if let date = calendarDate(normalized) {
            return localToInstant(Int64(daysFromCivil(year: date.year, month: date.month, day: date.day)) * 86_400_000, timeZone)
        }
        var candidate = normalized
        let characters = Array(candidate)
        if characters.count >= 16, characters[13] == ":", characters.count == 16 || characters[16] != ":" {
            // Minutes without seconds, maybe followed by a zone ('2026-01-05 12:00Z').
            candidate.insert(contentsOf: ":00", at: candidate.index(candidate.startIndex, offsetBy: 16))
        }
        guard let parsed = parse(candidate) else { return nil }
        let afterDate = candidate.dropFirst(10)
        let hasZone = afterDate.hasSuffix("Z") || afterDate.hasSuffix("z") || afterDate.contains("+") || afterDate.contains("-")
        return hasZone ? parsed : localToInstant(parsed, timeZone)
    }

    /// The last millisecond of the day `text` names, when it is a date alone (`2026-01-05`, or
    /// QRadar's `2026/01/05`): `--until 2026-01-05` means the whole of that day. `nil` for
    /// anything else.
    public static func dayEnd(_ text: String, timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> Int64? {
        guard let date = calendarDate(normalizedDateTime(text.trimmingCharacters(in: .whitespaces))) else { return nil }
        let nextDay = Int64(daysFromCivil(year: date.year, month: date.month, day: date.day) + 1) * 86_400_000
        return localToInstant(nextDay, timeZone) - 1
    }

    static func isEpochMilliseconds(_ text: String) -> Bool {
        let digits = text.first == "-" ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// QRadar's slash and colon dates and its '-' between date and time, rewritten as
    /// `yyyy-MM-dd HH…`; other text unchanged.
    static func normalizedDateTime(_ text: String) -> String {
        var characters = Array(text)
        guard characters.count >= 10, characters[4] == characters[7], "/:-".contains(characters[4]),
              characters[0..<4].allSatisfy(\.isNumber), characters[5..<7].allSatisfy(\.isNumber),
              characters[8..<10].allSatisfy(\.isNumber) else { return text }
        characters[4] = "-"
        characters[7] = "-"
        if characters.count > 10 && characters[10] == "-" { characters[10] = " " }
        return String(characters)
    }

    /// Year, month and day of a `yyyy-MM-dd` text with nothing after it.
    static func calendarDate(_ text: String) -> (year: Int, month: Int, day: Int)? {
        guard text.count == 10, let midnight = parse(text + "T00:00:00Z") else { return nil }
        return civilFromDays(Int(floorDivision(midnight, 86_400_000).0))
    }

    /// The instant at which the wall clock of `timeZone` shows `local` (epoch milliseconds of
    /// that wall-clock time read as UTC). Around a daylight-saving change, a wall-clock time that
    /// happens twice or not at all gets one of the instants an hour apart.
    static func localToInstant(_ local: Int64, _ timeZone: TimeZone) -> Int64 {
        func offset(at instant: Int64) -> Int64 {
            Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant) / 1000))) * 1000
        }
        let guess = local - offset(at: local)
        return local - offset(at: guess)
    }
}
