import AQL
import CloudTrail
import Detection
import Simulation
import SkuaTestSupport
import Testing

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
}
