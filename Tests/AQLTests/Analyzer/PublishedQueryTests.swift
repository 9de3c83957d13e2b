import AQL
import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// The seed document beside the repository, or `nil` when it is absent.
private let seedText: String? = try? String(contentsOfFile: repositoryFolder + "/../shared/seed/000_bd189273c885e383.txt", encoding: .utf8)

/// The published T1496.004 QRadar query, run unchanged: read from the seed page
/// (`../shared/seed`) when it is there, else from the shipped rule file, whose SHA-256
/// `PublishedRuleFileTests` pins to the seed's query, so the suite runs on any clone.
@Suite struct PublishedQueryTests {

    /// The query as published: from its SELECT through `LAST 1 DAYS`.
    static func publishedQuery() throws -> String {
        guard let seed = seedText else {
            let rule = try String(contentsOfFile: PublishedRuleFileTests.ruleFile, encoding: .utf8)
            #expect(rule.hasSuffix("LAST 1 DAYS\n"))
            return String(rule.dropLast())
        }
        let start = try #require(seed.range(of: "SELECT"))
        let end = try #require(seed.range(of: "LAST 1 DAYS", range: start.upperBound..<seed.endIndex))
        return String(seed[start.lowerBound..<end.upperBound])
    }

    static let columns = ["TimeBucket", "ServiceAbused", "AttackCategory", "CallerARN", "CallerType", "SourceIP", "AWSRegion",
                          "EventCount", "UniqueSourceIPs", "ServiceThreshold", "SuspicionScore"]

    @Test("parses and plans unchanged, with the published column names")
    func plans() throws {
        let plan = try AQLAnalyzer.plan(try Self.publishedQuery(), options: try QueryFixture.options())
        #expect(plan.columns == Self.columns)
        #expect(plan.isAggregated)
        #expect(plan.warnings.isEmpty)
        #expect(plan.query.window == .last(milliseconds: 86_400_000, text: "LAST 1 DAYS"))
        #expect(plan.lint.map(\.code) == ["clock-hour-buckets", "converse-missing", "data-events", "failures-dropped",
                                          "ses-sends-not-logged", "uniquecount-grouped", "week-year"])
        // LAST 1 DAYS: (now − 1 day, now].
        #expect(plan.window.lower == QueryFixture.now - 86_400_000)
        #expect(!plan.window.lowerInclusive)
        #expect(plan.window.upper == QueryFixture.now)
        #expect(plan.window.upperInclusive)
    }

    @Test("in hunt mode, replaces LAST 1 DAYS and the starttime > NOW() condition")
    func hunt() throws {
        let plan = try AQLAnalyzer.plan(try Self.publishedQuery(), options: try QueryFixture.options(mode: .hunt(since: nil, until: nil)))
        #expect(plan.replacedWindow == ["LAST 1 DAYS", "starttime > NOW() - 86400000"])
        #expect(plan.window.isUnbounded)
        #expect(plan.columns == Self.columns)
    }

    @Test("accepts the seed's tuning: AND NOT REFERENCESETCONTAINS('LegitSES', \"UserIdentityArn\")")
    func tuned() throws {
        let query = try Self.publishedQuery().replacingOccurrences(
            of: "AND (\"ErrorCode\" IS NULL OR \"ErrorCode\" = '')",
            with: "AND (\"ErrorCode\" IS NULL OR \"ErrorCode\" = '')\n  AND NOT REFERENCESETCONTAINS('LegitSES', \"UserIdentityArn\")")
        #expect(query.contains("REFERENCESETCONTAINS"))
        let plan = try AQLAnalyzer.plan(query, options: try QueryFixture.options())
        #expect(plan.columns == Self.columns)
        #expect(plan.warnings.count == 1)
    }

    /// `count` successful calls, one second apart from `start`.
    static func burst(_ count: Int, start: String, source: String, name: String, arn: String, type: String, ip: String,
                      region: String, errorCode: String? = nil) -> [TrailRecord] {
        let base = EventTime.parse(start)!
        return (0..<count).map { index in
            TrailRecord(time: EventTime.rfc3339(base + Int64(index) * 1000), source: source, name: name, arn: arn,
                        identityType: type, ip: ip, errorCode: errorCode, region: region)
        }
    }

    static let alice = "arn:aws:iam::111122223333:user/alice"
    static let bob = "arn:aws:sts::111122223333:assumed-role/ml/bob"
    static let carol = "arn:aws:sts::111122223333:assumed-role/ml/carol"

    /// Now is 2026-01-05T12:00:00Z; the query keeps (2026-01-04T12:00Z, 2026-01-05T12:00Z].
    static let records: [TrailRecord] = {
        var records: [TrailRecord] = []
        // 101 SES sends by alice in the 10:00 hour, one of them with an empty errorCode: over 100.
        records += burst(100, start: "2026-01-05T10:00:00Z", source: "ses.amazonaws.com", name: "SendEmail", arn: alice,
                         type: "IAMUser", ip: "198.51.100.10", region: "us-east-1")
        records += burst(1, start: "2026-01-05T10:30:00Z", source: "ses.amazonaws.com", name: "SendRawEmail", arn: alice,
                         type: "IAMUser", ip: "198.51.100.10", region: "us-east-1", errorCode: "")
        // Failed sends are dropped: they must not raise alice's count.
        records += burst(10, start: "2026-01-05T10:40:00Z", source: "ses.amazonaws.com", name: "SendEmail", arn: alice,
                         type: "IAMUser", ip: "198.51.100.10", region: "us-east-1", errorCode: "MessageRejected")
        // 50 Bedrock invocations by bob: not over 50.
        records += burst(50, start: "2026-01-05T09:00:00Z", source: "bedrock.amazonaws.com", name: "InvokeModel", arn: bob,
                         type: "AssumedRole", ip: "198.51.100.30", region: "us-west-2")
        // 151 by carol in the 11:00 hour: over 150 (3 × 50), so score 2.
        records += burst(151, start: "2026-01-05T11:00:00Z", source: "bedrock.amazonaws.com", name: "InvokeModel", arn: carol,
                         type: "AssumedRole", ip: "198.51.100.20", region: "us-west-2")
        // 5 SNS publishes: far below 200.
        records += burst(5, start: "2026-01-05T11:10:00Z", source: "sns.amazonaws.com", name: "Publish", arn: alice,
                         type: "IAMUser", ip: "198.51.100.10", region: "us-east-1")
        // 120 SES sends two days ago: outside the last day.
        records += burst(120, start: "2026-01-03T10:00:00Z", source: "ses.amazonaws.com", name: "SendEmail", arn: alice,
                         type: "IAMUser", ip: "198.51.100.10", region: "us-east-1")
        // 120 ListIdentities calls: not a send.
        records += burst(120, start: "2026-01-05T10:00:00Z", source: "ses.amazonaws.com", name: "ListIdentities", arn: alice,
                         type: "IAMUser", ip: "198.51.100.10", region: "us-east-1")
        return records
    }()

    @Test("finds the identity-hours over their service threshold, scored and ordered")
    func runs() throws {
        let half = Self.records.count / 2
        let files = ["a.jsonl": Array(Self.records[..<half]), "b.jsonl": Array(Self.records[half...])]
        let run = try QueryFixture.run(try Self.publishedQuery(), files: files, workers: 2)
        #expect(run.result.columns == Self.columns)
        #expect(run.result.rows.map(\.values) == [
            ["2026-01-05 11:00:00", "bedrock.amazonaws.com", "LLM Resource Hijacking (LLMJacking)", .string(Self.carol), "AssumedRole",
             "198.51.100.20", "us-west-2", 151, 1, 50, 2],
            ["2026-01-05 10:00:00", "ses.amazonaws.com", "Email Spam or Phishing Campaign", .string(Self.alice), "IAMUser",
             "198.51.100.10", "us-east-1", 101, 1, 100, 1],
        ])
        // The 120 sends of two days ago are outside both LAST 1 DAYS and starttime > NOW() - 1 day.
        #expect(run.result.statistics.excludedByWindow == 120)
        #expect(run.result.statistics.newestExcluded == EventTime.parse("2026-01-03T10:01:59Z"))
        #expect(run.result.rows.map(\.eventCount) == [151, 101])
    }

    @Test("with LegitSES loaded, the tuning removes alice's row")
    func tunedRun() throws {
        let query = try Self.publishedQuery().replacingOccurrences(
            of: "AND (\"ErrorCode\" IS NULL OR \"ErrorCode\" = '')",
            with: "AND (\"ErrorCode\" IS NULL OR \"ErrorCode\" = '')\n  AND NOT REFERENCESETCONTAINS('LegitSES', \"UserIdentityArn\")")
        let folder = TemporaryFolder()
        let setFile = folder.write("legit-ses.txt", "# transactional mail\n\(Self.alice)\n")
        var sets = ReferenceSets()
        try sets.load("LegitSES=" + setFile)
        let run = try QueryFixture.run(query, over: Self.records, options: try QueryFixture.options(referenceSets: sets))
        #expect(run.plan.warnings.isEmpty)
        #expect(run.result.rows.map { $0.values[3] } == [.string(Self.carol)])
    }
}
