import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// 2024-01-01T00:00:00Z in epoch seconds (`date -u -d 2024-01-01T00:00:00Z +%s`).
let newYear2024Seconds: Int64 = 1_704_067_200

/// A minimal CloudTrail record as one line of JSON: `eventVersion`, `eventSource`, `eventName`,
/// `eventTime` (`second` seconds after 2024-01-01T00:00:00Z), `eventID` (`id-<name>` unless
/// given), then the `extra` members (already written as JSON, without a leading comma).
func record(_ name: String, second: Int = 0, id: String? = nil, source: String = "sns.amazonaws.com",
            extra: String = "") -> String {
    let time = "2024-01-01T00:00:" + (second < 10 ? "0\(second)" : "\(second)") + "Z"
    var text = #"{"eventVersion":"1.08","eventSource":"\#(source)","eventName":"\#(name)","eventTime":"\#(time)","eventID":"\#(id ?? "id-" + name)""#
    if !extra.isEmpty { text += "," + extra }
    return text + "}"
}

/// The epoch milliseconds `record(_:second:)` writes.
func recordMillis(second: Int = 0) -> Int64 { (newYear2024Seconds + Int64(second)) * 1000 }

/// `text` as the body of a JSON string (backslashes, quotes and line breaks escaped): how
/// `CloudTrailEvent`, `message` and `_raw` carry a record.
func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
}

/// What one ingest produced, with the folder kept alive so paths in the report stay meaningful.
struct Ingested {
    var folder: TemporaryFolder
    var records: [RecordCollector.Seen]
    var report: IngestReport

    var names: [String?] { records.map(\.eventName) }

    /// Full path of a file written into the folder.
    func path(_ name: String) -> String { folder.path + "/" + name }

    /// The report's issues of one kind.
    func issues(_ kind: IngestIssue.Kind) -> [IngestIssue] { report.issues.filter { $0.kind == kind } }
}

/// Writes `files` into a fresh folder, ingests the folder with 1 and with 2 workers, and checks
/// what every run must satisfy: the report reconciles, the runs agree (determinism), every
/// evaluated record reached a sink, and every unit of loss has its issue with a file and, for
/// malformed stretches and untimed records, a position.
func ingest(_ files: [(name: String, bytes: [UInt8])], extra: [PropertyPath] = [],
            options: IngestOptions = IngestOptions(), sourceLocation: SourceLocation = #_sourceLocation) -> Ingested {
    let folder = TemporaryFolder()
    for file in files { folder.write(file.name, file.bytes) }
    return ingest(folder: folder, paths: [folder.path], extra: extra, options: options, sourceLocation: sourceLocation)
}

/// One text file.
func ingest(_ name: String, _ text: String, extra: [PropertyPath] = [], options: IngestOptions = IngestOptions(),
            sourceLocation: SourceLocation = #_sourceLocation) -> Ingested {
    ingest([(name, Array(text.utf8))], extra: extra, options: options, sourceLocation: sourceLocation)
}

/// Ingests `paths` (inside or around `folder`) with 1 and 2 workers and checks the invariants.
func ingest(folder: TemporaryFolder, paths: [String], extra: [PropertyPath] = [], options: IngestOptions = IngestOptions(),
            sourceLocation: SourceLocation = #_sourceLocation) -> Ingested {
    var single = options
    single.workers = 1
    var double = options
    double.workers = 2
    let first = collect(paths, extra: extra, options: single)
    let second = collect(paths, extra: extra, options: double)
    #expect(first.records == second.records, "1 and 2 workers found different records", sourceLocation: sourceLocation)
    #expect(first.report == second.report, "1 and 2 workers wrote different reports", sourceLocation: sourceLocation)
    checkAccount(first.report, records: first.records, sourceLocation: sourceLocation)
    return Ingested(folder: folder, records: first.records, report: first.report)
}

/// The "nothing lost" checks every report must pass.
func checkAccount(_ report: IngestReport, records: [RecordCollector.Seen], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(report.reconciles, "the report does not reconcile: \(report.tally)", sourceLocation: sourceLocation)
    let tally = report.tally
    #expect(report.filesDiscovered == report.filesWithRecords + report.filesWithoutEvents + report.filesFailed,
            sourceLocation: sourceLocation)
    #expect(report.recordsFound == tally.evaluated + tally.malformed + tally.untimed + tally.insight, sourceLocation: sourceLocation)
    #expect(tally.wellFormed == tally.evaluated + tally.untimed + tally.insight, sourceLocation: sourceLocation)
    #expect(records.count == tally.evaluated, "evaluated records that never reached a sink", sourceLocation: sourceLocation)
    guard report.issuesOmitted == 0 else { return }
    let malformed = report.issues.filter { $0.kind == .malformed }
    let untimed = report.issues.filter { $0.kind == .untimed }
    #expect(malformed.count == tally.malformed, "each malformed stretch has one issue", sourceLocation: sourceLocation)
    #expect(untimed.count == tally.untimed, "each untimed record has one issue", sourceLocation: sourceLocation)
    for issue in malformed + untimed {
        #expect(issue.offset != nil, "\(issue.kind) issue without an offset: \(issue.reason)", sourceLocation: sourceLocation)
    }
    for issue in report.issues {
        #expect(!issue.file.isEmpty && !issue.reason.isEmpty, sourceLocation: sourceLocation)
    }
    for file in report.files where file.outcome == .failed {
        let explained = report.issues.contains { $0.file == file.path && ($0.kind == .unreadableFile || $0.kind == .damagedFile) }
        #expect(explained, "\(file.path) failed without an unreadable-file or damaged-file issue", sourceLocation: sourceLocation)
    }
    if let oldest = tally.oldestEventTime, let newest = tally.newestEventTime {
        #expect(records.allSatisfy { $0.eventTime >= oldest && $0.eventTime <= newest }, sourceLocation: sourceLocation)
    }
}

/// gzip of `text` with zlib (one member).
func gzip(_ text: String) -> [UInt8] { GzipEncoder.compress(Array(text.utf8)) }

/// Byte offset of the first occurrence of `needle` in `text` (nil when absent).
func byteOffset(of needle: String, in text: String) -> Int64? {
    guard let range = text.range(of: needle) else { return nil }
    return Int64(text.utf8.distance(from: text.startIndex, to: range.lowerBound))
}
