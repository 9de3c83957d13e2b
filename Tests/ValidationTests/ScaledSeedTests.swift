import AQL
import CloudTrail
import Detection
import Simulation
import SkuaTestSupport
import Testing
import Validation

/// Issue "emulated attack telemetry", scenario 5: the seed's tests 1–3 again at a volume that
/// crosses the published thresholds, through `--scale` (the library's `SimulationOptions.scale`).
/// The curated `*-burst-scaled` scenarios are realistic variants; these are the seed tests
/// themselves, scaled.
@Suite struct ScaledSeedTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var scenario: String
        var scale: Int
        var service: String
        /// Calls at scale 1, from the seed page: 10 SendEmail, 5 Publish, 15 InvokeModel.
        var baseCalls: Int
        var testDescription: String { "\(scenario) × \(scale)" }
    }

    // Thresholds: SES > 100, SNS > 200, Bedrock > 50 per identity-hour; each scale is the
    // smallest that crosses its threshold (10 × 11 = 110, 5 × 41 = 205, 15 × 4 = 60).
    @Test("the seed's tests 1–3, scaled past the thresholds, fire the published rule once, with every call counted", arguments: [
        Case(scenario: "seed-ses-send", scale: 11, service: "ses.amazonaws.com", baseCalls: 10),
        Case(scenario: "seed-sns-sms-publish", scale: 41, service: "sns.amazonaws.com", baseCalls: 5),
        Case(scenario: "seed-bedrock-invoke", scale: 4, service: "bedrock.amazonaws.com", baseCalls: 15),
    ])
    func scaledSeedFires(_ example: Case) throws {
        let folder = TemporaryFolder()
        let simulator = Simulator(options: SimulationOptions(hours: 3, scale: example.scale, noise: 0))
        _ = try simulator.write(scenarios: [example.scenario], to: folder.path)
        let planned = try PackRunner.plan([DetectionRule.publishedCloudServiceHijacking], options: HuntOptions())
        let result = PackRunner.run(planned, files: InputDiscovery.discover([folder.path]), options: HuntOptions())
        let findings = result.outcomes[0].findings
        #expect(findings.count == 1)
        #expect(findings.first?.value("ServiceAbused") == .string(example.service))
        #expect(findings.first?.value("EventCount") == .integer(Int64(example.baseCalls * example.scale)))
        // One scale step lower stays under the threshold (the seed's own volume is "not a finding").
        let below = TemporaryFolder()
        _ = try Simulator(options: SimulationOptions(hours: 3, scale: example.scale - 1, noise: 0))
            .write(scenarios: [example.scenario], to: below.path)
        let quiet = PackRunner.run(planned, files: InputDiscovery.discover([below.path]), options: HuntOptions())
        #expect(quiet.outcomes[0].findings.isEmpty)
    }

    /// The published thresholds and score steps per service, from the seed's query text.
    static let thresholds: [String: (fires: Int, score2: Int, score3: Int)] = [
        "ses.amazonaws.com": (100, 300, 1000), "sns.amazonaws.com": (200, 600, 2000), "bedrock.amazonaws.com": (50, 150, 500),
    ]
    static let seedCalls: [String: (service: String, calls: Int)] = [
        "seed-ses-send": ("ses.amazonaws.com", 10), "seed-sns-sms-publish": ("sns.amazonaws.com", 5),
        "seed-bedrock-invoke": ("bedrock.amazonaws.com", 15),
    ]

    @Test("the catalog's scaled runs expect what the thresholds imply: calls × scale, firing only above the threshold, scored 1/2/3")
    func scaledRunExpectations() throws {
        let runs = ScenarioCatalog.standard.scaledRuns
        // Both sides of each threshold, and each score.
        #expect(runs.map(\.id) == ["seed-ses-send×10", "seed-ses-send×11", "seed-sns-sms-publish×40", "seed-sns-sms-publish×41",
                                   "seed-bedrock-invoke×3", "seed-bedrock-invoke×4", "seed-bedrock-invoke×11", "seed-bedrock-invoke×34"])
        for run in runs {
            let seed = try #require(Self.seedCalls[run.scenario])
            let limits = try #require(Self.thresholds[seed.service])
            let count = seed.calls * run.scale
            let score = count > limits.score3 ? 3 : count > limits.score2 ? 2 : 1
            for rule in [ScenarioCatalog.publishedRuleID, ScenarioCatalog.tunedRuleID] {
                let expectation = try #require(run.expectation(for: rule))
                #expect(expectation.fires == (count > limits.fires), "\(run.id) \(rule)")
                if count > limits.fires {
                    #expect(expectation.findings == [ExpectedFinding(hour: 1, serviceAbused: seed.service,
                                                                     callerARN: "arn:aws:iam::381492761055:user/argus-emulation",
                                                                     callerType: "IAMUser", sourceIP: "203.0.113.10", region: "us-east-1",
                                                                     eventCount: count, suspicionScore: score)], "\(run.id) \(rule)")
                } else {
                    #expect(expectation.findings.isEmpty, "\(run.id) \(rule)")
                }
            }
        }
    }

    @Test("validate checks the scaled runs of the chosen seed tests as rows of their own, and they hold")
    func validatorChecksScaledRuns() throws {
        let matrix = try ScenarioValidator.run(
            rules: [DetectionRule.publishedCloudServiceHijacking, DetectionRule.tunedCloudServiceHijacking],
            options: ValidationOptions(workers: 2, scenarioIDs: ["seed-sns-sms-publish", "seed-bedrock-invoke"]))
        #expect(matrix.rows.map(\.scenarioID) == ["seed-sns-sms-publish", "seed-bedrock-invoke", "seed-sns-sms-publish×40",
                                                  "seed-sns-sms-publish×41", "seed-bedrock-invoke×3", "seed-bedrock-invoke×4",
                                                  "seed-bedrock-invoke×11", "seed-bedrock-invoke×34"])
        #expect(matrix.rows.map(\.scale) == [1, 1, 40, 41, 3, 4, 11, 34])
        // 8 rows × 2 rules, each judged.
        #expect(matrix.checked == 16)
        #expect(matrix.allMet)
        // Fires exactly where the count passes the threshold: 200 and 45 stay silent.
        #expect(matrix.rows.map { $0.cells[0].actualFindings } == [0, 0, 0, 1, 0, 1, 1, 1])
        // Without them, only the two scenarios.
        let plain = try ScenarioValidator.run(
            rules: [DetectionRule.publishedCloudServiceHijacking],
            options: ValidationOptions(workers: 2, scenarioIDs: ["seed-bedrock-invoke"], includesScaledRuns: false))
        #expect(plain.rows.map(\.scenarioID) == ["seed-bedrock-invoke"])
    }
}
