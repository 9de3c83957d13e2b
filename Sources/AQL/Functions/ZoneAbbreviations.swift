import Foundation

/// Short zone names for `DATEFORMAT`'s `z` (`EST`, `CEST`, `IST`), from the system's time-zone
/// database, chosen the way Java chooses them.
///
/// Java's `SimpleDateFormat` prints a zone's *display name*: one standard name and one daylight
/// name per zone (today's), picked by whether the instant is in daylight time. It never prints
/// the name a period had at the time: New York in 1943 (war time) is `EDT`, Paris in 1938 is
/// `CEST` (not `WEST`), Kolkata in 1900 is `IST` (not `MMT`), London in 1970 (British Standard
/// Time, +1 all year) is `GMT`. Foundation on Linux has short names for a handful of US zones
/// only (it prints `GMT-5` for New York in winter), so the names come from the tz database
/// (`/usr/share/zoneinfo`, TZif files): the standard and daylight abbreviations of the zone's
/// current rule (the POSIX string at the end of the file), else of its latest periods. That is
/// Java's name for the zones people use (the Americas', Europe's, India, Japan, China, Russia,
/// Australia's mainland), checked against Java 17 in UTC, New York and Kolkata by the DateFormat
/// oracle tests.
///
/// Where the database has only a number (`+0545` for Kathmandu, `-03` for São Paulo, `+0630` for
/// Kolkata's war time, a daylight time India no longer has), Skua prints Java's form for a zone
/// without a name, `GMT+05:45`; Java has names there (`NPT`, `BRT`, `IDT`), and docs/aql.md lists
/// the difference.
struct ZoneAbbreviations: Sendable {
    /// Today's standard-time and daylight-time abbreviations, as the database writes them.
    private var standard: String?
    private var daylight: String?

    /// The abbreviations of zone `identifier`, or none when its file cannot be read.
    init(identifier: String, folder: String = "/usr/share/zoneinfo") {
        guard !identifier.contains(".."),
              let data = FileManager.default.contents(atPath: folder + "/" + identifier),
              let names = ZoneAbbreviations.parse(Array(data)) else { return }
        (standard, daylight) = names
    }

    /// The abbreviation for an instant at `offset` seconds east of UTC, daylight or not;
    /// `GMT±HH:MM` when the database has a number or nothing.
    func name(offset: Int, isDaylight: Bool) -> String {
        if let name = isDaylight ? daylight : standard,
           let first = name.unicodeScalars.first, CharacterSet.letters.contains(first) {
            return name
        }
        return ZoneAbbreviations.unnamed(offset: offset)
    }

    /// Java's name for a zone without one: `GMT±HH:MM` of the instant's offset.
    static func unnamed(offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "GMT" + sign + SimpleDateFormat.pad(minutes / 60, 2) + ":" + SimpleDateFormat.pad(minutes % 60, 2)
    }

    /// Reads a TZif file (RFC 8536): the v2+ block when there is one, else the v1 block. Returns
    /// the standard and daylight names of the zone's current rule (the footer's POSIX TZ string),
    /// each falling back to the name of the latest period of its kind.
    static func parse(_ bytes: [UInt8]) -> (standard: String?, daylight: String?)? {
        func counts(at start: Int) -> [Int]? {
            guard start + 44 <= bytes.count, bytes[start] == 0x54, bytes[start + 1] == 0x5A,
                  bytes[start + 2] == 0x69, bytes[start + 3] == 0x66 else { return nil }
            // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
            return (0..<6).map { index in
                let at = start + 20 + index * 4
                return Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            }
        }
        guard var header = counts(at: 0) else { return nil }
        var start = 44
        var timeSize = 4
        let hasFooter = bytes[4] >= 0x32   // version '2' or later: a second block, then the footer
        if hasFooter {
            let v1 = header[3] * 5 + header[4] * 6 + header[5] + header[2] * 8 + header[1] + header[0]
            guard let second = counts(at: 44 + v1) else { return nil }
            header = second
            start = 44 + v1 + 44
            timeSize = 8
        }
        let (timeCount, typeCount, charCount) = (header[3], header[4], header[5])
        let indexStart = start + timeCount * timeSize
        let typeStart = indexStart + timeCount
        let charStart = typeStart + typeCount * 6
        guard typeCount > 0, charStart + charCount <= bytes.count else { return nil }

        func abbreviation(ofType type: Int) -> (isDaylight: Bool, name: String)? {
            guard type < typeCount else { return nil }
            let at = typeStart + type * 6
            let isDaylight = bytes[at + 4] != 0
            let index = Int(bytes[at + 5])
            guard index < charCount else { return nil }
            var end = charStart + index
            while end < charStart + charCount && bytes[end] != 0 { end += 1 }
            return (isDaylight, String(decoding: bytes[(charStart + index)..<end], as: UTF8.self))
        }
        var standard: String?
        var daylight: String?
        func note(_ entry: (isDaylight: Bool, name: String)?) {
            guard let entry else { return }
            if entry.isDaylight { daylight = entry.name } else { standard = entry.name }
        }
        // Every type first (a zone without transitions has only those), then the types in the
        // order the transitions use them, so the latest period of each kind wins.
        for type in 0..<typeCount { note(abbreviation(ofType: type)) }
        for transition in 0..<timeCount { note(abbreviation(ofType: Int(bytes[indexStart + transition]))) }

        // The footer, "\nSTD offset[DST[offset][,rule]]\n", names today's rule (a file cut short
        // of the present, as zic's slim output is, ends its transitions before it).
        if hasFooter {
            let footerEnd = charStart + charCount + header[2] * 12 + header[1] + header[0]
            if footerEnd < bytes.count, bytes[footerEnd] == 0x0A {
                let footer = Array(bytes[(footerEnd + 1)...].prefix { $0 != 0x0A })
                let names = posixNames(footer)
                if let name = names.first { standard = name }
                if names.count > 1 { daylight = names[1] }
            }
        }
        return (standard, daylight)
    }

    /// The zone names of a POSIX TZ string, standard first (`EST5EDT,M3.2.0,M11.1.0` → `EST`,
    /// `EDT`; `<+0545>-5:45` → `+0545`): each is letters, or anything between `<` and `>`.
    ///
    /// A daylight time *behind* standard time (`IST-1GMT0,…`: Ireland's negative daylight
    /// saving, standard +1 in summer, "daylight" +0 in winter) is returned the other way round,
    /// as Java and Foundation (ICU) see it: standard `GMT` in winter, daylight `IST` in summer.
    static func posixNames(_ text: [UInt8]) -> [String] {
        var names: [String] = []
        var offsets: [Int] = []   // seconds west of UTC, as POSIX writes them
        var index = 0
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        func isOffsetByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        }
        while index < text.count && names.count < 2 {
            if text[index] == UInt8(ascii: "<") {
                guard let close = text[index...].firstIndex(of: UInt8(ascii: ">")) else { break }
                names.append(String(decoding: text[(index + 1)..<close], as: UTF8.self))
                index = close + 1
            } else if isLetter(text[index]) {
                let end = text[index...].firstIndex { !isLetter($0) } ?? text.count
                names.append(String(decoding: text[index..<end], as: UTF8.self))
                index = end
            } else {
                break
            }
            // The offset after the name: [+-]hh[:mm[:ss]] (optional after the daylight name).
            let end = text[index...].firstIndex { !isOffsetByte($0) } ?? text.count
            if end > index { offsets.append(posixOffset(text[index..<end])) }
            index = end
        }
        if names.count == 2, offsets.count == 2, offsets[1] > offsets[0] {
            // Daylight further west than standard: daylight saving is negative.
            return [names[1], names[0]]
        }
        return names
    }

    /// `[+-]hh[:mm[:ss]]` in seconds.
    static func posixOffset(_ text: ArraySlice<UInt8>) -> Int {
        var sign = 1
        var body = text
        if let first = body.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            if first == UInt8(ascii: "-") { sign = -1 }
            body = body.dropFirst()
        }
        let parts = body.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var seconds = 0
        for (position, part) in parts.prefix(3).enumerated() {
            let value = part.reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
            seconds += value * [3600, 60, 1][position]
        }
        return sign * seconds
    }
}
