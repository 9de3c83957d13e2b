import CloudTrail
import Foundation
import Simulation
import SkuaTestSupport

/// A record as the CloudTrail layer found it, with its JSON text decoded strictly.
struct ReadRecord: Sendable {
    var location: RecordLocation
    var eventTime: Int64
    var text: String
    var record: CloudTrailRecord
}

/// Keeps each record's raw text (the shared `RecordCollector` keeps projected fields only).
struct RawRecordSink: RecordSink {
    var seen: [(location: RecordLocation, eventTime: Int64, text: String)] = []

    mutating func consume(_ record: ScannedRecord) {
        seen.append((record.location, record.eventTime, record.rawText))
    }
}

/// What a simulation wrote, read back through the CloudTrail ingest.
struct ReadBack: Sendable {
    var records: [ReadRecord]
    var report: IngestReport
    /// Records whose text did not decode as a CloudTrail record (should be empty).
    var undecodable: [String]
}

enum ReadBackError: Error { case missingFolder }

/// Reads every file under `folder` through `IngestPipeline` and decodes each record with
/// `JSONDecoder` (types checked strictly: a string where a bool belongs fails).
func readBack(_ folder: String) -> ReadBack {
    let table = ProjectionTable(paths: [])
    let pipeline = IngestPipeline(table: table, options: IngestOptions(workers: 2))
    let outcome = pipeline.run(paths: [folder]) { RawRecordSink() }
    let raw = outcome.sinks.flatMap(\.seen).sorted { $0.location < $1.location }
    var records: [ReadRecord] = []
    var undecodable: [String] = []
    let decoder = JSONDecoder()
    for item in raw {
        do {
            let record = try decoder.decode(CloudTrailRecord.self, from: Data(item.text.utf8))
            records.append(ReadRecord(location: item.location, eventTime: item.eventTime, text: item.text, record: record))
        } catch {
            undecodable.append("\(error): \(item.text.prefix(300))")
        }
    }
    return ReadBack(records: records, report: outcome.report, undecodable: undecodable)
}

/// Runs the simulator into a fresh temporary folder.
func simulate(_ ids: [String], _ options: SimulationOptions) throws -> (folder: TemporaryFolder, summary: SimulationSummary) {
    let folder = TemporaryFolder()
    let summary = try Simulator(options: options).write(scenarios: ids, to: folder.path + "/out")
    return (folder, summary)
}

/// Every regular file under `folder`, relative path → bytes.
func fileContents(under folder: String) -> [String: [UInt8]] {
    var contents: [String: [UInt8]] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return contents }
    while let relative = enumerator.nextObject() as? String {
        var isFolder: ObjCBool = false
        let path = folder + "/" + relative
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
           let data = FileManager.default.contents(atPath: path) {
            contents[relative] = [UInt8](data)
        }
    }
    return contents
}
