import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

@Suite struct IngestReportTests {
    @Test("every count of a mixed run is what the inputs hold, and the equations hold")
    func mixedRun() {
        let untimed = #"{"eventVersion":"1.08","eventSource":"s","eventName":"NoTime"}"#
        let broken = #"{"eventVersion":"1.08","eventSource":"s","eventName":"Broken" "eventTime":"2024-01-01T00:00:00Z"}"#
        let run = ingest([
            ("1-s3.json.gz", gzip(Envelope.s3([record("A", second: 5), Envelope.insight, untimed, record("B", second: 3)]))),
            ("2-lines.jsonl", Array((record("C", second: 9) + "\n" + broken + "\n" + record("D", second: 1) + "\n").utf8)),
            ("3-digest.json", Array(Envelope.digest.utf8)),
            ("4-empty.json", []),
            ("5-text.txt", Array("not json".utf8)),
            ("AWSLogs/1/CloudTrail-Digest/d.json.gz", [1, 2, 3]),
        ])
        let report = run.report
        // Input order: file by file in path order, then by offset.
        #expect(run.names == ["A", "B", "C", "D"])
        #expect(report.filesDiscovered == 6)
        #expect(report.filesWithRecords == 2)
        #expect(report.filesWithoutEvents == 3)
        #expect(report.filesFailed == 1)
        #expect(report.digestFilesByPath == 1)
        #expect(report.tally.evaluated == 4)
        #expect(report.tally.insight == 1)
        #expect(report.tally.untimed == 1)
        #expect(report.tally.malformed == 1)
        #expect(report.tally.wellFormed == 6)
        #expect(report.tally.digestObjects == 1)
        #expect(report.recordsFound == 7)
        #expect(report.unusableInput == 3)
        #expect(report.tally.oldestEventTime == recordMillis(second: 1))
        #expect(report.tally.newestEventTime == recordMillis(second: 9))
        #expect(report.files.map(\.outcome) == [.withRecords, .withRecords, .withoutEvents, .withoutEvents, .failed, .withoutEvents])
    }

    @Test("duplicate eventIDs are exact within a file and an estimate across files")
    func duplicateEventIDs() {
        let run = ingest([
            ("1.jsonl", Array([record("A", id: "x"), record("B", id: "x"), record("C", id: "y"), record("D", id: "x")].joined(separator: "\n").utf8)),
            ("2.jsonl", Array([record("E", id: "x"), record("F", id: "z"), record("G", id: "z")].joined(separator: "\n").utf8)),
            ("3.jsonl", Array([record("H", id: "y"), record("I", id: "w")].joined(separator: "\n").utf8)),
        ])
        // File 1: x three times (2 repeats); file 2: z twice (1 repeat).
        #expect(run.report.tally.duplicateEventIDsWithinFiles == 3)
        // Across files: x in files 1 and 2, y in files 1 and 3.
        #expect(run.report.duplicateEventIDsAcrossFilesEstimate == 2)
        #expect(run.report.duplicateEstimateExpectedFalsePositives < 0.001)
        #expect(run.records.count == 9)
    }

    @Test("a file with more eventIDs than a stretch counts repeats exactly within each stretch, and between stretches in the estimate")
    func eventIDStretches() {
        // Stretches of 4 records: a b a c | d e a d | f. Within the first, a repeats once; within
        // the second, d once (exact: 2). Across stretches (the estimate): the second's distinct
        // {d, e, a} meet a from the first (1); the third's {f}, nothing.
        let ids = ["a", "b", "a", "c", "d", "e", "a", "d", "f"]
        let text = ids.enumerated().map { record("R\($0.offset)", id: $0.element) }.joined(separator: "\n") + "\n"
        let run = ingest("big.jsonl", text, options: IngestOptions(workers: 1, eventIDStretch: 4))
        #expect(run.records.count == 9)
        #expect(run.report.tally.duplicateEventIDsWithinFiles == 2)
        #expect(run.report.duplicateEventIDsAcrossFilesEstimate == 1)
        // Said once per file, not once per stretch.
        #expect(run.report.issues.filter { $0.kind == .notice && $0.reason.contains("eventIDs in this file") }.count == 1)
    }

    @Test("issues beyond the limit are counted, not listed")
    func issueLimit() {
        let untimed = #"{"eventVersion":"1.08","eventSource":"s","eventName":"NoTime"}"#
        let run = ingest("many.jsonl", Array(repeating: untimed, count: IngestReport.issueLimit + 25).joined(separator: "\n"))
        #expect(run.report.tally.untimed == IngestReport.issueLimit + 25)
        #expect(run.report.issues.count == IngestReport.issueLimit)
        #expect(run.report.issuesOmitted == 25)
    }

    @Test("the report is the same value with 1 and 2 workers over many mixed files")
    func determinism() {
        let folder = TemporaryFolder()
        for index in 0..<40 {
            let records = (0..<5).map { record("E\(index)-\($0)", second: ($0 * 7 + index) % 60, id: "id-\(index % 3)-\($0)") }
            switch index % 5 {
            case 0: folder.write("f\(index).json.gz", gzip(Envelope.s3(records)))
            case 1: folder.write("f\(index).jsonl", records.joined(separator: "\n") + "\n{\"eventSource\":\"broken\"\n")
            case 2: folder.write("f\(index).json", Envelope.cloudWatch(records))
            case 3: folder.write("sub/f\(index).json", "[" + records.map(Envelope.eventBridge).joined(separator: ",") + "]")
            default: folder.write("f\(index).txt", Envelope.lookupEvents(records.enumerated().map { ("E\(index)-\($0.offset)", $0.element) }))
            }
        }
        let run = ingest(folder: folder, paths: [folder.path])
        #expect(run.records.count == 200)
        #expect(run.report.tally.malformed == 8)
        for workers in [1, 2] {
            let again = collect([folder.path], options: IngestOptions(workers: workers))
            #expect(again.records == run.records)
            #expect(again.report == run.report)
        }
    }

    @Test("issue positions print as file:line:column, or file@offset without a line")
    func positionText() {
        #expect(IngestIssue(file: "f", kind: .malformed, offset: 9, line: 2, column: 3, reason: "r").position == "f:2:3")
        #expect(IngestIssue(file: "f", kind: .malformed, offset: 9, reason: "r").position == "f@9")
        #expect(IngestIssue(file: "f", kind: .unreadableFile, reason: "r").position == "f")
    }

    @Test("the report survives a JSON round trip")
    func codable() throws {
        let run = ingest("x.jsonl", record("A") + "\n{\"eventSource\":\"s\",\n" + record("B"))
        let data = try JSONEncoder().encode(run.report)
        #expect(try JSONDecoder().decode(IngestReport.self, from: data) == run.report)
    }
}
