import Foundation
import Simulation
import SkuaTestSupport
import Testing

@Suite("Sample preset")
struct SampleTests {
    @Test("writes two accounts, three regions, three days, under 5 MB, with exactly the three flagged bursts")
    func sample() throws {
        let folder = TemporaryFolder()
        let summary = try SamplePreset.write(to: folder.path + "/Samples")
        let read = readBack(summary.folder)
        #expect(summary.layout == .s3)
        #expect(summary.compressedBytes < 5_000_000)
        #expect(read.report.reconciles && read.report.tally.malformed == 0 && read.report.tally.untimed == 0)
        #expect(read.records.count == summary.records)
        // 6 × 2 accounts × 3 regions × 72 hours, by hand, plus 250 + 160 + 150.
        #expect(summary.backgroundRecords == 2_592)
        #expect(summary.records == 2_592 + 560)
        #expect(Set(read.records.map(\.record.recipientAccountId)) == ["381492761055", "720583194406"])
        #expect(Set(read.records.map(\.record.awsRegion)) == ["us-east-1", "us-west-2", "eu-west-1"])
        let days = Set(read.records.map { $0.record.eventTime.prefix(10) })
        #expect(days == ["2026-01-05", "2026-01-06", "2026-01-07"])

        let findings = HandQuery.findings(read.records, anchor: summary.anchor)
        let expected = SamplePreset.scenarioIDs.flatMap {
            ScenarioCatalog.standard.scenario(id: $0)!.expectation(for: ScenarioCatalog.publishedRuleID)!.findings
        }
        #expect(findings == Set(expected))
        #expect(Set(findings.map(\.serviceAbused)) == ["ses.amazonaws.com", "sns.amazonaws.com", "bedrock.amazonaws.com"])
        #expect(read.records.filter { $0.record.eventName == "SendEmail" && $0.record.eventCategory == "Data" }.count >= 150)
    }

    @Test("is the same bytes every time")
    func sampleIsDeterministic() throws {
        let first = TemporaryFolder(), second = TemporaryFolder()
        let one = try SamplePreset.write(to: first.path, workers: 1)
        let two = try SamplePreset.write(to: second.path, workers: 2)
        #expect(one.files == two.files)
        #expect(fileContents(under: first.path) == fileContents(under: second.path))
    }

    @Test("the committed Samples/ is exactly what the preset writes (one generator, no hand edits)")
    func committedSampleMatches() throws {
        let committed = repositoryFolder + "/Samples"
        try #require(FileManager.default.fileExists(atPath: committed + "/AWSLogs"), "Samples/AWSLogs is missing: run scripts/make-sample")
        let fresh = TemporaryFolder()
        _ = try SamplePreset.write(to: fresh.path)
        let expected = fileContents(under: fresh.path)
        let actual = fileContents(under: committed)
        #expect(actual.count == expected.count)
        #expect(actual == expected, "Samples/ differs from the preset's output: run scripts/make-sample")
    }
}
