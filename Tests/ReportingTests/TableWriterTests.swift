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

    @Test("at 160 columns: the category, then the ARN's resource give up width; the account id stays whole; rows keep the rule's ranking")
    func exactLines() throws {
        let lines = try Self.tableLines(TableWriter.write(Self.report(), style: TerminalStyle(color: false)))
        let s = Self.spaces
        // Natural widths: Score 5, Time bucket 19, Service 21, Category 35, Caller ARN 100,
        // Caller type 11, Source IP 13, Region 9, Count 5, Threshold 9: 227, and 9 × 2 between
        // columns and 2 in front make 247 > 160. 140 are left for cells, 87 too many: the
        // category gives 19 (down to 16), the ARN 54 (down to its 26-character head
        // 'arn:aws:sts::111122223333:' plus 20 of resource = 46); the source IP (13) is under
        // its floor of 15. The table is 14 columns wider than 160 rather than cut further.
        #expect(lines[0] == "  Score  Time bucket" + s(8) + "  Service" + s(14) + "  Category" + s(8) + "  Caller ARN" + s(36)
                    + "  Caller type  Source IP" + s(4) + "  Region" + s(3) + "  Count  Threshold")
        let widths = [5, 19, 21, 16, 46, 11, 13, 9, 5, 9]
        #expect(lines[1] == "  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        // The category cut at its end: 15 characters and '…'. The ARN's resource
        // 'assumed-role/…/session-with-a-long-name' in 20: one ellipsis, (20 - 1) * 2 / 3 = 12
        // characters of its end, 7 of its start.
        #expect(lines[2] == "  2" + s(4) + "  2026-01-05 10:00:00  bedrock.amazonaws.com  LLM Resource Hi…"
                    + "  arn:aws:sts::111122223333:assumed…-a-long-name  AssumedRole  198.51.100.23  us-west-2  151" + s(2) + "  50")
        // 'SMS Pumping or ' loses its trailing space before the ellipsis; short ARNs stay whole.
        #expect(lines[3] == "  1" + s(4) + "  2026-01-05 10:00:00  sns.amazonaws.com" + s(4) + "  SMS Pumping or…" + s(1)
                    + "  arn:aws:iam::111122223333:user/mallory" + s(8) + "  IAMUser" + s(4) + "  203.0.113.7" + s(2)
                    + "  us-east-1  250" + s(2) + "  200")
        // A NULL source IP shows as '-'.
        #expect(lines[4] == "  1" + s(4) + "  2026-01-05 11:00:00  ses.amazonaws.com" + s(4) + "  Email Spam or P…"
                    + "  arn:aws:iam::111122223333:user/trudy" + s(10) + "  IAMUser" + s(4) + "  -" + s(12)
                    + "  eu-west-1  120" + s(2) + "  100")
    }

    @Test("a terminal wide enough for every cell shows every cell whole")
    func wideTerminal() throws {
        // 247 columns hold the natural widths (see exactLines).
        let lines = try Self.tableLines(TableWriter.write(Self.report(), style: TerminalStyle(color: false, width: 247)))
        #expect(lines[2].contains("  LLM Resource Hijacking (LLMJacking)  \(Self.longARN)  AssumedRole  "))
        #expect(lines[1].count == 247)
        // One column less: the category gives it up first, the ARN stays whole.
        let narrower = try Self.tableLines(TableWriter.write(Self.report(), style: TerminalStyle(color: false, width: 246)))
        #expect(narrower[2].contains("  LLM Resource Hijacking (LLMJackin…  \(Self.longARN)  AssumedRole  "))
    }

    @Test("a narrow terminal: every column at its floor, the account id still whole")
    func narrowTerminal() throws {
        let lines = try Self.tableLines(TableWriter.write(Self.report(), style: TerminalStyle(color: false, width: 80)))
        #expect(lines[2].contains("  arn:aws:sts::111122223333:assumed…-a-long-name  "))
        #expect(lines[1].count == 174)
    }

    @Test("an aql table narrows its widest columns first; an ARN keeps its account")
    func aqlTable() throws {
        let columns = ["arn", "n"]
        let finding = Finding(rule: nil, columns: columns, values: [.string(Self.longARN), .integer(7)], firstEventTime: nil,
                              lastEventTime: nil, eventCount: 7)
        let section = RunReport.Section(rule: nil, columns: columns, findings: [finding], window: "no time clause", replacedWindow: [],
                                        lint: [], warnings: [], statistics: AQLStatistics())
        let report = RunReport(command: .aql, version: "0.1.0", now: 0, nowSource: "--now", timeZone: "UTC", sections: [section],
                               ingest: IngestReport())
        // Width 60: 60 - 2 - 2 = 56 for cells; 'n' keeps its 1, the ARN gets 55: its head of 26
        // and 29 of resource, (29 - 1) * 2 / 3 = 18 of the end ('n-with-a-long-name', the
        // session name without its first 6 letters) and 10 of the start ('assumed-ro').
        let text = TableWriter.write(report, style: TerminalStyle(color: false, width: 60))
        #expect(text.contains("\n  arn:aws:sts::111122223333:assumed-ro…n-with-a-long-name  7\n"))
        let wide = TableWriter.write(report, style: TerminalStyle(color: false, width: 200))
        #expect(wide.contains("\n  \(Self.longARN)  7\n"))
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
        #expect(table.contains("arn:aws:sts::111122223333:assumed…-a-long-name"))
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
