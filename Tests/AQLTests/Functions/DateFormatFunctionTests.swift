import AQL
import Foundation
import CloudTrail
import Testing

/// `DATEFORMAT` as queries use it. Calendar facts used below: 2025-12-27 is a Saturday and
/// 2025-12-28 a Sunday; 2026-01-01 is a Thursday, so the US week that holds it runs from Sunday
/// 2025-12-28 to Saturday 2026-01-03, and those days have week year 2026.
@Suite struct DateFormatFunctionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var time: String
        var pattern: String
        var timeZone: String = "UTC"
        var expected: AQLValue
        var testDescription: String { "\(time) '\(pattern)' in \(timeZone) → \(expected)" }
    }

    @Test("formats starttime with Java's letters; YYYY is the US week year", arguments: [
        Case(time: "2025-12-28T10:15:00Z", pattern: "YYYY-MM-dd HH:00:00", expected: "2026-12-28 10:00:00"),
        Case(time: "2025-12-28T10:15:00Z", pattern: "YYYY-MM-dd", expected: "2026-12-28"),
        Case(time: "2025-12-31T23:59:59Z", pattern: "YYYY-MM-dd", expected: "2026-12-31"),
        Case(time: "2025-12-27T23:59:59Z", pattern: "YYYY-MM-dd", expected: "2025-12-27"),
        Case(time: "2025-12-28T10:15:00Z", pattern: "yyyy-MM-dd HH:00:00", expected: "2025-12-28 10:00:00"),
        Case(time: "2026-01-03T08:00:00Z", pattern: "YYYY-MM-dd", expected: "2026-01-03"),
        Case(time: "2026-01-04T08:00:00Z", pattern: "yyyy-MM-dd'T'HH:mm:ss.SSS", expected: "2026-01-04T08:00:00.000"),
        Case(time: "2026-01-05T10:07:09.5Z", pattern: "HH:mm:ss.SSS", expected: "10:07:09.500"),
        Case(time: "2026-01-05T13:07:00Z", pattern: "h:mm a, EEE d MMM yy", expected: "1:07 PM, Mon 5 Jan 26"),
        Case(time: "2026-01-05T00:30:00Z", pattern: "EEEE MMMM dd, hh 'o''clock'", expected: "Monday January 05, 12 o'clock"),
        // Time zones: New York is UTC−5 in December, Tokyo UTC+9.
        Case(time: "2025-12-28T03:00:00Z", pattern: "YYYY-MM-dd HH", timeZone: "America/New_York", expected: "2025-12-27 22"),
        Case(time: "2025-12-28T03:00:00Z", pattern: "YYYY-MM-dd HH", expected: "2026-12-28 03"),
        Case(time: "2025-12-27T20:00:00Z", pattern: "YYYY-MM-dd HH", timeZone: "Asia/Tokyo", expected: "2026-12-28 05"),
        Case(time: "2026-01-05T10:00:00Z", pattern: "HH:mm Z", timeZone: "Asia/Tokyo", expected: "19:00 +0900"),
        Case(time: "2026-07-05T10:00:00Z", pattern: "HH:mm XXX", timeZone: "America/New_York", expected: "06:00 -04:00"),
    ])
    func formats(_ example: Case) throws {
        let options = try QueryFixture.options(timeZone: example.timeZone)
        let record = TrailRecord(time: example.time)
        #expect(try QueryFixture.value(of: "DATEFORMAT(starttime, '\(example.pattern.replacingOccurrences(of: "'", with: "''"))')",
                                       in: record, options: options) == example.expected)
    }


    /// `z` in other zones: the expected names are what Java 17's `SimpleDateFormat("z",
    /// Locale.US)` printed for the same instants (2026-01-05T12:00:00Z and 2026-07-02T13:46:40Z),
    /// except the last two, where Java has names the tz database lacks (Java: `NPT`, `LHDT`/`LHST`)
    /// and Skua prints Java's form for a zone without one (docs/aql.md).
    @Test("z names the zone as Java does, from the tz database",
          .enabled(if: FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/America/New_York"),
                   "needs the tz database in /usr/share/zoneinfo (Debian's tzdata)"),
          arguments: [
        Case(time: "2026-01-05T12:00:00Z", pattern: "z", timeZone: "America/New_York", expected: "EST"),
        Case(time: "2026-07-02T13:46:40Z", pattern: "z", timeZone: "America/New_York", expected: "EDT"),
        Case(time: "2026-01-05T12:00:00Z", pattern: "z", timeZone: "Europe/Paris", expected: "CET"),
        Case(time: "2026-07-02T13:46:40Z", pattern: "z", timeZone: "Europe/Paris", expected: "CEST"),
        Case(time: "2026-01-05T12:00:00Z", pattern: "z", timeZone: "Europe/London", expected: "GMT"),
        Case(time: "2026-07-02T13:46:40Z", pattern: "z", timeZone: "Europe/London", expected: "BST"),
        Case(time: "2026-01-05T12:00:00Z", pattern: "z", timeZone: "Asia/Kolkata", expected: "IST"),
        Case(time: "2026-01-05T12:00:00Z", pattern: "z", timeZone: "Asia/Tokyo", expected: "JST"),
        Case(time: "2026-01-05T12:00:00Z", pattern: "z", timeZone: "America/St_Johns", expected: "NST"),
        Case(time: "2026-07-02T13:46:40Z", pattern: "z", timeZone: "America/St_Johns", expected: "NDT"),
        Case(time: "2026-01-05T12:00:00Z", pattern: "z", expected: "UTC"),
        Case(time: "2026-01-05T12:00:00Z", pattern: "z", timeZone: "Asia/Kathmandu", expected: "GMT+05:45"),
        Case(time: "2026-01-05T12:00:00Z", pattern: "z", timeZone: "Australia/Lord_Howe", expected: "GMT+11:00"),
    ])
    func zoneNames(_ example: Case) throws {
        let options = try QueryFixture.options(timeZone: example.timeZone)
        #expect(try QueryFixture.value(of: "DATEFORMAT(starttime, '\(example.pattern)')", in: TrailRecord(time: example.time),
                                       options: options) == example.expected)
    }

    /// `z` for past periods: Java prints today's standard or daylight name of the zone, never the
    /// name the period had (the tz database's `MMT`, `EWT`, `WEST`, `BST` as standard time).
    /// Expected values are what Java 17's `SimpleDateFormat("z", Locale.US)` printed for the same
    /// instants and zones (DateFormatOracle), except the last two: India's daylight time of
    /// 1942–45, which Java names `IDT` / `India Daylight Time` and the tz database does not name
    /// (docs/aql.md lists the difference).
    @Test("z uses the zone's names of today for past periods, as Java does",
          .enabled(if: FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/Asia/Kolkata"),
                   "needs the tz database in /usr/share/zoneinfo (Debian's tzdata)"),
          arguments: [
        Case(time: "1903-05-01T12:00:00Z", pattern: "HH:mm z Z", timeZone: "Asia/Kolkata", expected: "17:21 IST +0521"),
        Case(time: "1943-01-15T12:00:00Z", pattern: "HH:mm z", timeZone: "America/New_York", expected: "08:00 EDT"),
        Case(time: "1938-07-01T12:00:00Z", pattern: "HH:mm z", timeZone: "Europe/Paris", expected: "13:00 CEST"),
        Case(time: "1903-05-01T12:00:00Z", pattern: "HH:mm z Z", timeZone: "Europe/Paris", expected: "12:09 CET +0009"),
        Case(time: "1970-01-15T12:00:00Z", pattern: "HH:mm z Z", timeZone: "Europe/London", expected: "13:00 GMT +0100"),
        // Ireland: the tz database writes winter as a negative daylight saving from IST.
        Case(time: "2020-11-27T12:00:00Z", pattern: "HH:mm z", timeZone: "Europe/Dublin", expected: "12:00 GMT"),
        Case(time: "2020-07-01T12:00:00Z", pattern: "HH:mm z", timeZone: "Europe/Dublin", expected: "13:00 IST"),
        Case(time: "1903-05-01T12:00:00Z", pattern: "z Z", timeZone: "Europe/Dublin", expected: "GMT -0025"),
        Case(time: "1943-07-01T12:00:00Z", pattern: "HH:mm z", timeZone: "Asia/Kolkata", expected: "18:30 GMT+06:30"),
        Case(time: "1943-07-01T12:00:00Z", pattern: "zzzz", timeZone: "Asia/Kolkata", expected: "GMT+06:30"),
    ])
    func pastZoneNames(_ example: Case) throws {
        let options = try QueryFixture.options(timeZone: example.timeZone)
        #expect(try QueryFixture.value(of: "DATEFORMAT(starttime, '\(example.pattern)')", in: TrailRecord(time: example.time),
                                       options: options) == example.expected)
    }

    @Test("gives NULL for a NULL time, and formats NOW() and numbers")
    func nullAndNumbers() throws {
        #expect(try QueryFixture.value(of: "DATEFORMAT(\"ErrorCode\", 'yyyy')") == nil)
        #expect(try QueryFixture.value(of: "DATEFORMAT(NOW(), 'yyyy-MM-dd HH:mm')") == "2026-01-05 12:00")
        #expect(try QueryFixture.value(of: "DATEFORMAT(0, 'yyyy-MM-dd HH:mm:ss')") == "1970-01-01 00:00:00")
        #expect(try QueryFixture.value(of: "DATEFORMAT(devicetime, 'yyyy')") == "2026")
    }

    @Test("buckets late-December events under the week year, as the published query does")
    func weekYearBuckets() throws {
        let records = [
            TrailRecord(time: "2025-12-27T10:00:00Z"),
            TrailRecord(time: "2025-12-28T10:00:00Z"),
            TrailRecord(time: "2025-12-28T10:59:59Z"),
        ]
        #expect(try QueryFixture.rows("""
            SELECT DATEFORMAT(starttime, 'YYYY-MM-dd HH:00:00') AS TimeBucket, COUNT(*) AS n FROM events
            GROUP BY DATEFORMAT(starttime, 'YYYY-MM-dd HH:00:00')
            """, over: records) == [["2025-12-27 10:00:00", 1], ["2026-12-28 10:00:00", 2]])
    }
}
