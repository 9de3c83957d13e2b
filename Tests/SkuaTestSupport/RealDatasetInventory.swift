import Foundation

/// What ../shared/datasets/real holds, per INVENTORY.json (records counted by Python's json
/// module, independently of Skua), and the documented files where Skua must count otherwise.
public enum RealDatasetInventory {
    struct InventoryMissing: Error {}

    public struct Entry {
        public var file: String
        public var format: String
        public var records: Int
    }

    public static func entries() throws -> [Entry] {
        guard let folder = sharedDatasetsFolder else { throw InventoryMissing() }
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/INVENTORY.json"))
        guard let entries = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { throw InventoryMissing() }
        return entries.map { Entry(file: $0["file"] as! String, format: $0["format"] as! String, records: $0["records"] as! Int) }
    }

    /// Files whose count differs from the inventory's, with the count Skua must find and why.
    /// Every other file must match the inventory exactly.
    public static let documentedDifferences: [String: (expected: Int, malformed: Int?, reason: String)] = [
        // Every one of its three records misses a comma (as AWS published it): three malformed
        // records, nothing to keep. Python counted none either, but reported no records at all.
        "awsdocs/sns-logging-using-cloudtrail.md.block_malformed.json": (0, 3, "3 broken records"),
        // Block 17's raw text is one intact record followed by "... additional entries ...":
        // Python rejected the whole string, Skua keeps the record and reports the rest.
        // Malformed: the `raw` strings that start like JSON ({ or [ after whitespace), mention
        // eventSource/eventVersion/eventType, and that Python's json.loads rejects: 7, counted
        // with Python (blocks with a raw newline in a string, `String` placeholders for values,
        // the text after block 17's record). Each is its own stretch: a string's damage ends
        // with the string.
        "awsdocs/aws-cloudtrail-user-guide_example_blocks.json": (25, 7, "24 + the intact record in block 17's raw text"),
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

    /// Malformed stretches Skua must report in a file: the documented number, else none.
    public static func expectedMalformed(_ entry: Entry) -> Int {
        documentedDifferences[entry.file]?.malformed ?? 0
    }

    public static func expectedCount(_ entry: Entry) -> Int {
        documentedDifferences[entry.file]?.expected ?? entry.records
    }

    /// Records Skua must find as well-formed in the whole folder.
    public static func expectedTotal() throws -> Int {
        try entries().reduce(0) { $0 + expectedCount($1) }
    }
}
