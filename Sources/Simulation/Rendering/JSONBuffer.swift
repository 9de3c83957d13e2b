/// A growing byte buffer with the few JSON-writing operations the renderers need.
///
/// Fixed text (keys, punctuation, constant values) is appended from `StaticString`s, which
/// costs a `memcpy`; variable text is appended from existing `String`s through their contiguous
/// UTF-8 storage, escaped when it may hold anything but safe ASCII. Numbers, times, UUIDs and
/// AWS-style identifiers are formatted straight into the buffer from integers, so rendering a
/// record allocates nothing once the buffer has grown to its working size.
struct JSONBuffer {
    /// The bytes written so far.
    var bytes: [UInt8]

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 1 << 16) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes written.
    var count: Int { bytes.count }

    /// Forgets the contents, keeping the storage.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    // MARK: Raw text

    /// Appends fixed text verbatim (it must already be valid JSON in context).
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends one byte.
    @inline(__always)
    mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// Appends bytes verbatim.
    @inline(__always)
    mutating func raw(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Appends the UTF-8 of `text` verbatim: only for simulator-made text known to need no
    /// escaping (identifiers, region names, ARNs built from such parts).
    @inline(__always)
    mutating func plain(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    // MARK: Strings

    /// Appends `text` as a JSON string: quoted, escaped.
    @inline(__always)
    mutating func string(_ text: String) {
        bytes.append(0x22)
        escaped(text)
        bytes.append(0x22)
    }

    /// Appends `text` as a JSON string, or `null`.
    mutating func string(orNull text: String?) {
        if let text { string(text) } else { raw("null") }
    }

    /// Appends the escaped body of `text` (no quotes).
    @inline(__always)
    mutating func escaped(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            if let base = utf8.baseAddress { JSONEscaping.appendEscaped(base, count: utf8.count, to: &bytes) }
        }
        if done == nil {
            let copy = Array(text.utf8)
            copy.withUnsafeBufferPointer { utf8 in
                if let base = utf8.baseAddress { JSONEscaping.appendEscaped(base, count: utf8.count, to: &bytes) }
            }
        }
    }

    /// Appends the escaped form of raw JSON text `other` (to embed a record as a string value).
    mutating func escaped(_ other: [UInt8]) {
        other.withUnsafeBufferPointer { utf8 in
            if let base = utf8.baseAddress { JSONEscaping.appendEscaped(base, count: utf8.count, to: &bytes) }
        }
    }

    // MARK: Numbers and times

    /// Appends a decimal integer.
    mutating func integer(_ value: Int) {
        if value < 0 {
            bytes.append(0x2D)
            integer(-value)
            return
        }
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            bytes.append(0x30 + UInt8(remaining / divisor))
            remaining %= divisor
            divisor /= 10
        }
    }

    /// Appends `value` as exactly `width` decimal digits (zero-padded, `value` non-negative).
    @inline(__always)
    mutating func digits(_ value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            bytes.append(0x30 + UInt8(remaining / divisor % 10))
            remaining %= divisor
            divisor /= 10
        }
    }

    /// Appends `"2026-01-05T10:11:12Z"` (quoted) for epoch milliseconds, seconds precision, as
    /// CloudTrail writes `eventTime`.
    mutating func isoTime(_ millis: Int64) {
        bytes.append(0x22)
        isoTimeBody(millis, offsetMinutes: 0)
        bytes.append(0x22)
    }

    /// Appends the unquoted RFC 3339 text of `millis` in the zone `offsetMinutes` east of UTC:
    /// `…Z` for 0, `…-05:00` otherwise.
    mutating func isoTimeBody(_ millis: Int64, offsetMinutes: Int) {
        let parts = CivilTime(millis: millis + Int64(offsetMinutes) * 60_000)
        digits(parts.year, width: 4)
        bytes.append(0x2D)
        digits(parts.month, width: 2)
        bytes.append(0x2D)
        digits(parts.day, width: 2)
        bytes.append(0x54)
        digits(parts.hour, width: 2)
        bytes.append(0x3A)
        digits(parts.minute, width: 2)
        bytes.append(0x3A)
        digits(parts.second, width: 2)
        if offsetMinutes == 0 {
            bytes.append(0x5A)
        } else {
            bytes.append(offsetMinutes < 0 ? 0x2D : 0x2B)
            digits(abs(offsetMinutes) / 60, width: 2)
            bytes.append(0x3A)
            digits(abs(offsetMinutes) % 60, width: 2)
        }
    }

    // MARK: Identifiers

    private static let lowerHex: [UInt8] = Array("0123456789abcdef".utf8)
    private static let upperBase32: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let alphanumerics: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// Appends a random version-4 UUID body (no quotes), lowercase: `8-4-4-4-12` hex digits.
    mutating func uuid(_ random: inout SplitMix64) {
        uuid(high: random.next(), low: random.next())
    }

    /// Appends the version-4 UUID made from 128 bits (version and variant bits forced).
    mutating func uuid(high: UInt64, low: UInt64) {
        let high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        for index in 0..<16 {
            if index == 8 || index == 12 { bytes.append(0x2D) }
            bytes.append(JSONBuffer.lowerHex[Int((high >> UInt64(60 - index * 4)) & 0xF)])
        }
        for index in 0..<16 {
            if index == 0 || index == 4 { bytes.append(0x2D) }
            bytes.append(JSONBuffer.lowerHex[Int((low >> UInt64(60 - index * 4)) & 0xF)])
        }
    }

    /// Appends `count` lowercase hex digits of `value`, most significant first (`count` ≤ 16).
    mutating func hex(_ value: UInt64, count: Int) {
        for index in stride(from: count - 1, through: 0, by: -1) {
            bytes.append(JSONBuffer.lowerHex[Int((value >> UInt64(index * 4)) & 0xF)])
        }
    }

    /// Appends `count` characters of AWS's upper-case base-32 alphabet (A–Z, 2–7) drawn from
    /// `value` and its scrambles: the body of access key ids (`AKIA…`, `ASIA…`) and principal
    /// ids (`AIDA…`, `AROA…`).
    mutating func base32(_ value: UInt64, count: Int) {
        var word = value
        for index in 0..<count {
            if index > 0 && index % 12 == 0 { word = SplitMix64.mix(value &+ UInt64(index)) }
            bytes.append(JSONBuffer.upperBase32[Int(word & 31)])
            word >>= 5
        }
    }

    /// Appends `count` random characters from A–Z, a–z, 0–9 (the tail of S3 delivery names).
    mutating func alphanumerics(_ random: inout SplitMix64, count: Int) {
        for _ in 0..<count { bytes.append(JSONBuffer.alphanumerics[random.below(62)]) }
    }
}

/// A UTC instant split into calendar fields (proleptic Gregorian), from epoch milliseconds.
struct CivilTime {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    /// The fields of `millis` (negative instants are floored correctly).
    init(millis: Int64) {
        var days = millis / 86_400_000
        var dayMillis = millis % 86_400_000
        if dayMillis < 0 {
            days -= 1
            dayMillis += 86_400_000
        }
        // Howard Hinnant's civil-from-days.
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let seconds = Int(dayMillis / 1000)
        hour = seconds / 3600
        minute = seconds / 60 % 60
        second = seconds % 60
    }
}
