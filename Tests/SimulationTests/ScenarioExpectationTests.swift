import Simulation
import Testing

/// Runs scenarios and checks their records and the published/tuned outcomes, computed by hand
/// from the records read back, against the catalog's expectations.
@Suite("Scenario expectations")
struct ScenarioExpectationTests {
    static let catalog = ScenarioCatalog.standard

    @Test("writes the hand-counted number of records, all inside the scenario's window", arguments: ScenarioFacts.all)
    func recordsAndWindow(_ facts: ScenarioFacts) throws {
        let options = SimulationOptions(seed: 11, noise: 0)
        let (folder, summary) = try simulate([facts.id], options)
        let read = readBack(summary.folder)
        #expect(read.records.count == facts.records)
        #expect(summary.records == facts.records)
        #expect(summary.scenarios.map(\.records) == [facts.records])
        #expect(read.report.reconciles && read.report.tally.malformed == 0 && read.report.tally.untimed == 0)
        #expect(read.undecodable.isEmpty)
        for item in read.records {
            let offset = Int((item.eventTime - options.anchor) / 1000)
            #expect(facts.window.contains(offset), "\(item.record.eventName) at +\(offset) s")
        }
        if facts.records > 0 {
            #expect(summary.scenarios[0].firstEventTime == read.records.map(\.eventTime).min())
            #expect(summary.scenarios[0].lastEventTime == read.records.map(\.eventTime).max())
        }
        withExtendedLifetime(folder) {}
    }

    @Test("meets its expectation for both rules over twelve hours of background", arguments: catalog.scenarios.map(\.id))
    func meetsExpectations(_ id: String) throws {
        let scenario = try #require(Self.catalog.scenario(id: id))
        let options = SimulationOptions(seed: 3, hours: 12)
        let (folder, summary) = try simulate([id], options)
        let read = readBack(summary.folder)
        let published = HandQuery.findings(read.records, anchor: options.anchor)
        let tuned = HandQuery.findings(read.records, anchor: options.anchor, excluding: summary.referenceSets)
        let expectedPublished = try #require(scenario.expectation(for: ScenarioCatalog.publishedRuleID))
        let expectedTuned = try #require(scenario.expectation(for: ScenarioCatalog.tunedRuleID))
        #expect(published == Set(expectedPublished.findings))
        #expect(!published.isEmpty == expectedPublished.fires)
        #expect(tuned == Set(expectedTuned.findings))
        #expect(!tuned.isEmpty == expectedTuned.fires)
        #expect(summary.referenceSets == Self.catalog.referenceSets(for: [id]))
        withExtendedLifetime(folder) {}
    }

    @Test("keeps every scenario's outcome when all run together (no scenario disturbs another)")
    func allTogether() throws {
        let options = SimulationOptions(seed: 5, noise: 30)
        let (folder, summary) = try simulate(Self.catalog.ids, options)
        let read = readBack(summary.folder)
        let expectedPublished = Set(Self.catalog.scenarios.flatMap { $0.expectation(for: ScenarioCatalog.publishedRuleID)!.findings })
        let expectedTuned = Set(Self.catalog.scenarios.flatMap { $0.expectation(for: ScenarioCatalog.tunedRuleID)!.findings })
        #expect(HandQuery.findings(read.records, anchor: options.anchor) == expectedPublished)
        #expect(HandQuery.findings(read.records, anchor: options.anchor, excluding: summary.referenceSets) == expectedTuned)
        // By hand: 1 SES + 1 SNS + 1 Bedrock burst, the chain, and 1 + 1 + 2 benign rows.
        #expect(expectedPublished.count == 8 && expectedTuned.count == 4)
        withExtendedLifetime(folder) {}
    }

    @Test("keeps the background under every threshold even at high noise")
    func backgroundNeverFires() throws {
        let options = SimulationOptions(seed: 9, hours: 3, noise: 3_000)
        let (folder, summary) = try simulate(["noise"], options)
        let read = readBack(summary.folder)
        #expect(read.records.count == 3_000 * 2 * 3 * 3)
        let largest = HandQuery.groups(read.records).values.max() ?? 0
        #expect(largest <= 24, "capped at two per five-minute file, twelve files per clock hour")
        #expect(largest > 0, "the background uses the services a little")
        withExtendedLifetime(folder) {}
    }

    // MARK: Sequences, by hand from the seed and BRIEF §3

    @Test("seed test 4: CreateEmailIdentity, a MessageRejected SendEmail within seconds, GetEmailIdentity, within two minutes")
    func enableThenSend() throws {
        let (folder, summary) = try simulate(["seed-ses-enable-then-send"], SimulationOptions(noise: 0))
        let records = readBack(summary.folder).records.sorted { $0.eventTime < $1.eventTime }
        #expect(records.map(\.record.eventName) == ["CreateEmailIdentity", "SendEmail", "GetEmailIdentity"])
        #expect(records[1].record.errorCode == "MessageRejected")
        #expect(records[1].eventTime - records[0].eventTime < 60_000)
        #expect(records[2].eventTime - records[0].eventTime <= 120_000)
        #expect(Set(records.map(\.record.userIdentity.arn)).count == 1)
        #expect(Set(records.map(\.record.sourceIPAddress)).count == 1)
        withExtendedLifetime(folder) {}
    }

    @Test("LLMjacking: the documented enablement chain in order, then InvokeModel and Converse")
    func enablementChain() throws {
        let (folder, summary) = try simulate(["bedrock-llmjacking-enablement"], SimulationOptions(noise: 0))
        let records = readBack(summary.folder).records.sorted { $0.eventTime < $1.eventTime }
        let names = records.map(\.record.eventName)
        let chain = ["InvokeModel", "PutUseCaseForModelAccess", "ListFoundationModelAgreementOffers",
                     "CreateFoundationModelAgreement", "PutFoundationModelEntitlement"]
            + Array(repeating: "GetFoundationModelAvailability", count: 5) + ["InvokeModel", "InvokeModel"]
        #expect(Array(names.prefix(chain.count)) == chain)
        #expect(records[0].record.errorCode == "AccessDeniedException")
        #expect(records[10].record.errorCode == "ValidationException")
        #expect(names.filter { $0 == "Converse" }.count == 240)
        #expect(records.filter { $0.record.eventName == "InvokeModel" && $0.record.errorCode == nil }.count == 180)
        withExtendedLifetime(folder) {}
    }

    @Test("IP rotation: 20 addresses with 40 calls each, so no per-IP group exceeds 50")
    func ipRotation() throws {
        let (folder, summary) = try simulate(["bedrock-invoke-ip-rotation"], SimulationOptions(noise: 0))
        let read = readBack(summary.folder)
        var perAddress: [String: Int] = [:]
        for item in read.records { perAddress[item.record.sourceIPAddress, default: 0] += 1 }
        #expect(perAddress.count == 20 && perAddress.values.allSatisfy { $0 == 40 })
        #expect(HandQuery.groups(read.records).values.max() == 40)
        withExtendedLifetime(folder) {}
    }

    @Test("hour straddle: 45 calls in each clock hour, all 90 inside one 60-minute window")
    func hourStraddle() throws {
        let options = SimulationOptions(noise: 0)
        let (folder, summary) = try simulate(["bedrock-invoke-hour-straddle"], options)
        let times = readBack(summary.folder).records.map(\.eventTime).sorted()
        let boundary = options.anchor + 6 * 3_600_000
        #expect(times.filter { $0 < boundary }.count == 45)
        #expect(times.filter { $0 >= boundary }.count == 45)
        #expect(try #require(times.last) - (try #require(times.first)) < 3_600_000)
        withExtendedLifetime(folder) {}
    }

    @Test("sandbox escape: PutAccountDetails in 17 regions, everything within ten seconds")
    func sandboxEscape() throws {
        let (folder, summary) = try simulate(["ses-sandbox-escape-all-regions"], SimulationOptions(noise: 0))
        let records = readBack(summary.folder).records
        let puts = records.filter { $0.record.eventName == "PutAccountDetails" }
        #expect(Set(puts.map(\.record.awsRegion)).count == 17)
        let times = records.map(\.eventTime)
        #expect(times.max()! - times.min()! <= 10_000)
        #expect(records.allSatisfy { $0.record.userIdentity.type == "Root" })
        withExtendedLifetime(folder) {}
    }

    @Test("ML pipeline: one session per run, both issued by the allowlisted role")
    func pipelineSessions() throws {
        let (folder, summary) = try simulate(["benign-bedrock-ml-pipeline"], SimulationOptions(noise: 0))
        let records = readBack(summary.folder).records
        #expect(Set(records.compactMap(\.record.userIdentity.arn)).count == 2)
        #expect(Set(records.compactMap(\.record.sessionIssuerARN)) == ["arn:aws:iam::381492761055:role/ml-eval-pipeline"])
        #expect(summary.referenceSets.values("AllowedRoles") == ["arn:aws:iam::381492761055:role/ml-eval-pipeline"])
        withExtendedLifetime(folder) {}
    }

    @Test("scale multiplies attack volume only: the rotation and the straddle stop evading at scale 2")
    func scaleMultipliesAttacks() throws {
        let options = SimulationOptions(scale: 2, noise: 0)
        let ids = ["bedrock-invoke-ip-rotation", "bedrock-invoke-hour-straddle", "ses-send-burst-scaled", "benign-ses-transactional"]
        let (folder, summary) = try simulate(ids, options)
        let read = readBack(summary.folder)
        #expect(summary.scenarios.map(\.records) == [1_600, 180, 300, 240])
        #expect(summary.scenarios.map(\.scale) == [2, 2, 2, 1])
        let findings = HandQuery.findings(read.records, anchor: options.anchor)
        // 20 rotation groups of 80, two straddle hours of 90, the SES burst at 300, the benign 180.
        #expect(findings.count == 20 + 2 + 1 + 1)
        #expect(findings.filter { $0.callerARN.hasSuffix("user/terraform-runner") }.allSatisfy { $0.eventCount == 80 })
        withExtendedLifetime(folder) {}
    }
}
