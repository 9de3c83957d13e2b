import AQL
import CloudTrail
import Detection
import Foundation
import Reporting
import Testing

/// The hunt table: its exact columns, its rows in the order the rule ranked them, and long ARNs
/// shortened here and nowhere else.
@Suite struct TableWriterTests {
    static let rule = DetectionRule.publishedCloudServiceHijacking
    static let columns = ["TimeBucket", "ServiceAbused", "AttackCategory", "CallerARN", "CallerType", "SourceIP", "AWSRegion",
                          "EventCount", "UniqueSourceIPs", "ServiceThreshold", "SuspicionScore"]
    /// 100 characters: 26 + 13 ("assumed-role/") + 36 (the role) + 1 + 24 (the session).
    static let longARN = "arn:aws:sts::111122223333:assumed-role/a-very-long-role-name-for-a-pipeline/session-with-a-long-name"

    static func finding(_ bucket: String, _ service: String, _ category: String, _ arn: String, _ type: String, _ ip: String?,
                        _ region: String, count: Int64, threshold: Int64, score: Int64) -> Finding {
        Finding(rule: rule.reference, columns: columns,
                values: [.string(bucket), .string(service), .string(category), .string(arn), .string(type), ip.map(AQLValue.string) ?? .null,
                         .string(region), .integer(count), .integer(1), .integer(threshold), .integer(score)],
                firstEventTime: EventTime.parse("2026-01-05T10:00:00Z"), lastEventTime: EventTime.parse("2026-01-05T10:04:09Z"),
                eventCount: Int(count))
    }

    /// Three findings as the published query ranks them (ORDER BY SuspicionScore DESC, EventCount
    /// DESC): the score-2 Bedrock group first though it has fewer events, then the two score-1
    /// groups by count.
    static func report() -> RunReport {
        let findings = [
            finding("2026-01-05 10:00:00", "bedrock.amazonaws.com", "LLM Resource Hijacking (LLMJacking)", longARN, "AssumedRole",
                    "198.51.100.23", "us-west-2", count: 151, threshold: 50, score: 2),
            finding("2026-01-05 10:00:00", "sns.amazonaws.com", "SMS Pumping or Bulk Spam", "arn:aws:iam::111122223333:user/mallory",
                    "IAMUser", "203.0.113.7", "us-east-1", count: 250, threshold: 200, score: 1),
            finding("2026-01-05 11:00:00", "ses.amazonaws.com", "Email Spam or Phishing Campaign", "arn:aws:iam::111122223333:user/trudy",
                    "IAMUser", nil, "eu-west-1", count: 120, threshold: 100, score: 1),
        ]
        let section = RunReport.Section(rule: rule, columns: columns, findings: findings, window: "hunt window: the whole input",
                                        replacedWindow: ["LAST 1 DAYS"], lint: [], warnings: [], statistics: AQLStatistics())
        var ingest = IngestReport()
        ingest.filesDiscovered = 1
        ingest.filesWithRecords = 1
        ingest.files = [FileReport(path: "events.jsonl", outcome: .withRecords)]
        return RunReport(command: .hunt, version: "0.1.0", now: EventTime.parse("2026-01-06T00:00:00Z")!, nowSource: "--now",
                         timeZone: "UTC", sections: [section], ingest: ingest)
    }

    static func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }

    /// The table's lines: from the header to the last row.
    static func tableLines(_ text: String) throws -> [String] {
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("  Score") })
        return Array(lines[start..<(start + 5)])
    }

    @Test("the header line names every column; widths fit the widest cell; rows keep the rule's ranking")
    func exactLines() throws {
        let lines = try Self.tableLines(TableWriter.write(Self.report(), style: TerminalStyle(color: false)))
        let s = Self.spaces
        // Column widths: each the larger of its title and its widest cell (after shortening):
        // Score 5, Time bucket 19, Service 21 (bedrock.amazonaws.com), Category 35 (the LLMJacking
        // category, whole), Caller ARN 44 (the shortened ARN), Caller type 11, Source IP 13
        // (198.51.100.23), Region 9, Count 5, Threshold 9. Two spaces between columns; the last
        // column is not padded.
        #expect(lines[0] == "  Score  Time bucket" + s(8) + "  Service" + s(14) + "  Category" + s(27) + "  Caller ARN" + s(34)
                    + "  Caller type  Source IP" + s(4) + "  Region" + s(3) + "  Count  Threshold")
        let widths = [5, 19, 21, 35, 44, 11, 13, 9, 5, 9]
        #expect(lines[1] == "  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        // The long ARN at width 44: one ellipsis, (44 - 1) * 2 / 3 = 28 characters of the end,
        // 15 of the start.
        #expect(lines[2] == "  2" + s(4) + "  2026-01-05 10:00:00  bedrock.amazonaws.com  LLM Resource Hijacking (LLMJacking)"
                    + "  arn:aws:sts::11…ine/session-with-a-long-name  AssumedRole  198.51.100.23  us-west-2  151" + s(2) + "  50")
        #expect(lines[3] == "  1" + s(4) + "  2026-01-05 10:00:00  sns.amazonaws.com" + s(4) + "  SMS Pumping or Bulk Spam" + s(11)
                    + "  arn:aws:iam::111122223333:user/mallory" + s(6) + "  IAMUser" + s(4) + "  203.0.113.7" + s(2)
                    + "  us-east-1  250" + s(2) + "  200")
        // A NULL source IP shows as '-'.
        #expect(lines[4] == "  1" + s(4) + "  2026-01-05 11:00:00  ses.amazonaws.com" + s(4) + "  Email Spam or Phishing Campaign" + s(4)
                    + "  arn:aws:iam::111122223333:user/trudy" + s(8) + "  IAMUser" + s(4) + "  -" + s(12)
                    + "  eu-west-1  120" + s(2) + "  100")
    }

    @Test("in colour, only the header line is bold; the cells are the same")
    func colouredHeader() throws {
        let plain = try Self.tableLines(TableWriter.write(Self.report(), style: TerminalStyle(color: false)))
        let text = TableWriter.write(Self.report(), style: TerminalStyle(color: true))
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("\u{1B}[1m  Score") })
        #expect(lines[start] == "\u{1B}[1m" + plain[0] + "\u{1B}[0m")
        #expect(Array(lines[(start + 1)..<(start + 5)]) == Array(plain[1...]))
    }

    @Test("a long ARN is shortened in the table only: JSON, JSON Lines and CSV keep it whole")
    func shorteningIsTableOnly() throws {
        let report = Self.report()
        let table = TableWriter.write(report, style: TerminalStyle(color: false))
        #expect(table.contains("arn:aws:sts::11…ine/session-with-a-long-name"))
        #expect(!table.contains(Self.longARN))

        let document = try #require(try JSONSerialization.jsonObject(with: Data(JSONWriter.document(report).utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.map { $0["CallerARN"] as? String } == [Self.longARN, "arn:aws:iam::111122223333:user/mallory",
                                                              "arn:aws:iam::111122223333:user/trudy"])
        let line = try #require(JSONWriter.lines(report).split(separator: "\n").first)
        #expect(line.contains("\"CallerARN\":\"\(Self.longARN)\""))
        let csv = CSVWriter.write(report).components(separatedBy: "\r\n")
        #expect(csv[1].contains(",\(Self.longARN),"))
        #expect(!CSVWriter.write(report).contains("…"))
    }
}
