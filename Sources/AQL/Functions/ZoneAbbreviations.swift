import Foundation

/// Short zone names for `DATEFORMAT`'s `z` (`EST`, `CEST`, `IST`), from the system's time-zone
/// database.
///
/// Java names zones from its own tables; Foundation on Linux has short names for a handful of
/// US zones only and prints `GMT-5` for New York in winter where Java prints `EST`. The tz
/// database (`/usr/share/zoneinfo`, TZif files) carries the abbreviation of every period, which
/// is Java's name for most zones people use (the Americas' and Europe's, India, Japan, China,
/// Australia's mainland). This reads the abbreviations a zone's file lists for each (offset,
/// daylight) pair, the latest period's winning; Foundation still decides which pair applies at
/// an instant. Where the database has only a number (`+0545` for Kathmandu, `-03` for São Paulo,
/// `+1030` for Lord Howe) Skua prints Java's form for a zone without a name, `GMT+05:45`;
/// Java has names there (`NPT`, `BRT`, `LHST`), and docs/aql.md lists the difference.
struct ZoneAbbreviations: Sendable {
    /// (seconds east of UTC, is daylight time) → abbreviation.
    private var names: [Int: String] = [:]

    private static func key(offset: Int, isDaylight: Bool) -> Int { offset * 2 + (isDaylight ? 1 : 0) }

    /// The abbreviations of zone `identifier`, or none when its file cannot be read.
    init(identifier: String, folder: String = "/usr/share/zoneinfo") {
        guard !identifier.contains(".."),
              let data = FileManager.default.contents(atPath: folder + "/" + identifier) else { return }
        names = ZoneAbbreviations.parse(Array(data)) ?? [:]
    }

    /// The abbreviation for an instant at `offset` seconds east of UTC, daylight or not;
    /// `GMT±HH:MM` when the database has a number or nothing.
    func name(offset: Int, isDaylight: Bool) -> String {
        if let name = names[ZoneAbbreviations.key(offset: offset, isDaylight: isDaylight)],
           let first = name.unicodeScalars.first, CharacterSet.letters.contains(first) {
            return name
        }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "GMT" + sign + SimpleDateFormat.pad(minutes / 60, 2) + ":" + SimpleDateFormat.pad(minutes % 60, 2)
    }

    /// Reads a TZif file (RFC 8536): the v2+ block when there is one, else the v1 block.
    static func parse(_ bytes: [UInt8]) -> [Int: String]? {
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
        if bytes[4] >= 0x32 {   // version '2' or later: skip the v1 block
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

        func abbreviation(ofType type: Int) -> (key: Int, name: String)? {
            guard type < typeCount else { return nil }
            let at = typeStart + type * 6
            let raw = UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
            let offset = Int(Int32(bitPattern: raw))
            let isDaylight = bytes[at + 4] != 0
            let index = Int(bytes[at + 5])
            guard index < charCount else { return nil }
            var end = charStart + index
            while end < charStart + charCount && bytes[end] != 0 { end += 1 }
            let name = String(decoding: bytes[(charStart + index)..<end], as: UTF8.self)
            return (key(offset: offset, isDaylight: isDaylight), name)
        }
        var names: [Int: String] = [:]
        // Every type first (so the first period's name is there), then the types in the order
        // the transitions use them, so the latest period's name wins.
        for type in 0..<typeCount {
            if let entry = abbreviation(ofType: type), names[entry.key] == nil { names[entry.key] = entry.name }
        }
        for transition in 0..<timeCount {
            if let entry = abbreviation(ofType: Int(bytes[indexStart + transition])) { names[entry.key] = entry.name }
        }
        return names
    }
}
