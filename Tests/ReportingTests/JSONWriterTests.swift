import AQL
import CloudTrail
import Detection
import Foundation
import Reporting
import Testing

/// The JSON document's header and findings, field by field, over hand-built reports.
@Suite struct JSONWriterTests {
    static let columns = ["TimeBucket", "ServiceAbused", "EventCount", "ServiceThreshold", "SuspicionScore"]

    static func section(_ rule: DetectionRule?, window: String) -> RunReport.Section {
        // First event at 10:00:00.250, last at 10:03:20 (UTC, epoch milliseconds).
        let finding = Finding(rule: rule?.reference, columns: columns,
                              values: [.string("2026-01-05 10:00:00"), .string("sns.amazonaws.com"), .integer(201), .integer(200), .integer(1)],
                              firstEventTime: 1_767_607_200_250, lastEventTime: 1_767_607_400_000, eventCount: 201)
        var statistics = AQLStatistics()
        statistics.considered = 300
        statistics.matched = 201
        return RunReport.Section(rule: rule, columns: columns, findings: [finding], window: window,
                                 replacedWindow: rule == nil ? [] : ["LAST 1 DAYS", "starttime > NOW() - 86400000"],
                                 lint: [], warnings: [], statistics: statistics)
    }

    static func hunt(window: String) -> RunReport {
        RunReport(command: .hunt, version: "0.1.0", now: 1_767_657_600_000, nowSource: "--now", timeZone: "Asia/Tokyo",
                  sections: [section(.publishedCloudServiceHijacking, window: window), section(.tunedCloudServiceHijacking, window: window)],
                  ingest: IngestReport())
    }

    static func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("header: now, the hunt window, the time zone, and each rule with its id, title, technique, severity and window")
    func huntHeader() throws {
        let window = "hunt window [2026-01-06T00:00:00Z, …]"
        let document = try Self.parse(JSONWriter.document(Self.hunt(window: window)))
        let header = try #require(document["header"] as? [String: Any])
        #expect(header["command"] as? String == "hunt")
        // 1,767,657,600,000 ms = 2026-01-06T00:00:00Z (2026-01-01 is day 20,454 since 1970; +5 days).
        #expect(header["now"] as? String == "2026-01-06T00:00:00Z")
        #expect(header["now_source"] as? String == "--now")
        #expect(header["window"] as? String == window)
        #expect(header["timezone"] as? String == "Asia/Tokyo")
        let rules = try #require(header["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["t1496.004-published", "t1496.004-tuned"])
        #expect(rules.map { $0["title"] as? String } == [
            "Cloud Service Hijacking: SES/SNS/Bedrock volume per identity-hour (QRadar, published)",
            "Cloud Service Hijacking: SES/SNS/Bedrock volume per identity-hour (tuned with allowlists)",
        ])
        for rule in rules {
            #expect(rule["technique"] as? String == "T1496.004")
            #expect(rule["severity"] as? String == "high")
            #expect(rule["window"] as? String == window)
            #expect(rule["replaced_window"] as? [String] == ["LAST 1 DAYS", "starttime > NOW() - 86400000"])
            #expect(rule["columns"] as? [String] == Self.columns)
            #expect((rule["findings"] as? NSNumber)?.intValue == 1)
            #expect((rule["events_considered"] as? NSNumber)?.intValue == 300)
        }
    }

    @Test("a finding: rule id, title, MITRE technique, severity, first/last event time in RFC 3339 UTC, then the columns; numbers unquoted")
    func huntFinding() throws {
        let text = JSONWriter.document(Self.hunt(window: "hunt window: the whole input"))
        let findings = try #require(try Self.parse(text)["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        let finding = findings[0]
        #expect(finding["rule_id"] as? String == "t1496.004-published")
        #expect(finding["rule_title"] as? String == "Cloud Service Hijacking: SES/SNS/Bedrock volume per identity-hour (QRadar, published)")
        #expect(finding["technique"] as? String == "T1496.004")
        #expect(finding["severity"] as? String == "high")
        // 1,767,607,200,250 ms = 2026-01-05T10:00:00.250Z; 1,767,607,400,000 = 200 s later.
        #expect(finding["first_event_time"] as? String == "2026-01-05T10:00:00.250Z")
        #expect(finding["last_event_time"] as? String == "2026-01-05T10:03:20Z")
        #expect(finding["TimeBucket"] as? String == "2026-01-05 10:00:00")
        // Numbers are JSON numbers, not strings.
        for (key, value) in [("EventCount", 201), ("ServiceThreshold", 200), ("SuspicionScore", 1)] {
            #expect((finding[key] as? NSNumber)?.intValue == value)
            #expect(text.contains("\"\(key)\": \(value)"))
            #expect(!text.contains("\"\(key)\": \"\(value)\""))
        }
        #expect(findings[1]["rule_id"] as? String == "t1496.004-tuned")
    }

    @Test("aql: the header states the query's window; a finding is the row alone, without rule fields")
    func aql() throws {
        let window = "LAST 1 HOURS (2026-01-05T09:03:20Z, 2026-01-05T10:03:20Z]"
        let report = RunReport(command: .aql, version: "0.1.0", now: 1_767_607_400_000, nowSource: "the newest event in the input",
                               timeZone: "UTC", sections: [Self.section(nil, window: window)], ingest: IngestReport(),
                               query: "SELECT … LAST 1 HOURS")
        let document = try Self.parse(JSONWriter.document(report))
        let header = try #require(document["header"] as? [String: Any])
        #expect(header["now"] as? String == "2026-01-05T10:03:20Z")
        #expect(header["window"] as? String == window)
        #expect(header["query"] as? String == "SELECT … LAST 1 HOURS")
        let rules = try #require(header["rules"] as? [[String: Any]])
        #expect(rules.count == 1 && rules[0]["id"] == nil && rules[0]["window"] as? String == window)
        let row = try #require((document["findings"] as? [[String: Any]])?.first)
        #expect(Set(row.keys) == Set(Self.columns))
        let line = JSONWriter.lines(report)
        #expect(line == #"{"TimeBucket":"2026-01-05 10:00:00","ServiceAbused":"sns.amazonaws.com","EventCount":201,"ServiceThreshold":200,"SuspicionScore":1}"# + "\n")
    }

    @Test("the table header states the window too")
    func tableHeader() {
        let text = TableWriter.write(Self.hunt(window: "hunt window [2026-01-06T00:00:00Z, …]"), style: TerminalStyle(color: false))
        #expect(text.hasPrefix("skua hunt  (skua 0.1.0)\nnow:      2026-01-06T00:00:00Z (--now)\nwindow:   hunt window [2026-01-06T00:00:00Z, …]\n"
                               + "time:     starttime and devicetime are eventTime; DATEFORMAT in Asia/Tokyo\n"))
    }
}
