import AQL
import CloudTrail
import Detection
import Foundation
import SkuaTestSupport
import Testing

/// The pack over hand-built input whose findings are worked out by hand from the query's text:
/// successful SES/SNS/Bedrock send calls per clock hour, caller, IP and region, over
/// 100 / 200 / 50; score 2 above 3× (300 / 600 / 150), 3 above 10× (1000 / 2000 / 500).
@Suite struct HuntTests {
    let alice = CloudTrailJSON.Caller.user("alice")
    let mailer = CloudTrailJSON.Caller.user("transactional-mailer")
    let pipeline = CloudTrailJSON.Caller.session("ml-pipeline", "run-42")

    func hunt(_ lines: [String], options: HuntOptions = HuntOptions(ingest: IngestOptions(workers: 2))) throws -> HuntResult {
        let folder = TemporaryFolder()
        folder.write("events.jsonl", lines.joined(separator: "\n") + "\n")
        let planned = try PackRunner.plan(DetectionRule.builtInPack, options: options)
        return PackRunner.run(planned, files: InputDiscovery.discover([folder.path]), options: options)
    }

    var input: [String] {
        // SNS: 201 publishes in 10:00–10:03 from alice (over 200 → score 1).
        CloudTrailJSON.burst(count: 201, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish", caller: alice)
        // Bedrock: 151 InvokeModel from the ML pipeline (over 150 → score 2).
        + CloudTrailJSON.burst(count: 151, start: "2026-01-05T11:00:00Z", source: "bedrock.amazonaws.com", name: "InvokeModel", caller: pipeline)
        // SES: 1001 sends from the mailer (over 1000 → score 3).
        + CloudTrailJSON.burst(count: 1001, start: "2026-01-05T12:00:00Z", source: "ses.amazonaws.com", name: "SendEmail", caller: mailer)
        // Below thresholds: 50 InvokeModel (not over 50), 100 SES sends, 200 publishes.
        + CloudTrailJSON.burst(count: 50, start: "2026-01-05T13:00:00Z", source: "bedrock.amazonaws.com", name: "InvokeModel", caller: alice)
        + CloudTrailJSON.burst(count: 100, start: "2026-01-05T14:00:00Z", source: "ses.amazonaws.com", name: "SendEmail", caller: alice)
        + CloudTrailJSON.burst(count: 200, start: "2026-01-05T15:00:00Z", source: "sns.amazonaws.com", name: "Publish", caller: alice)
        // Failed calls do not count: 300 denied publishes.
        + CloudTrailJSON.burst(count: 300, start: "2026-01-05T16:00:00Z", source: "sns.amazonaws.com", name: "Publish", caller: alice,
                               errorCode: "AuthorizationError")
        // Converse is not in the query's list: 400 calls, no finding.
        + CloudTrailJSON.burst(count: 400, start: "2026-01-05T17:00:00Z", source: "bedrock.amazonaws.com", name: "Converse", caller: alice)
    }

    @Test("the published rule finds exactly the three groups over threshold, ranked by score")
    func publishedFindings() throws {
        let result = try hunt(input)
        let published = try #require(result.outcomes.first { $0.rule.id == "t1496.004-published" })
        let rows = published.findings.map { finding in
            [finding.value("SuspicionScore"), finding.value("ServiceAbused"), finding.value("EventCount"), finding.value("ServiceThreshold")]
        }
        #expect(rows == [
            [.integer(3), .string("ses.amazonaws.com"), .integer(1001), .integer(100)],
            [.integer(2), .string("bedrock.amazonaws.com"), .integer(151), .integer(50)],
            [.integer(1), .string("sns.amazonaws.com"), .integer(201), .integer(200)],
        ])
        let ses = published.findings[0]
        #expect(ses.value("TimeBucket") == .string("2026-01-05 12:00:00"))
        #expect(ses.value("CallerARN") == .string("arn:aws:iam::111122223333:user/transactional-mailer"))
        #expect(ses.value("AttackCategory") == .string("Email Spam or Phishing Campaign"))
        #expect(ses.value("UniqueSourceIPs") == .integer(1))
        // 1001 events one second apart: 12:00:00 … 12:16:40.
        #expect(ses.firstEventTime == EventTime.parse("2026-01-05T12:00:00Z"))
        #expect(ses.lastEventTime == EventTime.parse("2026-01-05T12:16:40Z"))
        #expect(result.report.tally.evaluated == input.count)
    }

    @Test("without reference sets the tuned rule finds what the published one finds, and warns")
    func tunedWithoutSets() throws {
        let result = try hunt(input)
        #expect(result.outcomes[1].findings.count == result.outcomes[0].findings.count)
        #expect(result.outcomes[1].plan.warnings.count == 2)
    }

    @Test("AllowedCallers removes the mailer, AllowedRoles removes every session of the ML role")
    func tunedWithSets() throws {
        var sets = ReferenceSets()
        sets = ReferenceSets(["AllowedCallers": [mailer.arn], "AllowedRoles": [pipeline.issuer!]])
        let result = try hunt(input, options: HuntOptions(referenceSets: sets, ingest: IngestOptions(workers: 2)))
        let tuned = result.outcomes[1].findings.map { $0.value("ServiceAbused") }
        #expect(tuned == [.string("sns.amazonaws.com")])
        #expect(result.outcomes[0].findings.count == 3)
        #expect(result.outcomes[1].plan.warnings.isEmpty)
    }

    @Test("--since and --until narrow the hunt window and count what they leave out")
    func huntWindow() throws {
        let options = HuntOptions(since: EventTime.parse("2026-01-05T11:00:00Z"), until: EventTime.parse("2026-01-05T11:59:59Z"),
                                  ingest: IngestOptions(workers: 2))
        let result = try hunt(input, options: options)
        let published = result.outcomes[0]
        #expect(published.findings.map { $0.value("ServiceAbused") } == [.string("bedrock.amazonaws.com")])
        #expect(published.result.statistics.excludedByWindow == input.count - 151)
    }

    @Test("the same findings with one worker and with two, over several files")
    func workerCountInvariance() throws {
        let folder = TemporaryFolder()
        let lines = input
        for part in 0..<4 {
            let slice = lines.enumerated().filter { $0.offset % 4 == part }.map(\.element)
            folder.write("part\(part).jsonl", slice.joined(separator: "\n"))
        }
        var outcomes: [[Finding]] = []
        for workers in [1, 2] {
            let options = HuntOptions(ingest: IngestOptions(workers: workers))
            let planned = try PackRunner.plan(DetectionRule.builtInPack, options: options)
            outcomes.append(PackRunner.run(planned, files: InputDiscovery.discover([folder.path]), options: options).outcomes[0].findings)
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].count == 3)
    }
}
