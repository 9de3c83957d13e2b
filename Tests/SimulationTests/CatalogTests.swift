import Foundation
import Simulation
import Testing

@Suite("Scenario catalog")
struct CatalogTests {
    let catalog = ScenarioCatalog.standard

    @Test("lists every scenario of the brief, once, with a known generator")
    func listsEveryScenario() {
        #expect(catalog.ids == ScenarioFacts.all.map(\.id))
        #expect(Set(catalog.ids).count == catalog.ids.count)
        for scenario in catalog.scenarios {
            #expect(ScenarioCatalog.generatorNames.contains(scenario.generator), "\(scenario.id)")
            #expect(!scenario.title.isEmpty && !scenario.description.isEmpty, "\(scenario.id)")
            #expect(!scenario.title.contains("\n"), "\(scenario.id): a title is one line")
        }
    }

    @Test("carries the seed's four emulation tests")
    func carriesSeedTests() {
        let seeded = catalog.scenarios.compactMap { scenario in scenario.seedTest.map { ($0, scenario.id) } }
        #expect(seeded.map(\.0).sorted() == [1, 2, 3, 4])
        #expect(catalog.scenario(id: "seed-sns-sms-publish")?.parameters["topicName"] == .text("argus-t1496004-test"))
        #expect(catalog.scenario(id: "seed-sns-sms-publish")?.parameters["smsType"] == .text("Promotional"))
        #expect(catalog.scenario(id: "seed-bedrock-invoke")?.parameters["modelId"] == .text("amazon.titan-text-lite-v1"))
    }

    @Test("names both rules and states an expectation for each, per scenario")
    func statesExpectations() {
        #expect(catalog.rules.map(\.id) == [ScenarioCatalog.publishedRuleID, ScenarioCatalog.tunedRuleID])
        #expect(ScenarioCatalog.publishedRuleID == "t1496.004-published")
        #expect(ScenarioCatalog.tunedRuleID == "t1496.004-tuned")
        for scenario in catalog.scenarios {
            for rule in catalog.rules {
                let expectation = scenario.expectation(for: rule.id)
                #expect(expectation != nil, "\(scenario.id) has no expectation for \(rule.id)")
                #expect(expectation?.fires == !(expectation?.findings.isEmpty ?? true), "\(scenario.id) \(rule.id)")
            }
        }
    }

    @Test("states findings whose counts cross the threshold and whose scores follow the query's CASE")
    func findingsAreConsistentWithThresholds() {
        for scenario in catalog.scenarios {
            for finding in scenario.expectations.values.flatMap(\.findings) {
                let threshold = HandQuery.threshold(finding.serviceAbused)
                #expect(threshold != nil, "\(scenario.id): \(finding.serviceAbused)")
                #expect(finding.eventCount > (threshold ?? .max), "\(scenario.id): \(finding.eventCount)")
                #expect(finding.suspicionScore == HandQuery.score(finding.serviceAbused, finding.eventCount), "\(scenario.id)")
                #expect(finding.callerARN.hasPrefix("arn:aws:"), "\(scenario.id)")
            }
        }
    }

    @Test("allowlists benign scenarios in the tuned rule and nothing else")
    func tunedRuleDropsOnlyBenign() {
        for scenario in catalog.scenarios {
            let published = scenario.expectation(for: ScenarioCatalog.publishedRuleID)!
            let tuned = scenario.expectation(for: ScenarioCatalog.tunedRuleID)!
            switch scenario.kind {
            case .benign:
                #expect(published.fires && !tuned.fires, "\(scenario.id)")
                #expect(!scenario.referenceSets.isEmpty, "\(scenario.id) needs an allowlist entry")
                // Each published finding is removed by one of the scenario's sets.
                for finding in published.findings {
                    let byCaller = scenario.referenceSets.contains(finding.callerARN, in: ScenarioReferenceSets.allowedCallers)
                    let byRole = scenario.actor?.sessionIssuerARN.map {
                        scenario.referenceSets.contains($0, in: ScenarioReferenceSets.allowedRoles)
                    } ?? false
                    #expect(byCaller || byRole, "\(scenario.id): \(finding.callerARN)")
                }
            case .attack, .background:
                #expect(published == tuned, "\(scenario.id)")
                #expect(scenario.referenceSets.isEmpty, "\(scenario.id)")
            }
        }
    }

    @Test("exposes the reference sets a tuner would load")
    func exposesReferenceSets() {
        let sets = catalog.referenceSets()
        #expect(sets.names == ["AllowedCallers", "AllowedRoles"])
        #expect(sets.values("AllowedCallers") == ["arn:aws:iam::381492761055:user/svc-transactional-mailer",
                                                  "arn:aws:iam::720583194406:user/svc-otp-sms"])
        #expect(sets.values("AllowedRoles") == ["arn:aws:iam::381492761055:role/ml-eval-pipeline"])
        #expect(sets.fileText("AllowedRoles") == "arn:aws:iam::381492761055:role/ml-eval-pipeline\n")
        #expect(catalog.referenceSets(for: ["seed-ses-send"]).isEmpty)
    }

    @Test("rejects a catalog whose scenario lacks required fields")
    func rejectsIncompleteCatalog() {
        let json = #"{"formatVersion":1,"accounts":[],"rules":[],"scenarios":[{"id":"x"}]}"#
        #expect(throws: (any Error).self) { try ScenarioCatalog(json: Data(json.utf8)) }
    }
}
