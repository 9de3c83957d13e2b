import CloudTrail
import Foundation
import Simulation
import Testing

@Suite("Layouts")
struct LayoutTests {
    static let ids = ["seed-sns-sms-publish", "sns-publish-burst-scaled", "bedrock-llmjacking-enablement"]

    /// What stays the same whatever the packaging: when, what, who.
    static func fingerprint(_ read: ReadBack) -> [String] {
        read.records.map { "\($0.eventTime) \($0.record.eventName) \($0.record.userIdentity.arn ?? "-") \($0.record.sourceIPAddress)" }.sorted()
    }

    @Test("every layout reads back the same records, none malformed or untimed", arguments: SimulationOptions.Layout.allCases)
    func sameRecords(_ layout: SimulationOptions.Layout) throws {
        let reference = try simulate(Self.ids, SimulationOptions(seed: 8, hours: 4, layout: .s3))
        let run = try simulate(Self.ids, SimulationOptions(seed: 8, hours: 4, layout: layout))
        let expected = readBack(reference.summary.folder)
        let read = readBack(run.summary.folder)
        #expect(run.summary.records == reference.summary.records)
        #expect(read.records.count == run.summary.records)
        #expect(read.report.recordsEvaluated == run.summary.records)
        #expect(read.report.reconciles && read.report.tally.malformed == 0 && read.report.tally.untimed == 0)
        #expect(read.undecodable.isEmpty)
        #expect(Self.fingerprint(read) == Self.fingerprint(expected))
        if layout != .s3 { #expect(run.summary.compressedBytes == run.summary.uncompressedBytes) }
    }

    @Test("lookup-events: newest first, EventId and EventTime agree with the embedded record")
    func lookupEvents() throws {
        let options = SimulationOptions(seed: 8, hours: 2, layout: .lookupEvents)
        let run = try simulate(["seed-sns-sms-publish"], options)
        var events = 0
        for path in run.summary.files {
            #expect(path.hasPrefix("lookup-events/") && path.hasSuffix(".json"))
            let data = try #require(FileManager.default.contents(atPath: run.summary.folder + "/" + path))
            #expect(String(decoding: data, as: UTF8.self).hasPrefix("{\n    \"Events\": ["))
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let list = try #require(root["Events"] as? [[String: Any]])
            var previous = Int64.max
            for event in list {
                let embedded = try #require(event["CloudTrailEvent"] as? String)
                let record = try JSONDecoder().decode(CloudTrailRecord.self, from: Data(embedded.utf8))
                #expect(event["EventId"] as? String == record.eventID)
                #expect(event["EventName"] as? String == record.eventName)
                #expect(event["EventSource"] as? String == record.eventSource)
                #expect(event["ReadOnly"] as? String == (record.readOnly ? "true" : "false"))
                #expect(event["AccessKeyId"] as? String == record.userIdentity.accessKeyId)
                #expect((event["Resources"] as? [Any])?.isEmpty == true)
                let local = try #require(event["EventTime"] as? String)
                #expect(local.hasSuffix("-05:00"))
                let instant = try #require(EventTime.parse(local))
                #expect(instant == EventTime.parse(record.eventTime))
                #expect(instant <= previous)
                previous = instant
                events += 1
            }
        }
        #expect(events == run.summary.records)
    }

    @Test("EventBridge: one envelope per line whose source, account, time and region match the record")
    func eventBridge() throws {
        let run = try simulate(["seed-sns-sms-publish"], SimulationOptions(seed: 8, hours: 2, layout: .eventBridge))
        var lines = 0
        for path in run.summary.files {
            let data = try #require(FileManager.default.contents(atPath: run.summary.folder + "/" + path))
            for line in data.split(separator: 0x0A) {
                let envelope = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
                let detail = try JSONSerialization.data(withJSONObject: try #require(envelope["detail"]))
                let record = try JSONDecoder().decode(CloudTrailRecord.self, from: detail)
                #expect(envelope["version"] as? String == "0")
                let expectedType = record.eventType == "AwsConsoleSignIn" ? "AWS Console Sign In via CloudTrail" : "AWS API Call via CloudTrail"
                #expect(envelope["detail-type"] as? String == expectedType)
                #expect(envelope["source"] as? String == "aws." + (record.eventSource.split(separator: ".").first.map(String.init) ?? ""))
                #expect(envelope["account"] as? String == record.recipientAccountId)
                #expect(envelope["time"] as? String == record.eventTime)
                #expect(envelope["region"] as? String == record.awsRegion)
                lines += 1
            }
        }
        #expect(lines == run.summary.records)
    }

    @Test("JSON Lines: one plain record per line")
    func jsonLines() throws {
        let run = try simulate(["seed-bedrock-invoke"], SimulationOptions(seed: 8, hours: 1, layout: .jsonl))
        var lines = 0
        for path in run.summary.files {
            #expect(path.hasPrefix("jsonl/") && path.hasSuffix(".jsonl"))
            let data = try #require(FileManager.default.contents(atPath: run.summary.folder + "/" + path))
            #expect(data.last == 0x0A)
            for line in data.split(separator: 0x0A) {
                _ = try JSONDecoder().decode(CloudTrailRecord.self, from: Data(line))
                lines += 1
            }
        }
        #expect(lines == run.summary.records)
    }
}
