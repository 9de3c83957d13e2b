import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// Every public file in ../shared/datasets/real, read end to end, against the per-file counts
/// that INVENTORY.json records (see `RealDatasetInventory`).
@Suite(.enabled(if: sharedDatasetsFolder != nil, "../shared/datasets/real is absent: real-data tests skipped"))
struct RealDatasetTests {
    @Test("every file is read to the end and its record count matches INVENTORY.json")
    func perFileCounts() throws {
        let folder = try #require(sharedDatasetsFolder)
        for entry in try RealDatasetInventory.entries() {
            let (_, report) = collect([folder + "/" + entry.file])
            #expect(report.reconciles, "\(entry.file): report does not reconcile")
            let found = report.tally.wellFormed
            #expect(found == RealDatasetInventory.expectedCount(entry), "\(entry.file): found \(found), inventory \(entry.records)")
            #expect(report.tally.malformed == RealDatasetInventory.expectedMalformed(entry), "\(entry.file)")
        }
    }

    @Test("the whole folder at once: totals add up to the per-file expectations, with 1 and 2 workers")
    func wholeFolder() throws {
        let folder = try #require(sharedDatasetsFolder)
        let inventory = try RealDatasetInventory.entries()
        let expected = inventory.reduce(0) { $0 + RealDatasetInventory.expectedCount($1) }
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
