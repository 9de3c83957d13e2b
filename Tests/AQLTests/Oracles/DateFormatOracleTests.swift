import AQL
import Foundation
import SkuaTestSupport
import Testing

/// DATEFORMAT against Java 17's own SimpleDateFormat (Locale.US) over thousands of instants
/// after 1900 and every supported pattern letter, in UTC and in zones with other offsets and
/// daylight time: Skua's `--timezone` against the oracle's zone argument.
@Suite(.enabled(if: !OracleProcess.skipRequested, "SKUA_SKIP_ORACLES=1: Java DATEFORMAT oracle skipped"))
struct DateFormatOracleTests {
    /// A zone the oracle runs in.
    struct Zone: CustomTestStringConvertible, Sendable {
        var identifier: String
        /// Java's names that docs/aql.md lists as differences, with what Skua prints instead;
        /// they apply only to instants in daylight time.
        var daylightNames: [(java: String, skua: String)] = []
        var testDescription: String { identifier }
    }

    static let zones = [
        Zone(identifier: "UTC"),
        // Daylight time; war time (1942–45) is daylight time under today's name, EDT.
        Zone(identifier: "America/New_York"),
        // +05:30, no daylight time today; +05:21:10 before 1906 (named IST, as Java does).
        // India's daylight time of 1942–45 has no name in the tz database (docs/aql.md).
        Zone(identifier: "Asia/Kolkata", daylightNames: [("India Daylight Time", "GMT+06:30"), ("IDT", "GMT+06:30")]),
        // GMT/BST, with British Standard Time (+1 all year, 1968–71) named GMT, as Java does.
        Zone(identifier: "Europe/London"),
    ]

    @Test("every instant and pattern formats as Java formats it", arguments: DateFormatOracleTests.zones)
    func matchesJava(_ zone: Zone) throws {
        let timeZone = try #require(TimeZone(identifier: zone.identifier))
        let folder = TemporaryFolder()
        try OracleProcess.run("javac", ["-d", folder.path, OracleProcess.dateFormatFolder + "/DateFormatOracle.java"])
        let cases = try OracleProcess.run("python3", [OracleProcess.dateFormatFolder + "/make_cases.py"])
        let java = try OracleProcess.run("java", ["-cp", folder.path, "DateFormatOracle", zone.identifier], input: cases)
        let inputs = String(decoding: cases, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let outputs = String(decoding: java, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(inputs.filter { !$0.isEmpty }.count >= 10_000)
        var compiled: [String: SimpleDateFormat?] = [:]
        var mismatches = 0
        var documented = 0
        for (line, answer) in zip(inputs, outputs) where !line.isEmpty {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let millis = try #require(Int64(parts[0]))
            let pattern = parts.count > 1 ? String(parts[1]) : ""
            if compiled[pattern] == nil { compiled[pattern] = .some(try? SimpleDateFormat(pattern, timeZone: timeZone)) }
            let format = compiled[pattern]!
            if answer.hasPrefix("!ERROR") {
                if format != nil { mismatches += 1 }
                #expect(format == nil, "Java rejects '\(pattern)', Skua accepts it")
                continue
            }
            var expected = String(answer)
            if timeZone.isDaylightSavingTime(for: Date(timeIntervalSince1970: Double(millis) / 1000)) {
                for name in zone.daylightNames where expected.contains(name.java) {
                    expected = expected.replacingOccurrences(of: name.java, with: name.skua)
                    documented += 1
                }
            }
            let ours = format?.format(millis)
            if ours != expected {
                mismatches += 1
                if mismatches <= 20 { Issue.record("\(zone.identifier) \(millis) '\(pattern)': Java \(answer), Skua \(ours ?? "rejected")") }
            }
        }
        #expect(mismatches == 0)
        // The documented difference is exercised where there is one, and nowhere else.
        #expect((documented > 0) == !zone.daylightNames.isEmpty)
    }
}
