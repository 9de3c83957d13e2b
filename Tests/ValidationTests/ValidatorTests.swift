import AQL
import Detection
import Foundation
import Reporting
import Simulation
import SkuaTestSupport
import Testing
import Validation

/// The validator's judgement: what it compares, and that a wrong rule is caught.
@Suite struct ValidatorTests {
    static let published = DetectionRule.publishedCloudServiceHijacking
    static let tuned = DetectionRule.tunedCloudServiceHijacking

    /// The published query with the Bedrock threshold lowered from 50 to 10 in its HAVING.
    static func loweredBedrockThreshold() throws -> DetectionRule {
        var rule = published
        let before = #"("EventSource" = 'bedrock.amazonaws.com' AND COUNT(*) > 50)"#
        #expect(rule.query.contains(before))
        rule.query = rule.query.replacingOccurrences(of: before, with: #"("EventSource" = 'bedrock.amazonaws.com' AND COUNT(*) > 10)"#)
        return rule
    }

    @Test("the built-in pack meets the expectations of the seed's Bedrock test and of the ML-pipeline look-alike")
    func builtInPackHolds() throws {
        let matrix = try ScenarioValidator.run(rules: [Self.published, Self.tuned],
                                               options: ValidationOptions(workers: 2, scenarioIDs: ["seed-bedrock-invoke", "benign-bedrock-ml-pipeline"],
                                                                          includesScaledRuns: false))
        #expect(matrix.allMet)
        #expect(matrix.checked == 4 && matrix.held == 4)
        let seed = matrix.rows[0], pipeline = matrix.rows[1]
        #expect(seed.scenarioID == "seed-bedrock-invoke" && seed.seedTest == 3)
        // 15 calls, under the threshold of 50: silent under both rules.
        #expect(seed.cells.map(\.actualFindings) == [0, 0])
        // Two runs of 120 calls, each its own session ARN: two rows under the published query,
        // none under the tuned one (the role is in AllowedRoles).
        #expect(pipeline.cells.map(\.actualFindings) == [2, 0])
        let rows = try #require(pipeline.cells[0].actualRows).sorted { $0.hour < $1.hour }
        #expect(rows.map(\.hour) == [10, 11])
        #expect(rows.map(\.eventCount) == [120, 120])
        #expect(rows.map(\.callerARN) == ["arn:aws:sts::381492761055:assumed-role/ml-eval-pipeline/ml-eval-run-001",
                                          "arn:aws:sts::381492761055:assumed-role/ml-eval-pipeline/ml-eval-run-002"])
        #expect(Set(rows.map(\.sourceIP)) == ["192.0.2.160"] && Set(rows.map(\.region)) == ["us-west-2"])
    }

    @Test("a rule that fires where it should not is a mismatch, with the unexpected row named")
    func wrongRuleIsCaught() throws {
        let matrix = try ScenarioValidator.run(rules: [try Self.loweredBedrockThreshold()],
                                               options: ValidationOptions(workers: 2, scenarioIDs: ["seed-bedrock-invoke"], includesScaledRuns: false))
        #expect(!matrix.allMet)
        let cell = matrix.rows[0].cells[0]
        #expect(cell.met == false && cell.actualFindings == 1 && cell.missing.isEmpty)
        // By hand from the scenario: 15 calls by argus-emulation from 203.0.113.10 in us-east-1,
        // starting at minute 90 (hour +1); 15 is not above the score-2 threshold of 150.
        #expect(cell.unexpected == [ExpectedFinding(hour: 1, serviceAbused: "bedrock.amazonaws.com",
                                                    callerARN: "arn:aws:iam::381492761055:user/argus-emulation", callerType: "IAMUser",
                                                    sourceIP: "203.0.113.10", region: "us-east-1", eventCount: 15, suspicionScore: 1)])
        let text = ValidationWriter.table(matrix, style: TerminalStyle(color: false))
        #expect(text.contains("0 → 1 ✗"))
        #expect(text.contains("unexpected: hour +1 bedrock.amazonaws.com arn:aws:iam::381492761055:user/argus-emulation (IAMUser) from 203.0.113.10 in us-east-1: 15 events, score 1"))
        #expect(text.contains("0 of 1 expectations held; 1 scenario failed"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ValidationWriter.json(matrix).utf8)) as? [String: Any])
        #expect(json["all_met"] as? Bool == false && json["checked"] as? Int == 1 && json["held"] as? Int == 0)
    }

    @Test("a rule with other columns is judged on firing alone; a rule without expectations is shown, not judged")
    func otherColumnsAndUnknownRules() throws {
        var counting = Self.published
        counting.query = #"""
            SELECT "EventName", COUNT(*) AS n FROM events
            WHERE "EventSource" = 'bedrock.amazonaws.com' AND "UserIdentityArn" = 'arn:aws:iam::381492761055:user/argus-emulation'
            GROUP BY "EventName" HAVING COUNT(*) > 5
            """#
        var unknown = counting
        unknown.id = "my-draft"
        let matrix = try ScenarioValidator.run(rules: [counting, unknown],
                                               options: ValidationOptions(workers: 2, scenarioIDs: ["seed-bedrock-invoke"], includesScaledRuns: false))
        let cells = matrix.rows[0].cells
        // The scenario's 15 InvokeModel calls by argus-emulation, > 5: one row; it fires where the published rule is expected to stay silent.
        #expect(cells[0].actualRows == nil && cells[0].actualFindings == 1 && cells[0].met == false)
        #expect(cells[1].expected == nil && cells[1].met == nil && cells[1].actualFindings == 1)
        #expect(matrix.checked == 1)
    }

    @Test("an unknown scenario is an error, not an empty matrix")
    func unknownScenario() {
        #expect(throws: ValidationError.self) {
            try ScenarioValidator.run(rules: [Self.published], options: ValidationOptions(scenarioIDs: ["nope"]))
        }
    }
}
