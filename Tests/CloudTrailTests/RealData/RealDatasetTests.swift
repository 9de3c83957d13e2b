import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// Every public file in ../shared/datasets/real, read end to end, against the per-file counts
/// that INVENTORY.json records (counted by Python's json module, independently of Skua).
@Suite(.enabled(if: sharedDatasetsFolder != nil, "../shared/datasets/real is absent: real-data tests skipped"))
struct RealDatasetTests {
    struct InventoryEntry {
        var file: String
        var format: String
        var records: Int
    }

    static func inventory() throws -> [InventoryEntry] {
        let folder = try #require(sharedDatasetsFolder)
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/INVENTORY.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return entries.map { InventoryEntry(file: $0["file"] as! String, format: $0["format"] as! String, records: $0["records"] as! Int) }
    }

    /// Files whose count differs from the inventory's, with the count Skua must find and why.
    /// Every other file must match the inventory exactly.
    static let documentedDifferences: [String: (expected: Int, malformed: Int?, reason: String)] = [
        // Every one of its three records misses a comma (as AWS published it): three malformed
        // records, nothing to keep. Python counted none either, but reported no records at all.
        "awsdocs/sns-logging-using-cloudtrail.md.block_malformed.json": (0, 3, "3 broken records"),
        // Block 17's raw text is one intact record followed by "... additional entries ...":
        // Python rejected the whole string, Skua keeps the record and reports the rest.
        "awsdocs/aws-cloudtrail-user-guide_example_blocks.json": (25, nil, "24 + the intact record in block 17's raw text"),
        // 13 partial test logs carry eventName/eventSource but neither eventTime nor eventVersion:
        // the inventory's looser heuristic counts them, the record shape does not.
        "panther-analysis/panther_cloudtrail_rule_tests.json": (461 - 13, nil, "13 partial logs are not records"),
        // Unbalanced wrappers that Python could not parse at all; the file repeats the 840
        // records of raw-large-samples.json (840 "eventVersion" keys), all of them intact.
        "opensearch-catalog/samples-large.json": (840, 2, "840 intact records inside 2 damaged stretches"),
        // CSV, not JSON.
        "otrf-security-datasets/AWS_S3_HoneyBucketLogs.csv": (0, 0, "CSV"),
        // ZIP archives are reported, not opened (the inventory counted the JSON inside).
        "otrf-security-datasets/ec2_proxy_s3_exfiltration.zip": (0, 0, "ZIP"),
        "otrf-security-datasets/aws_s3_honeybucketlogs.zip": (0, 0, "ZIP"),
    ]

    static func expectedCount(_ entry: InventoryEntry) -> Int {
        documentedDifferences[entry.file]?.expected ?? entry.records
    }

    @Test("every file is read to the end and its record count matches INVENTORY.json")
    func perFileCounts() throws {
        let folder = try #require(sharedDatasetsFolder)
        for entry in try RealDatasetTests.inventory() {
            let (_, report) = collect([folder + "/" + entry.file])
            #expect(report.reconciles, "\(entry.file): report does not reconcile")
            let found = report.tally.wellFormed
            #expect(found == RealDatasetTests.expectedCount(entry), "\(entry.file): found \(found), inventory \(entry.records)")
            if let malformed = RealDatasetTests.documentedDifferences[entry.file]?.malformed {
                #expect(report.tally.malformed == malformed, "\(entry.file)")
            }
        }
    }

    @Test("the whole folder at once: totals add up to the per-file expectations, with 1 and 2 workers")
    func wholeFolder() throws {
        let folder = try #require(sharedDatasetsFolder)
        let inventory = try RealDatasetTests.inventory()
        let expected = inventory.reduce(0) { $0 + RealDatasetTests.expectedCount($1) }
        for workers in [1, 2] {
            let (records, report) = collect([folder], options: IngestOptions(workers: workers))
            #expect(report.reconciles)
            // The 72 data files plus INVENTORY.json (JSON without records) and SOURCES.md (not JSON).
            #expect(report.filesDiscovered == inventory.count + 2)
            #expect(report.tally.wellFormed == expected)
            #expect(records.count == report.tally.evaluated)
            #expect(report.recordsFound == report.tally.evaluated + report.tally.malformed + report.tally.untimed + report.tally.insight)
            // CSV, two ZIPs, SOURCES.md and the all-broken SNS block: five files that could not be used.
            #expect(report.filesFailed == 5)
            #expect(report.unusableInput > 0)
        }
    }
}
