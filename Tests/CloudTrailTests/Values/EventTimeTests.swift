import Foundation
import CloudTrail
import Testing

/// Expected epoch values come from `date -u -d <UTC time> +%s` (GNU date), times 1000, plus the
/// milliseconds written in the text; offsets were moved to UTC by hand first.
@Suite struct EventTimeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var millis: Int64?
        var testDescription: String { "\(text.debugDescription) → \(millis.map(String.init) ?? "rejected")" }
    }

    static let accepted: [Case] = [
        Case(text: "2026-01-05T10:11:12Z", millis: 1_767_607_872_000),
        Case(text: "2026-01-05T10:11:12z", millis: 1_767_607_872_000),
        Case(text: "2026-01-05t10:11:12Z", millis: 1_767_607_872_000),
        // -08:00 is eight hours behind UTC: 18:11:12Z.
        Case(text: "2026-01-05T10:11:12-08:00", millis: 1_767_636_672_000),
        Case(text: "2026-01-05T10:11:12-08", millis: 1_767_636_672_000),
        // +11:00 is eleven hours ahead: the previous day at 23:11:12Z.
        Case(text: "2026-01-05T10:11:12+11:00", millis: 1_767_568_272_000),
        Case(text: "2026-01-05T10:11:12+1100", millis: 1_767_568_272_000),
        Case(text: "2026-01-05T10:11:12+00:00", millis: 1_767_607_872_000),
        Case(text: "2026-01-05T10:11:12.5Z", millis: 1_767_607_872_500),
        Case(text: "2026-01-05T10:11:12.05Z", millis: 1_767_607_872_050),
        Case(text: "2026-01-05T10:11:12.123Z", millis: 1_767_607_872_123),
        // Past milliseconds the digits are cut, never rounded up.
        Case(text: "2026-01-05T10:11:12.9999Z", millis: 1_767_607_872_999),
        Case(text: "2026-01-05T10:11:12.123456789Z", millis: 1_767_607_872_123),
        Case(text: "2026-01-05T10:11:12.123456789-08:00", millis: 1_767_636_672_123),
        // The Panther re-export form: a space, nine fraction digits, no zone (UTC).
        Case(text: "2025-03-26 16:43:57.000000000", millis: 1_743_007_437_000),
        Case(text: "2025-03-26 16:43:57", millis: 1_743_007_437_000),
        Case(text: "2024-02-29T00:00:00Z", millis: 1_709_164_800_000),
        Case(text: "2000-02-29T00:00:00Z", millis: 951_782_400_000),
        Case(text: "1970-01-01T00:00:00Z", millis: 0),
        Case(text: "1969-12-31T23:59:59Z", millis: -1000),
        Case(text: "1969-12-31T23:59:59.999Z", millis: -1),
        Case(text: "1900-01-01T00:00:00Z", millis: -2_208_988_800_000),
        Case(text: "1600-03-01T12:00:00Z", millis: -11_670_868_800_000),
        Case(text: "0001-01-01T00:00:00Z", millis: -62_135_596_800_000),
        Case(text: "2100-03-01T00:00:00Z", millis: 4_107_542_400_000),
        Case(text: "9999-12-31T23:59:59.999Z", millis: 253_402_300_799_999),
    ]

    static let rejected: [String] = [
        "", "2026-01-05", "2026-01-05T10:11", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-01-00T00:00:00Z", "2026-02-30T00:00:00Z", "2026-04-31T00:00:00Z",
        "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
        "2026-01-05T24:00:00Z", "2026-01-05T10:60:00Z", "2026-01-05T10:11:61Z",
        "2026-01-05T10:11:12Zjunk", "2026-01-05T10:11:12Z ", " 2026-01-05T10:11:12Z",
        "2026-01-05T10:11:12.Z", "2026-01-05T10:11:12+11:0", "2026-01-05T10:11:12+11:", "2026-01-05T10:11:12+1",
        "2026-01-05T10:11:12+25:00", "2026-01-05T10:11:12+11:60", "2026-01-05T10:11:12+11:00junk",
        "2026/01/05T10:11:12Z", "2026-01-05X10:11:12Z", "2026-01-05T10-11-12Z", "2026-1-05T10:11:12Z",
        "AWS Internal", "1767607872", "2026-01-05T10:11:12.12a",
    ]

    @Test("reads every accepted form to the right epoch millisecond", arguments: accepted)
    func parses(_ example: Case) {
        #expect(EventTime.parse(example.text) == example.millis)
    }

    @Test("rejects malformed or impossible times instead of guessing", arguments: rejected)
    func rejects(_ text: String) {
        #expect(EventTime.parse(text) == nil)
    }

    @Test("reads the same bytes through the pointer entry point")
    func parsesBytes() {
        let text = Array("2026-01-05T10:11:12.123Zjunk".utf8)
        text.withUnsafeBufferPointer { buffer in
            #expect(EventTime.parse(buffer.baseAddress, count: 24) == 1_767_607_872_123)
            #expect(EventTime.parse(buffer.baseAddress, count: buffer.count) == nil)
        }
    }

    struct RoundTrip: CustomTestStringConvertible, Sendable {
        var millis: Int64
        var text: String
        var testDescription: String { text }
    }

    @Test("writes RFC 3339 in UTC and reads it back to the same millisecond", arguments: [
        RoundTrip(millis: 0, text: "1970-01-01T00:00:00Z"),
        RoundTrip(millis: -1, text: "1969-12-31T23:59:59.999Z"),
        RoundTrip(millis: -1000, text: "1969-12-31T23:59:59Z"),
        RoundTrip(millis: 1_704_067_200_123, text: "2024-01-01T00:00:00.123Z"),
        RoundTrip(millis: 1_709_164_800_007, text: "2024-02-29T00:00:00.007Z"),
        RoundTrip(millis: -62_135_596_800_000, text: "0001-01-01T00:00:00Z"),
        RoundTrip(millis: 253_402_300_799_999, text: "9999-12-31T23:59:59.999Z"),
    ])
    func roundTrip(_ example: RoundTrip) {
        #expect(EventTime.rfc3339(example.millis) == example.text)
        #expect(EventTime.parse(example.text) == example.millis)
    }

    @Test("reads a command-line instant as epoch milliseconds, a date, or a time")
    func instants() {
        #expect(EventTime.parseInstant("1704067200000") == 1_704_067_200_000)
        #expect(EventTime.parseInstant("-5") == -5)
        #expect(EventTime.parseInstant("2024-01-01") == 1_704_067_200_000)
        #expect(EventTime.parseInstant(" 2024-01-01T00:00:00Z ") == 1_704_067_200_000)
        #expect(EventTime.parseInstant("yesterday") == nil)
        #expect(EventTime.parseInstant("") == nil)
    }

    /// 2026-01-05T10:00:00Z is 20,458 days after the epoch (2026-01-05 is day 20,458) plus ten
    /// hours: 20,458 × 86,400,000 + 36,000,000 = 1,767,607,200,000 ms.
    struct InstantCase: CustomTestStringConvertible, Sendable {
        var text: String
        var zone: String
        var expected: Int64
        var testDescription: String { "\(text) in \(zone)" }
    }

    @Test("reads the forms a person writes: date and time without seconds, T or space, QRadar's slashes and colons, in a zone when none is written", arguments: [
        InstantCase(text: "2026-01-05T10:00", zone: "UTC", expected: 1_767_607_200_000),
        InstantCase(text: "2026-01-05 10:00", zone: "UTC", expected: 1_767_607_200_000),
        InstantCase(text: "2026-01-05 10:00:00", zone: "UTC", expected: 1_767_607_200_000),
        InstantCase(text: "2026-01-05 10:00Z", zone: "Asia/Tokyo", expected: 1_767_607_200_000),
        InstantCase(text: "2026/01/05 10:00:00", zone: "UTC", expected: 1_767_607_200_000),
        InstantCase(text: "2026/01/05-10:00:00", zone: "UTC", expected: 1_767_607_200_000),
        InstantCase(text: "2026:01:05-10:00:00", zone: "UTC", expected: 1_767_607_200_000),
        // Tokyo is UTC+9 all year: 19:00 there is 10:00 UTC.
        InstantCase(text: "2026-01-05T19:00", zone: "Asia/Tokyo", expected: 1_767_607_200_000),
        InstantCase(text: "2026-01-05 19:00:00", zone: "Asia/Tokyo", expected: 1_767_607_200_000),
        // New York in January is UTC-5: 05:00 there is 10:00 UTC.
        InstantCase(text: "2026-01-05 05:00", zone: "America/New_York", expected: 1_767_607_200_000),
        // A written offset wins over the zone.
        InstantCase(text: "2026-01-05T10:00:00+00:00", zone: "America/New_York", expected: 1_767_607_200_000),
        // A date alone: its midnight in the zone (Tokyo's is 15:00 UTC the day before).
        InstantCase(text: "2026-01-05", zone: "UTC", expected: 1_767_571_200_000),
        InstantCase(text: "2026-01-05", zone: "Asia/Tokyo", expected: 1_767_571_200_000 - 9 * 3_600_000),
        InstantCase(text: "1767607200000", zone: "Asia/Tokyo", expected: 1_767_607_200_000),
    ])
    func personWrittenInstants(_ example: InstantCase) throws {
        let timeZone = try #require(TimeZone(identifier: example.zone))
        #expect(EventTime.parseInstant(example.text, timeZone: timeZone) == example.expected)
    }

    @Test("a date alone has a day end: the last millisecond of that day in the zone; other forms have none")
    func dayEnd() throws {
        // 2026-01-06T00:00:00Z is 1,767,657,600,000 ms; one millisecond before it.
        #expect(EventTime.dayEnd("2026-01-05") == 1_767_657_599_999)
        #expect(EventTime.dayEnd("2026/01/05") == 1_767_657_599_999)
        // New York's 5 January ends at 05:00 UTC on the 6th.
        #expect(EventTime.dayEnd("2026-01-05", timeZone: try #require(TimeZone(identifier: "America/New_York")))
                == 1_767_657_600_000 + 5 * 3_600_000 - 1)
        #expect(EventTime.dayEnd("2026-01-05T10:00") == nil)
        #expect(EventTime.dayEnd("1767607200000") == nil)
        #expect(EventTime.parseInstant("2026-01-05 25:00") == nil)
        #expect(EventTime.parseInstant("2026-01-05T10") == nil)
    }
}
