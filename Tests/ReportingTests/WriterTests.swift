import AQL
import CloudTrail
import Detection
import Foundation
import Reporting
import Testing

/// The writers over a hand-built report, checked by parsing what they write.
@Suite struct WriterTests {
    static let rule = DetectionRule.publishedCloudServiceHijacking
    static let hostileAgent = "\u{1B}]0;pwned\u{07}=cmd|' /C calc'!A0"
    static let longARN = "arn:aws:sts::111122223333:assumed-role/a-very-long-role-name-for-a-pipeline/session-with-a-long-name"

    static func report(command: RunReport.Command = .hunt) -> RunReport {
        let columns = ["TimeBucket", "ServiceAbused", "AttackCategory", "CallerARN", "CallerType", "SourceIP", "AWSRegion",
                       "EventCount", "UniqueSourceIPs", "ServiceThreshold", "SuspicionScore"]
        let values: [AQLValue] = [.string("2026-01-05 10:00:00"), .string("sns.amazonaws.com"), .string(hostileAgent),
                                  .string(longARN), .string("AssumedRole"), .null, .string("us-east-1"), .integer(201),
                                  .integer(1), .integer(200), .integer(1)]
        let reference = command == .hunt ? rule.reference : nil
        let finding = Finding(rule: reference, columns: columns, values: values,
                              firstEventTime: EventTime.parse("2026-01-05T10:00:00Z"), lastEventTime: EventTime.parse("2026-01-05T10:03:20Z"),
                              eventCount: 201)
        var statistics = AQLStatistics()
        statistics.considered = 500
        statistics.matched = 201
        let section = RunReport.Section(rule: command == .hunt ? rule : nil, columns: columns, findings: [finding],
                                        window: "hunt window: the whole input", replacedWindow: ["LAST 1 DAYS"],
                                        lint: [LintNote(code: "week-year", message: "YYYY is the week year")], warnings: [],
                                        statistics: statistics)
        var ingest = IngestReport()
        ingest.filesDiscovered = 1
        ingest.filesWithRecords = 1
        return RunReport(command: command, version: "0.1.0", now: EventTime.parse("2026-01-06T00:00:00Z")!, nowSource: "--now",
                         timeZone: "UTC", sections: [section], ingest: ingest)
    }

    @Test("JSON: one document with header, findings, lint and ingest; values verbatim, numbers as numbers")
    func json() throws {
        let text = JSONWriter.document(WriterTests.report())
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["header", "findings", "lint", "ingest"])
        let finding = try #require((document["findings"] as? [[String: Any]])?.first)
        #expect(finding["rule_id"] as? String == "t1496.004-published")
        #expect(finding["technique"] as? String == "T1496.004")
        #expect(finding["severity"] as? String == "high")
        #expect(finding["first_event_time"] as? String == "2026-01-05T10:00:00Z")
        #expect(finding["last_event_time"] as? String == "2026-01-05T10:03:20Z")
        #expect(finding["CallerARN"] as? String == WriterTests.longARN)
        #expect(finding["AttackCategory"] as? String == WriterTests.hostileAgent)
        #expect((finding["EventCount"] as? NSNumber)?.intValue == 201)
        #expect(finding["SourceIP"] is NSNull)
        let header = try #require(document["header"] as? [String: Any])
        #expect(header["now"] as? String == "2026-01-06T00:00:00Z")
        #expect((document["lint"] as? [[String: Any]])?.first?["code"] as? String == "week-year")
        // No raw control character anywhere in the text.
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test("JSON Lines: one finding per line; for aql the rule fields are absent")
    func jsonLines() throws {
        let lines = JSONWriter.lines(WriterTests.report(command: .aql)).split(separator: "\n")
        #expect(lines.count == 1)
        let row = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(row["rule_id"] == nil)
        #expect(row.count == 11)
    }

    @Test("CSV: header row, the finding's fields, neutralised text cells, empty NULL")
    func csv() {
        let text = CSVWriter.write(WriterTests.report())
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("rule_id,rule_title,technique,severity,first_event_time,last_event_time,TimeBucket,"))
        // The hostile value begins with ESC, not '=', so no quote mark is added; ESC and the BEL
        // that ends its window-title sequence are written out, so the cell cannot drive a
        // terminal (no comma or double quote in it: not quoted).
        #expect(lines[1].contains(#",\u{1b}]0;pwned\u{7}=cmd|' /C calc'!A0,"#))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(lines[1].contains(",sns.amazonaws.com,"))
        #expect(lines[1].contains(",AssumedRole,,us-east-1,201,1,200,1"))
        #expect(lines.count == 3 && lines[2].isEmpty)
    }

    @Test("table: ranked columns, escape sequences gone, long ARN shortened only here")
    func table() {
        let text = TableWriter.write(WriterTests.report(), style: TerminalStyle(color: false))
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{07}"))
        // On a terminal wide enough to show the cell whole: the escape sequence is gone.
        let wide = TableWriter.write(WriterTests.report(), style: TerminalStyle(color: false, width: 300))
        #expect(wide.contains("  =cmd|' /C calc'!A0  "))
        #expect(!text.contains(WriterTests.longARN))
        #expect(text.contains("…"))
        #expect(text.contains("Score"))
        #expect(text.contains("201"))
    }

    @Test("colour appears only when asked for")
    func colour() {
        #expect(TableWriter.write(WriterTests.report(), style: TerminalStyle(color: true)).contains("\u{1B}[1m"))
        #expect(!TableWriter.write(WriterTests.report(), style: TerminalStyle(color: false)).contains("\u{1B}["))
    }
}
