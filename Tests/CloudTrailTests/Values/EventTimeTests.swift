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
}
