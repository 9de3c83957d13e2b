import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// Options that pass through to the engine, end to end through the built binary, each changing
/// the output in a way worked out by hand.
@Suite struct PassThroughOptionTests {
    static let mallory = CloudTrailJSON.Caller.user("mallory")
    static let trudy = CloudTrailJSON.Caller.user("trudy")

    static func document(_ output: SkuaBinary.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any],
                     "\(output.standardError)")
    }

    static func findings(_ document: [String: Any], rule: String? = nil) throws -> [[String: Any]] {
        let all = try #require(document["findings"] as? [[String: Any]])
        guard let rule else { return all }
        return all.filter { $0["rule_id"] as? String == rule }
    }

    static func header(_ document: [String: Any]) throws -> [String: Any] {
        try #require(document["header"] as? [String: Any])
    }

    /// `record` with a `requestParameters` object in front.
    static func withRequestParameters(_ record: String, _ parameters: String) -> String {
        "{\"requestParameters\":" + parameters + "," + record.dropFirst()
    }

    // MARK: - --property

    @Test("--property NAME=JSONPATH defines a property an aql query can group by, in dotted and QRadar path form",
          arguments: ["TopicArn=requestParameters.topicArn", #"TopicArn=/"requestParameters"/"topicArn""#])
    func userProperty(_ definition: String) throws {
        let alerts = "arn:aws:sns:us-east-1:111122223333:alerts"
        let marketing = "arn:aws:sns:us-east-1:111122223333:marketing"
        let burst = CloudTrailJSON.burst(count: 6, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish",
                                         caller: Self.mallory)
        // Three to alerts, two to marketing, one with no requestParameters at all (NULL).
        let lines = burst[0..<3].map { Self.withRequestParameters($0, #"{"topicArn":"\#(alerts)","message":"x"}"#) }
            + burst[3..<5].map { Self.withRequestParameters($0, #"{"topicArn":"\#(marketing)"}"#) }
            + [burst[5]]
        let folder = TemporaryFolder()
        folder.write("events.jsonl", lines.joined(separator: "\n") + "\n")
        let query = #"SELECT "TopicArn", COUNT(*) AS n FROM events GROUP BY "TopicArn" ORDER BY n DESC"#

        let output = try SkuaBinary.run(["aql", "-q", "--format", "json", "--property", definition, query, folder.path])
        #expect(output.status == 1)
        let rows = try Self.findings(try Self.document(output))
        #expect(rows.count == 3)
        #expect(rows.map { $0["TopicArn"] as? String } == [alerts, marketing, nil])
        #expect(rows.last?["TopicArn"] is NSNull)
        #expect(rows.map { ($0["n"] as? NSNumber)?.intValue } == [3, 2, 1])

        // Without the definition the name is unknown: a usage error, no output.
        let unknown = try SkuaBinary.run(["aql", "-q", "--format", "json", query, folder.path])
        #expect(unknown.status == 2)
        #expect(unknown.standardOutput.isEmpty)
        #expect(unknown.standardError.contains("\"TopicArn\""))
    }

    // MARK: - --timezone

    struct ZoneCase: CustomTestStringConvertible, Sendable {
        var zone: String?
        var timeBucket: String
        var testDescription: String
    }

    @Test("--timezone moves the published query's TimeBucket (DATEFORMAT) and nothing in UTC", arguments: [
        ZoneCase(zone: nil, timeBucket: "2026-01-05 20:00:00", testDescription: "UTC by default"),
        ZoneCase(zone: "Asia/Tokyo", timeBucket: "2026-01-06 05:00:00", testDescription: "Asia/Tokyo: +9 h, into the next day"),
        ZoneCase(zone: "America/New_York", timeBucket: "2026-01-05 15:00:00", testDescription: "America/New_York in January: -5 h"),
        // 20:00Z is 01:30 in India (+5:30): the bucket is the local clock hour, 01:00.
        ZoneCase(zone: "Asia/Kolkata", timeBucket: "2026-01-06 01:00:00", testDescription: "Asia/Kolkata: +5:30, the local hour"),
    ])
    func timeZone(_ example: ZoneCase) throws {
        let folder = TemporaryFolder()
        // 201 SNS publishes from 20:00:00Z to 20:03:20Z: one group over the threshold of 200.
        folder.write("events.jsonl", CloudTrailJSON.burst(count: 201, start: "2026-01-05T20:00:00Z", source: "sns.amazonaws.com",
                                                          name: "Publish", caller: Self.mallory).joined(separator: "\n"))
        let zone = example.zone.map { ["--timezone", $0] } ?? []
        let output = try SkuaBinary.run(["hunt", "-q", "--format", "json"] + zone + [folder.path])
        #expect(output.status == 1)
        let document = try Self.document(output)
        #expect(try Self.header(document)["timezone"] as? String == example.zone ?? "UTC")
        let findings = try Self.findings(document)
        #expect(findings.count == 2)
        for finding in findings {
            #expect(finding["TimeBucket"] as? String == example.timeBucket)
            // RFC 3339 times stay in UTC whatever the zone.
            #expect(finding["first_event_time"] as? String == "2026-01-05T20:00:00Z")
            #expect(finding["last_event_time"] as? String == "2026-01-05T20:03:20Z")
        }
    }

    // MARK: - --workers

    @Test("--workers 1, 2 and 4 give byte-identical findings, ranked with ties broken the same way")
    func workers() throws {
        let folder = TemporaryFolder()
        let bob = CloudTrailJSON.burst(count: 210, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish",
                                       caller: .user("bob"))
        let pipeline = CloudTrailJSON.burst(count: 60, start: "2026-01-05T10:10:00Z", source: "bedrock.amazonaws.com",
                                            name: "InvokeModel", caller: .session("ml-pipeline", "run-42"))
        let files = [
            CloudTrailJSON.burst(count: 201, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish", caller: Self.trudy),
            CloudTrailJSON.burst(count: 201, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish", caller: Self.mallory),
            Array(bob[..<105]),
            Array(bob[105...]) + pipeline,
        ]
        for (index, lines) in files.enumerated() {
            folder.write("part-\(index).jsonl", lines.joined(separator: "\n") + "\n")
        }
        let outputs = try [1, 2, 4].map { try SkuaBinary.run(["hunt", "-q", "--format", "jsonl", "--workers", "\($0)", folder.path]) }
        for output in outputs { #expect(output.status == 1) }
        #expect(outputs[1].standardOutput == outputs[0].standardOutput)
        #expect(outputs[2].standardOutput == outputs[0].standardOutput)

        let findings = try outputs[0].standardOutput.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        // Per rule: bob (210, split over two files) first, then the two 201s, tied on score and
        // count and ordered by their group keys (mallory's ARN sorts before trudy's), then the
        // Bedrock session (60 > 50, score 1).
        let expected = ["arn:aws:iam::111122223333:user/bob", "arn:aws:iam::111122223333:user/mallory",
                        "arn:aws:iam::111122223333:user/trudy", "arn:aws:sts::111122223333:assumed-role/ml-pipeline/run-42"]
        #expect(findings.map { $0["CallerARN"] as? String } == expected + expected)
        #expect(findings.map { ($0["EventCount"] as? NSNumber)?.intValue } == [210, 201, 201, 60, 210, 201, 201, 60])
    }

    // MARK: - --since / --until

    struct WindowCase: CustomTestStringConvertible, Sendable {
        var options: [String]
        var window: String
        var callers: [String]
        var status: Int32
        /// Events inside the window, of the 402 the input holds (201 on each day).
        var inside = 402
        var testDescription: String
    }

    @Test("--since and --until narrow the hunt window (inclusive bounds), and the header says so", arguments: [
        WindowCase(options: [], window: "hunt window: the whole input", callers: ["mallory", "trudy"], status: 1,
                   testDescription: "no bounds: both days"),
        WindowCase(options: ["--since", "2026-01-06T00:00:00Z"], window: "hunt window [2026-01-06T00:00:00Z, …]",
                   callers: ["trudy"], status: 1, inside: 201, testDescription: "--since: the second day"),
        // 2026-01-06T00:00:00Z is 1,767,657,600,000 ms after the epoch.
        WindowCase(options: ["--since", "1767657600000"], window: "hunt window [2026-01-06T00:00:00Z, …]",
                   callers: ["trudy"], status: 1, inside: 201, testDescription: "--since in epoch milliseconds"),
        WindowCase(options: ["--until", "2026-01-05T23:59:59Z"], window: "hunt window […, 2026-01-05T23:59:59Z]",
                   callers: ["mallory"], status: 1, inside: 201, testDescription: "--until: the first day"),
        // Mallory's 201st event is at 10:03:20: an inclusive bound keeps all 201 (> 200)...
        WindowCase(options: ["--since", "2026-01-05T10:00:00Z", "--until", "2026-01-05T10:03:20Z"],
                   window: "hunt window [2026-01-05T10:00:00Z, 2026-01-05T10:03:20Z]", callers: ["mallory"], status: 1,
                   inside: 201, testDescription: "both bounds on event times: inclusive"),
        // ...one second earlier leaves 200, which is not over the threshold.
        WindowCase(options: ["--until", "2026-01-05T10:03:19Z"], window: "hunt window […, 2026-01-05T10:03:19Z]",
                   callers: [], status: 0, inside: 200, testDescription: "one second short of the threshold"),
        // A date alone as --until is the whole day: from its midnight to its last millisecond.
        WindowCase(options: ["--since", "2026-01-05", "--until", "2026-01-05"],
                   window: "hunt window [2026-01-05T00:00:00Z, 2026-01-05T23:59:59.999Z]", callers: ["mallory"], status: 1,
                   inside: 201, testDescription: "--since and --until the same date: that whole day"),
        WindowCase(options: ["--until", "2026-01-05 10:03"], window: "hunt window […, 2026-01-05T10:03:00Z]",
                   // 10:00:00 to 10:03:00 inclusive, one event a second: 181 events.
                   callers: [], status: 0, inside: 181, testDescription: "a date and a time without seconds, space between"),
        WindowCase(options: ["--since", "2026-01-05T10:00", "--until", "2026-01-05 10:03:20"],
                   window: "hunt window [2026-01-05T10:00:00Z, 2026-01-05T10:03:20Z]", callers: ["mallory"], status: 1,
                   inside: 201, testDescription: "T between date and minutes; a space and seconds"),
        // Midnight of 6 January in Tokyo (UTC+9) is 15:00 on 5 January in UTC: mallory's day
        // (10:00Z on the 5th) is before it, trudy's (10:00Z on the 6th) after.
        WindowCase(options: ["--timezone", "Asia/Tokyo", "--since", "2026-01-06 00:00"], window: "hunt window [2026-01-05T15:00:00Z, …]",
                   callers: ["trudy"], status: 1, inside: 201, testDescription: "a time without a zone is in the --timezone zone"),
        WindowCase(options: ["--timezone", "Asia/Tokyo", "--since", "2026-01-06T00:00:00Z"], window: "hunt window [2026-01-06T00:00:00Z, …]",
                   callers: ["trudy"], status: 1, inside: 201, testDescription: "a written Z wins over --timezone"),
        // The last day in New York (UTC-5) ends at 05:00 on 6 January in UTC.
        WindowCase(options: ["--timezone", "America/New_York", "--until", "2026-01-05"], window: "hunt window […, 2026-01-06T04:59:59.999Z]",
                   callers: ["mallory"], status: 1, inside: 201, testDescription: "a date alone as --until ends that day in the --timezone zone"),
    ])
    func huntWindow(_ example: WindowCase) throws {
        let folder = TemporaryFolder()
        folder.write("day1.jsonl", CloudTrailJSON.burst(count: 201, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com",
                                                        name: "Publish", caller: Self.mallory).joined(separator: "\n"))
        folder.write("day2.jsonl", CloudTrailJSON.burst(count: 201, start: "2026-01-06T10:00:00Z", source: "sns.amazonaws.com",
                                                        name: "Publish", caller: Self.trudy).joined(separator: "\n"))
        let output = try SkuaBinary.run(["hunt", "-q", "--format", "json"] + example.options + [folder.path])
        #expect(output.status == example.status)
        let document = try Self.document(output)
        let header = try Self.header(document)
        #expect(header["window"] as? String == example.window)
        for rule in try #require(header["rules"] as? [[String: Any]]) {
            #expect(rule["window"] as? String == example.window)
            #expect(rule["replaced_window"] as? [String] == ["LAST 1 DAYS", "starttime > NOW() - 86400000"])
        }
        let arns = example.callers.map { "arn:aws:iam::111122223333:user/\($0)" }
        #expect(try Self.findings(document, rule: "t1496.004-published").map { $0["CallerARN"] as? String } == arns)
        #expect(try Self.findings(document, rule: "t1496.004-tuned").map { $0["CallerARN"] as? String } == arns)

        // The header says how many events the window held and left out, as asked.
        let table = try SkuaBinary.run(["hunt", "-q"] + example.options + [folder.path])
        let counts = example.inside == 402 ? ""
            : "  (\(example.inside) of the input's 402 events; the other \(402 - example.inside) left out, as asked)"
        #expect(table.standardOutput.contains("\nwindow:   \(example.window)\(counts)\n"))
        #expect(!table.standardOutput.contains("left out \(402 - example.inside) of"))
    }

    @Test("a hunt window that left events out, as asked, is no notice; one that holds none of the input is, with the input's time span")
    func windowNotices() throws {
        let folder = TemporaryFolder()
        folder.write("day1.jsonl", CloudTrailJSON.burst(count: 201, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com",
                                                        name: "Publish", caller: Self.mallory).joined(separator: "\n"))
        folder.write("day2.jsonl", CloudTrailJSON.burst(count: 201, start: "2026-01-06T10:00:00Z", source: "sns.amazonaws.com",
                                                        name: "Publish", caller: Self.trudy).joined(separator: "\n"))
        let narrowed = try SkuaBinary.run(["hunt", "-q", "--format", "json", "--since", "2026-01-06T00:00:00Z", folder.path])
        let notices = try #require(try Self.header(try Self.document(narrowed))["notices"] as? [String])
        #expect(!notices.contains { $0.contains("left out") })

        let empty = try SkuaBinary.run(["hunt", "-q", "--format", "json", "--since", "2030-01-01T00:00:00Z", folder.path])
        #expect(empty.status == 0)
        let emptyNotices = try #require(try Self.header(try Self.document(empty))["notices"] as? [String])
        // The input runs from mallory's first publish to trudy's 201st, 200 s after 10:00 on the 6th.
        #expect(emptyNotices.first == "the hunt window [2030-01-01T00:00:00Z, …] holds none of the input's 402 events, "
                + "which run from 2026-01-05T10:00:00Z to 2026-01-06T10:03:20Z: check --since and --until")
        let table = try SkuaBinary.run(["hunt", "-q", "--since", "2030-01-01T00:00:00Z", folder.path])
        #expect(table.standardOutput.contains("\nwindow:   hunt window [2030-01-01T00:00:00Z, …]  (none of the input's 402 events: see Notices)\n"))
    }

    // MARK: - --reference-set

    struct AllowlistCase: CustomTestStringConvertible, Sendable {
        var file: String?
        var tunedReports: Bool
        var testDescription: String
    }

    @Test("--reference-set AllowedRoles=FILE: the tuned rule drops an allowlisted role's sessions; the published rule still reports them",
          arguments: [
              AllowlistCase(file: nil, tunedReports: true, testDescription: "no set: the tuned rule finds what the published one finds"),
              AllowlistCase(file: "arn:aws:iam::111122223333:role/ml-pipeline\n", tunedReports: false,
                            testDescription: "the role ARN, one per line"),
              AllowlistCase(file: #"["arn:aws:iam::111122223333:role/ml-pipeline"]"#, tunedReports: false,
                            testDescription: "the role ARN in a JSON array"),
              // Roles are matched by the session issuer's role ARN, not the session's own ARN.
              AllowlistCase(file: "arn:aws:sts::111122223333:assumed-role/ml-pipeline/run-42\n", tunedReports: true,
                            testDescription: "the session ARN does not allowlist the role"),
              AllowlistCase(file: "arn:aws:iam::111122223333:role/other-role\n", tunedReports: true,
                            testDescription: "another role"),
          ])
    func allowedRoles(_ example: AllowlistCase) throws {
        let folder = TemporaryFolder()
        // 51 Bedrock InvokeModel calls by a session of ml-pipeline: over the threshold of 50.
        folder.write("events.jsonl", CloudTrailJSON.burst(count: 51, start: "2026-01-05T10:00:00Z", source: "bedrock.amazonaws.com",
                                                          name: "InvokeModel", caller: .session("ml-pipeline", "run-42")).joined(separator: "\n"))
        // The set lives beside the input, not in it (a text file in the input is unreadable input).
        let sets = TemporaryFolder()
        var options: [String] = []
        if let file = example.file {
            options = ["--reference-set", "AllowedRoles=" + sets.write("roles.txt", file)]
        }
        let output = try SkuaBinary.run(["hunt", "-q", "--format", "json"] + options + [folder.path])
        #expect(output.status == 1)
        let document = try Self.document(output)
        let published = try Self.findings(document, rule: "t1496.004-published")
        #expect(published.count == 1)
        #expect(published.first?["CallerARN"] as? String == "arn:aws:sts::111122223333:assumed-role/ml-pipeline/run-42")
        #expect(published.first?["CallerType"] as? String == "AssumedRole")
        #expect((published.first?["EventCount"] as? NSNumber)?.intValue == 51)
        #expect(try Self.findings(document, rule: "t1496.004-tuned").count == (example.tunedReports ? 1 : 0))
    }
}
