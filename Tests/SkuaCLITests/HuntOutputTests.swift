import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// `skua hunt`'s output formats through the built binary: the ranked table, the JSON document,
/// JSON Lines with its side text on standard error.
@Suite struct HuntOutputTests {
    /// Three groups over their thresholds, written in the reverse of their rank: SES 120 (score 1),
    /// SNS 250 (score 1), Bedrock 151 (score 2: over 3 × 50). By count alone SNS would lead; by
    /// score, then count, the order is Bedrock, SNS, SES.
    static func rankedInput() -> TemporaryFolder {
        let folder = TemporaryFolder()
        let lines = CloudTrailJSON.burst(count: 120, start: "2026-01-05T10:00:00Z", source: "ses.amazonaws.com", name: "SendEmail",
                                         caller: .user("trudy"), region: "eu-west-1")
            + CloudTrailJSON.burst(count: 250, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish",
                                   caller: .user("mallory"))
            + CloudTrailJSON.burst(count: 151, start: "2026-01-05T10:00:00Z", source: "bedrock.amazonaws.com", name: "InvokeModel",
                                   caller: .session("ml", "s1"), ip: "198.51.100.23", region: "us-west-2")
        folder.write("events.jsonl", lines.joined(separator: "\n") + "\n")
        return folder
    }

    @Test("the table ranks findings by score, then count")
    func tableRanking() throws {
        let input = Self.rankedInput()
        let output = try SkuaBinary.run(["hunt", "-q", "--now", "2026-01-06T00:00:00Z", input.path])
        #expect(output.status == 1)
        let lines = output.standardOutput.components(separatedBy: "\n")
        // Each rule's table: the header line, the rule under it, then three rows.
        let headers = lines.indices.filter { lines[$0].hasPrefix("  Score  Time bucket  ") }
        #expect(headers.count == 2)
        for start in headers {
            let rows = lines[(start + 2)..<(start + 5)]
            #expect(rows.map { $0.split(separator: " ", omittingEmptySubsequences: true).first } == ["2", "1", "1"])
            #expect(rows.map { $0.contains("bedrock.amazonaws.com") } == [true, false, false])
            #expect(rows.map { $0.contains("sns.amazonaws.com") } == [false, true, false])
            #expect(rows.map { $0.contains("ses.amazonaws.com") } == [false, false, true])
            #expect(rows.map { $0.hasSuffix(" 151    50") || $0.hasSuffix(" 250    200") || $0.hasSuffix(" 120    100") } == [true, true, true])
            #expect(lines[start + 5] == "")
        }
        let json = try SkuaBinary.run(["hunt", "-q", "--format", "json", input.path])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.map { ($0["SuspicionScore"] as? NSNumber)?.intValue } == [2, 1, 1, 2, 1, 1])
        #expect(findings.map { ($0["EventCount"] as? NSNumber)?.intValue } == [151, 250, 120, 151, 250, 120])
        #expect(findings.map { ($0["ServiceThreshold"] as? NSNumber)?.intValue } == [50, 200, 100, 50, 200, 100])
    }

    /// 201 SNS publishes from 10:00:00.250Z to 10:03:20Z; the first record's time is written in
    /// Tokyo's offset with milliseconds (19:00:00.250+09:00), the way some re-exports do.
    static func offsetInput() -> TemporaryFolder {
        var lines = CloudTrailJSON.burst(count: 201, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish",
                                         caller: .user("mallory"))
        lines[0] = lines[0].replacingOccurrences(of: "\"eventTime\":\"2026-01-05T10:00:00Z\"", with: "\"eventTime\":\"2026-01-05T19:00:00.250+09:00\"")
        let folder = TemporaryFolder()
        folder.write("events.jsonl", lines.joined(separator: "\n") + "\n")
        return folder
    }

    @Test("JSON: header (now, window, rules), findings with rule fields and UTC RFC 3339 times, numbers as numbers")
    func jsonDocument() throws {
        let input = Self.offsetInput()
        let output = try SkuaBinary.run(["hunt", "-q", "--format", "json", "--now", "2026-01-06T00:00:00Z", input.path])
        #expect(output.status == 1)
        #expect(output.standardError.isEmpty)
        let text = output.standardOutput
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["header", "findings", "lint", "ingest"])

        let header = try #require(document["header"] as? [String: Any])
        #expect(header["command"] as? String == "hunt")
        #expect(header["now"] as? String == "2026-01-06T00:00:00Z")
        #expect(header["now_source"] as? String == "--now")
        #expect(header["window"] as? String == "hunt window: the whole input")
        #expect(header["input_first_event_time"] as? String == "2026-01-05T10:00:00.250Z")
        #expect(header["input_last_event_time"] as? String == "2026-01-05T10:03:20Z")
        let rules = try #require(header["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["t1496.004-published", "t1496.004-tuned"])
        #expect(rules.map { $0["file"] as? String } == ["rules/qradar/t1496.004-cloud-service-hijacking.aql",
                                                        "rules/qradar/t1496.004-cloud-service-hijacking-tuned.aql"])
        for rule in rules {
            #expect(rule["technique"] as? String == "T1496.004")
            #expect(rule["severity"] as? String == "high")
            #expect(rule["window"] as? String == "hunt window: the whole input")
            #expect(rule["replaced_window"] as? [String] == ["LAST 1 DAYS", "starttime > NOW() - 86400000"])
            #expect((rule["findings"] as? NSNumber)?.intValue == 1)
            #expect((rule["events_considered"] as? NSNumber)?.intValue == 201)
        }

        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule_id"] as? String } == ["t1496.004-published", "t1496.004-tuned"])
        #expect(findings.map { $0["rule_title"] as? String } == [
            "Cloud Service Hijacking: SES/SNS/Bedrock volume per identity-hour (QRadar, published)",
            "Cloud Service Hijacking: SES/SNS/Bedrock volume per identity-hour (tuned with allowlists)",
        ])
        for finding in findings {
            #expect(finding["technique"] as? String == "T1496.004")
            #expect(finding["severity"] as? String == "high")
            #expect(finding["first_event_time"] as? String == "2026-01-05T10:00:00.250Z")
            #expect(finding["last_event_time"] as? String == "2026-01-05T10:03:20Z")
            // Every column under its alias, verbatim.
            #expect(finding["TimeBucket"] as? String == "2026-01-05 10:00:00")
            #expect(finding["ServiceAbused"] as? String == "sns.amazonaws.com")
            #expect(finding["AttackCategory"] as? String == "SMS Pumping or Bulk Spam")
            #expect(finding["CallerARN"] as? String == "arn:aws:iam::111122223333:user/mallory")
            #expect(finding["CallerType"] as? String == "IAMUser")
            #expect(finding["SourceIP"] as? String == "203.0.113.7")
            #expect(finding["AWSRegion"] as? String == "us-east-1")
        }
        // Numbers are JSON numbers: unquoted in the text.
        for (key, value) in [("EventCount", 201), ("UniqueSourceIPs", 1), ("ServiceThreshold", 200), ("SuspicionScore", 1)] {
            #expect(findings.allSatisfy { ($0[key] as? NSNumber)?.intValue == value })
            #expect(text.components(separatedBy: "\"\(key)\": \(value)").count == 3, "\(key) twice, unquoted")
        }
        let lint = try #require(document["lint"] as? [[String: Any]])
        #expect(lint.contains { $0["rule_id"] as? String == "t1496.004-published" && $0["code"] as? String == "week-year" })
        let ingest = try #require(document["ingest"] as? [String: Any])
        #expect(((ingest["records"] as? [String: Any])?["evaluated"] as? NSNumber)?.intValue == 201)
    }

    @Test("JSON Lines: one finding per line on standard output; header, lint and ingest report on standard error")
    func jsonLines() throws {
        let input = Self.offsetInput()
        let output = try SkuaBinary.run(["hunt", "-q", "--format", "jsonl", "--now", "2026-01-06T00:00:00Z", input.path])
        #expect(output.status == 1)
        let lines = output.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)
        for (line, rule) in zip(lines, ["t1496.004-published", "t1496.004-tuned"]) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["rule_id"] as? String == rule)
            #expect((object["EventCount"] as? NSNumber)?.intValue == 201)
            #expect(object["first_event_time"] as? String == "2026-01-05T10:00:00.250Z")
        }
        for side in ["Ingest report", "lint", "now:"] { #expect(!output.standardOutput.contains(side)) }

        let side = output.standardError
        #expect(side.hasPrefix("skua hunt  (skua "))
        // The hunt window replaced every NOW() of both rules: --now is not used.
        #expect(side.contains("\nnow:      not used (the hunt window replaces the rules' LAST and NOW() conditions)\n"))
        #expect(side.contains("\nwindow:   hunt window: the whole input\n"))
        #expect(side.contains("\nt1496.004-published: 1 finding(s); window: hunt window: the whole input\n"))
        #expect(side.contains("\nt1496.004-tuned: 1 finding(s); window: hunt window: the whole input\n"))
        // The published query's lint: its DATEFORMAT 'YYYY-MM-dd HH:00:00' uses the week year,
        // and Publish, PublishBatch and InvokeAgent are data events.
        #expect(side.contains("\n  lint week-year: DATEFORMAT 'YYYY-MM-dd HH:00:00' uses YYYY, the week year"))
        #expect(side.contains("\n  lint data-events: InvokeAgent, Publish, PublishBatch: data events"))
        #expect(side.contains("\nIngest report\n"))
        #expect(side.contains("\n  records: 201 found = 201 evaluated + 0 malformed + 0 untimed + 0 insight\n"))
    }

    @Test("CSV on standard output, the same side text on standard error")
    func csv() throws {
        let input = Self.offsetInput()
        let output = try SkuaBinary.run(["hunt", "-q", "--format", "csv", "--now", "2026-01-06T00:00:00Z", input.path])
        #expect(output.status == 1)
        let rows = output.standardOutput.components(separatedBy: "\r\n")
        #expect(rows.count == 4 && rows[3].isEmpty)
        #expect(rows[0] == "rule_id,rule_title,technique,severity,first_event_time,last_event_time,TimeBucket,ServiceAbused,AttackCategory,"
                    + "CallerARN,CallerType,SourceIP,AWSRegion,EventCount,UniqueSourceIPs,ServiceThreshold,SuspicionScore")
        // The title holds a comma, so it is quoted (RFC 4180).
        #expect(rows[1] == "t1496.004-published,\"Cloud Service Hijacking: SES/SNS/Bedrock volume per identity-hour (QRadar, published)\","
                    + "T1496.004,high,2026-01-05T10:00:00.250Z,2026-01-05T10:03:20Z,2026-01-05 10:00:00,sns.amazonaws.com,"
                    + "SMS Pumping or Bulk Spam,arn:aws:iam::111122223333:user/mallory,IAMUser,203.0.113.7,us-east-1,201,1,200,1")
        #expect(output.standardError.contains("\n  lint week-year: "))
        #expect(output.standardError.contains("\nIngest report\n"))
    }
}
