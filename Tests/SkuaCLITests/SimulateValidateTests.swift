import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// `skua simulate` and `skua validate` as a user meets them.
@Suite struct SimulateValidateTests {
    /// Every file under `folder` by relative path, with its bytes.
    static func contents(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder)
            if !isFolder.boolValue { files[path] = FileManager.default.contents(atPath: folder + "/" + path) }
        }
        return files
    }

    @Test("simulate writes the S3 layout, names files as AWS does, and the same seed gives the same bytes at any worker count")
    func simulateIsDeterministic() throws {
        let first = TemporaryFolder(), second = TemporaryFolder()
        let arguments = ["simulate", "seed-ses-send", "--hours", "2", "--noise", "5", "--seed", "7"]
        let one = try SkuaBinary.run(arguments + ["--out", first.path, "--workers", "1"])
        let two = try SkuaBinary.run(arguments + ["--out", second.path, "--workers", "2"])
        #expect(one.status == 0 && two.status == 0)
        let files = Self.contents(first.path)
        #expect(!files.isEmpty && files == Self.contents(second.path))
        // AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/<acct>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<16>.json.gz
        let pattern = #/AWSLogs/(\d{12})/CloudTrail/([a-z0-9-]+)/2026/01/05/(\d{12})_CloudTrail_([a-z0-9-]+)_20260105T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz/#
        for path in files.keys {
            let match = try #require(try pattern.wholeMatch(in: path), "\(path)")
            #expect(match.1 == match.3 && match.2 == match.4)
        }
        // Gzip by its magic bytes.
        #expect(files.values.allSatisfy { $0.prefix(2) == Data([0x1F, 0x8B]) })
        // 5 background events × 2 accounts × 3 regions × 2 hours, plus the seed test's 10 sends.
        #expect(one.standardOutput.contains("70 records (60 background)"))
    }

    @Test("simulate --reference-sets writes the allowlists the tuned rule needs; hunt with them drops the look-alike")
    func simulateAllowlists() throws {
        let data = TemporaryFolder(), sets = TemporaryFolder()
        let simulated = try SkuaBinary.run(["simulate", "benign-ses-transactional", "--hours", "1", "--noise", "0",
                                            "--out", data.path, "--reference-sets", sets.path])
        #expect(simulated.status == 0)
        let callers = try String(contentsOfFile: sets.path + "/AllowedCallers.txt", encoding: .utf8)
        #expect(!callers.isEmpty)
        let untuned = try SkuaBinary.run(["hunt", "-q", "--format", "json", data.path])
        let tuned = try SkuaBinary.run(["hunt", "-q", "--format", "json", "--reference-set", "AllowedCallers=\(sets.path)/AllowedCallers.txt", data.path])
        func counts(_ output: String) throws -> [String: Int] {
            let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let findings = try #require(document["findings"] as? [[String: Any]])
            return Dictionary(grouping: findings) { $0["rule_id"] as? String ?? "?" }.mapValues(\.count)
        }
        #expect(untuned.status == 1 && tuned.status == 1)
        #expect(try counts(untuned.standardOutput)["t1496.004-tuned"] ?? 0 > 0)
        #expect(try counts(tuned.standardOutput)["t1496.004-tuned"] == nil)
        #expect(try counts(tuned.standardOutput)["t1496.004-published"] ?? 0 > 0)
    }

    @Test("simulate: usage errors name the problem and exit 2", arguments: [
        (["simulate", "--out", "x"], "Error: missing expected argument '<scenario> ...' (see 'skua simulate --list')"),
        (["simulate", "seed-ses-send"], "Error: missing '--output <folder>'"),
        (["simulate", "seed-ses-sen", "--out", "x"], "Error: unknown scenario 'seed-ses-sen'; did you mean 'seed-ses-send'?"),
        (["simulate", "noise", "--scale", "0", "--out", "x"], "Error: --scale takes a whole number from 1 to 1000"),
        (["simulate", "noise", "--layout", "csv", "--out", "x"], "Error: 'csv' is not a valid value for '--layout'; use one of: s3, jsonl, lookup-events, eventbridge"),
        (["validate", "--rules", "/nonexistent.aql"], "Error: --rules: no such file or folder '/nonexistent.aql'"),
        (["validate", "--scenario", "nope"], "Error: unknown scenario 'nope'; choose from: "),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let output = try SkuaBinary.run(arguments)
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix(message), "\(output.standardError)")
    }

    @Test("simulate --list names every scenario with its expectations")
    func list() throws {
        let output = try SkuaBinary.run(["simulate", "--list"])
        #expect(output.status == 0)
        for id in ["seed-ses-send", "seed-sns-sms-publish", "seed-bedrock-invoke", "seed-ses-enable-then-send",
                   "bedrock-llmjacking-enablement", "bedrock-invoke-ip-rotation", "bedrock-invoke-hour-straddle",
                   "ses-sandbox-escape-all-regions", "benign-ses-transactional", "benign-sns-otp-burst", "benign-bedrock-ml-pipeline"] {
            #expect(output.standardOutput.contains(id + "  ("), "\(id) missing")
        }
    }

    @Test("validate exits 0 when expectations hold and 5 when a rule file breaks one")
    func validateExitStatus() throws {
        let good = try SkuaBinary.run(["validate", "--scenario", "seed-bedrock-invoke", "--hours", "2"])
        #expect(good.status == 0)
        // The scenario and its four scaled runs (×3, ×4, ×11, ×34), each under both rules.
        #expect(good.standardOutput.contains("10 of 10 expectations held"))

        let rules = TemporaryFolder()
        let published = try String(contentsOfFile: repositoryFolder + "/rules/qradar/t1496.004-cloud-service-hijacking.aql", encoding: .utf8)
        let lowered = published.replacingOccurrences(of: "'bedrock.amazonaws.com' AND COUNT(*) > 50", with: "'bedrock.amazonaws.com' AND COUNT(*) > 10")
        #expect(lowered != published)
        let path = rules.write("draft.aql", lowered)
        let bad = try SkuaBinary.run(["validate", "--rules", "t1496.004-published=\(path)", "--scenario", "seed-bedrock-invoke", "--hours", "2"])
        #expect(bad.status == 5)

        // A rule no scenario has expectations for: nothing checked is an error, not a pass.
        let unnamed = try SkuaBinary.run(["validate", "--rules", path, "--scenario", "seed-bedrock-invoke", "--hours", "2"])
        #expect(unnamed.status == 2)
        #expect(unnamed.standardError.hasPrefix("Error: no scenario states an expectation for rule draft"))
        #expect(bad.standardOutput.contains("0 → 1 ✗"))
        let json = try SkuaBinary.run(["validate", "--format", "json", "--rules", "t1496.004-published=\(path)", "--scenario", "seed-bedrock-invoke", "--hours", "2"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(json.status == 5 && document["all_met"] as? Bool == false)
    }
}

/// `skua hunt` over the public real files, as the README tells a new user to try it.
@Suite(.enabled(if: sharedDatasetsFolder != nil, "../shared/datasets/real is absent: real-data tests skipped"))
struct RealFolderHuntTests {
    @Test("hunt over ../shared/datasets/real runs to the end, reconciles, pins its totals to INVENTORY.json, and exits 3")
    func realFolder() throws {
        let folder = try #require(sharedDatasetsFolder)
        let output = try SkuaBinary.run(["hunt", "-q", "--format", "json", folder])
        // The folder holds deliberately malformed files and no burst over the thresholds.
        #expect(output.status == 3)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let ingest = try #require(document["ingest"] as? [String: Any])
        let files = try #require(ingest["files"] as? [String: Int])
        let records = try #require(ingest["records"] as? [String: Int])
        let inventory = try RealDatasetInventory.entries()
        #expect(ingest["reconciles"] as? Bool == true)
        // The data files, INVENTORY.json (JSON without records) and SOURCES.md (not JSON).
        #expect(files["discovered"] == inventory.count + 2)
        // CSV, two ZIPs, SOURCES.md and the all-broken SNS block.
        #expect(files["failed"] == 5)
        let malformed = try #require(records["malformed"]), evaluated = try #require(records["evaluated"])
        let untimed = try #require(records["untimed"]), insight = try #require(records["insight"])
        #expect(evaluated + untimed + insight == (try RealDatasetInventory.expectedTotal()))
        #expect(records["found"] == evaluated + malformed + untimed + insight)
        // Every malformed stretch is documented per file (3 broken SNS records, 7 broken
        // strings in the user-guide blocks, 2 damaged stretches in samples-large.json).
        #expect(malformed == inventory.reduce(0) { $0 + RealDatasetInventory.expectedMalformed($1) })
        #expect(malformed == 3 + 7 + 2)
    }
}
