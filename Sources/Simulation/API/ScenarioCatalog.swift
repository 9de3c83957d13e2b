import Foundation

/// Every scenario the simulator knows, the detection rules their expectations refer to, and the
/// accounts the background uses: the contents of the embedded `Scenarios/scenarios.json`.
public struct ScenarioCatalog: Sendable {
    /// A detection rule named by the expectations.
    public struct Rule: Sendable, Codable, Equatable {
        /// `t1496.004-published` or `t1496.004-tuned`.
        public let id: String
        /// One line for listings.
        public let title: String
        /// What the rule does, in words.
        public let description: String
    }

    /// The rule id of the seed's query verbatim.
    public static let publishedRuleID = "t1496.004-published"
    /// The rule id of the seed's query with the `AllowedCallers`/`AllowedRoles` exclusions.
    public static let tunedRuleID = "t1496.004-tuned"

    /// The generators the simulator implements (each scenario names one).
    public static let generatorNames: Set<String> = Set(ScenarioGenerators.all.keys)

    /// Scenarios in catalog order.
    public let scenarios: [Scenario]
    /// Attack scenarios again at other scales, with their expectations (see `ScaledRun`).
    public let scaledRuns: [ScaledRun]
    /// The rules the expectations name.
    public let rules: [Rule]
    /// The background accounts, in order (the first `SimulationOptions.accounts` are used);
    /// scenario actors name their own account.
    public let accounts: [String]

    private struct File: Decodable {
        var formatVersion: Int
        var accounts: [String]
        var rules: [Rule]
        var scenarios: [Scenario]
        var scaledRuns: [ScaledRun]?
    }

    /// A catalog whose text parses but does not hold together.
    public struct InvalidCatalog: Error, CustomStringConvertible {
        public var description: String
    }

    /// The catalog embedded in the library.
    public static let standard: ScenarioCatalog = {
        do {
            return try ScenarioCatalog(json: Data(PackageResources.scenarios_json))
        } catch {
            // The file ships inside the binary and is checked by the tests: a failure here is a
            // build defect, not a user error.
            fatalError("embedded scenarios.json is invalid: \(error)")
        }
    }()

    /// Parses a catalog in the `scenarios.json` format.
    public init(json: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        scenarios = file.scenarios
        rules = file.rules
        accounts = file.accounts
        scaledRuns = file.scaledRuns ?? []
        for run in scaledRuns {
            guard let base = file.scenarios.first(where: { $0.id == run.scenario }), base.kind == .attack else {
                throw InvalidCatalog(description: "scaled run \(run.id): '\(run.scenario)' is not an attack scenario of the catalog (only attacks scale)")
            }
            guard run.scale >= 2 else { throw InvalidCatalog(description: "scaled run \(run.id): the scale must be at least 2") }
        }
    }

    /// The scenario with `id`.
    public func scenario(id: String) -> Scenario? {
        scenarios.first { $0.id == id }
    }

    /// Scenario ids in catalog order.
    public var ids: [String] { scenarios.map(\.id) }

    /// The union of the reference sets of `ids` (all scenarios when `nil`).
    public func referenceSets(for ids: [String]? = nil) -> ScenarioReferenceSets {
        let chosen = ids.map { wanted in scenarios.filter { wanted.contains($0.id) } } ?? scenarios
        return chosen.reduce(ScenarioReferenceSets([ScenarioReferenceSets.allowedCallers: [], ScenarioReferenceSets.allowedRoles: []])) {
            $0.merging($1.referenceSets)
        }
    }
}
