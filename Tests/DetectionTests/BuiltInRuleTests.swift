import AQL
import BuiltInRules
import Detection
import Foundation
import SkuaTestSupport
import Testing

/// The shipped rule files: the published query verbatim, its tuned variant, and metadata that
/// matches them.
@Suite struct BuiltInRuleTests {
    static var seedFile: String { repositoryFolder + "/../shared/seed/000_bd189273c885e383.txt" }

    @Test("the published rule is the seed page's query, character for character",
          .enabled(if: FileManager.default.fileExists(atPath: BuiltInRuleTests.seedFile), "../shared/seed is absent"))
    func publishedIsVerbatim() throws {
        let seed = try String(contentsOfFile: BuiltInRuleTests.seedFile, encoding: .utf8)
        let start = try #require(seed.range(of: "SELECT"))
        let end = try #require(seed.range(of: "LAST 1 DAYS"))
        let query = String(seed[start.lowerBound..<end.upperBound])
        #expect(DetectionRule.publishedCloudServiceHijacking.query == query + "\n")
    }

    @Test("the tuned rule is the published one plus exactly the two allowlist conditions")
    func tunedAddsAllowlists() {
        let published = DetectionRule.publishedCloudServiceHijacking.query.split(separator: "\n", omittingEmptySubsequences: false)
        let tuned = DetectionRule.tunedCloudServiceHijacking.query.split(separator: "\n", omittingEmptySubsequences: false)
        let added = tuned.filter { !published.contains($0) }
        #expect(added == [
            "  AND NOT REFERENCESETCONTAINS('AllowedCallers', \"UserIdentityArn\")",
            "  AND NOT REFERENCESETCONTAINS('AllowedRoles', \"SessionIssuerArn\")",
        ])
        #expect(tuned.count == published.count + 2)
    }

    @Test("the embedded rule list is exactly the .aql files under rules/")
    func embeddedListMatchesFolder() throws {
        let folder = repositoryFolder + "/rules"
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder))
        let onDisk = Set(enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".aql") })
        #expect(Set(BuiltInRuleFiles.files.keys) == onDisk)
        for (path, text) in BuiltInRuleFiles.files {
            #expect(try String(contentsOfFile: folder + "/" + path, encoding: .utf8) == text)
        }
        #expect(Set(DetectionRule.builtInPack.map(\.file)) == Set(onDisk.map { "rules/" + $0 }))
    }

    @Test("metadata: T1496.004, high severity and confidence, the seed's three false-positive notes")
    func metadata() {
        let rule = DetectionRule.publishedCloudServiceHijacking
        #expect(rule.technique == "T1496.004")
        #expect(rule.severity == .high)
        #expect(rule.confidence == "high")
        #expect(rule.falsePositives.count == 3)
        #expect(rule.falsePositives[0].contains("transactional"))
        #expect(rule.falsePositives[1].contains("SNS"))
        #expect(rule.falsePositives[2].contains("AssumedRole"))
        #expect(Set(DetectionRule.builtInPack.map(\.id)).count == DetectionRule.builtInPack.count)
    }

    @Test("in hunt mode both time conditions of the query are replaced, the rest is kept")
    func huntReplacesWindow() throws {
        let planned = try PackRunner.plan(DetectionRule.builtInPack, options: HuntOptions())
        for (_, plan) in planned {
            #expect(plan.replacedWindow == ["LAST 1 DAYS", "starttime > NOW() - 86400000"])
            #expect(plan.window.isUnbounded)
            #expect(plan.columns == ["TimeBucket", "ServiceAbused", "AttackCategory", "CallerARN", "CallerType", "SourceIP",
                                     "AWSRegion", "EventCount", "UniqueSourceIPs", "ServiceThreshold", "SuspicionScore"])
        }
    }
}
