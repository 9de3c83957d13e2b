import AQL
import CloudTrail
import Detection
import Foundation
import Simulation

/// How `skua validate` simulates and hunts.
///
/// Decisions: each scenario is simulated alone, in its own folder, over `hours` hours of
/// background (`noise` ordinary events per account-region-hour), so a finding can only come
/// from that scenario or the background, and a mismatch names its scenario. Twelve hours at
/// noise 20 is what the simulator's own tests use: enough background for every scenario's
/// hour to be ordinary activity, small enough that the whole matrix runs in seconds.
public struct ValidationOptions: Sendable {
    public var seed: UInt64
    public var hours: Int
    public var noise: Int
    public var workers: Int
    /// The user's reference sets; each scenario's own allowlists are added to them.
    public var referenceSets: ReferenceSets
    /// Scenarios to run, in catalog order; `nil` for all.
    public var scenarioIDs: [String]?
    /// Where to write the simulated data (kept); `nil` for a temporary folder, removed afterwards.
    public var folder: String?
    /// Whether the catalog's scaled runs of the chosen scenarios (seed tests 1–3 at the scales
    /// around each threshold) are checked too, each as a row of its own after the scenarios.
    public var includesScaledRuns: Bool

    public init(seed: UInt64 = 1, hours: Int = 12, noise: Int = 20, workers: Int = IngestOptions.coreCount,
                referenceSets: ReferenceSets = ReferenceSets(), scenarioIDs: [String]? = nil, folder: String? = nil,
                includesScaledRuns: Bool = true) {
        self.seed = seed
        self.hours = hours
        self.noise = noise
        self.workers = workers
        self.referenceSets = referenceSets
        self.scenarioIDs = scenarioIDs
        self.folder = folder
        self.includesScaledRuns = includesScaledRuns
    }
}

/// Why validation could not run at all (as opposed to an expectation not met).
public struct ValidationError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Simulates scenarios, runs rules over each, and compares what they report with what the
/// scenario catalog says they should report (`Scenarios/scenarios.json`, written from the
/// rules' logic before any run).
///
/// A rule is compared on two levels: whether it fires, and, when its result has the published
/// query's columns (`ServiceAbused`, `CallerARN`, `CallerType`, `SourceIP`, `AWSRegion`,
/// `EventCount`, `SuspicionScore`), the exact set of rows, each placed in its clock hour by
/// its first event. A rule with no expectation for a scenario is run and shown, not judged.
/// A scenario whose data does not read back cleanly is a failure whatever the rules say.
public enum ScenarioValidator {
    public static func run(rules: [DetectionRule], options: ValidationOptions,
                           catalog: ScenarioCatalog = .standard) throws(ValidationError) -> ValidationMatrix {
        let ids = options.scenarioIDs ?? catalog.ids
        var scenarios: [Scenario] = []
        for id in ids {
            guard let scenario = catalog.scenario(id: id) else {
                throw ValidationError("unknown scenario '\(id)'; choose from: \(catalog.ids.joined(separator: ", "))")
            }
            scenarios.append(scenario)
        }
        let root: String
        let temporary = options.folder == nil
        if let folder = options.folder {
            root = folder
        } else {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("skua-validate-\(UUID().uuidString)").path
        }
        defer { if temporary { try? FileManager.default.removeItem(atPath: root) } }

        // Each scenario at scale 1, then the catalog's scaled runs of the chosen scenarios.
        var runs: [(id: String, scenario: Scenario, scale: Int, expectations: [String: RuleExpectation])] =
            scenarios.map { ($0.id, $0, 1, $0.expectations) }
        for run in catalog.scaledRuns where options.includesScaledRuns && ids.contains(run.scenario) {
            if let scenario = catalog.scenario(id: run.scenario) { runs.append((run.id, scenario, run.scale, run.expectations)) }
        }
        var rows: [ValidationMatrix.Row] = []
        for run in runs {
            let scenario = run.scenario
            let folder = root + "/" + run.id
            let simulation = SimulationOptions(seed: options.seed, hours: options.hours, scale: run.scale, noise: options.noise,
                                               workers: options.workers)
            let summary: SimulationSummary
            do {
                summary = try Simulator(options: simulation, catalog: catalog).write(scenarios: [scenario.id], to: folder)
            } catch {
                throw ValidationError("cannot simulate \(run.id): \(error)")
            }
            var sets = options.referenceSets
            for name in summary.referenceSets.names { sets.add(name, values: summary.referenceSets.values(name)) }
            let hunt = HuntOptions(now: summary.lastEventTime ?? simulation.anchor, referenceSets: sets,
                                   ingest: IngestOptions(workers: options.workers))
            let planned: [(DetectionRule, QueryPlan)]
            do {
                planned = try PackRunner.plan(rules, options: hunt)
            } catch {
                throw ValidationError("rule \((error as RuleError).rule.id) does not plan:\n\((error as RuleError).message)")
            }
            let result = PackRunner.run(planned, files: InputDiscovery.discover([folder]), options: hunt)
            let cells = result.outcomes.map { outcome in
                cell(outcome, expectation: run.expectations[outcome.rule.id], anchor: summary.anchor)
            }
            var problem: String?
            if result.report.unusableInput > 0 || result.report.tally.evaluated != summary.records {
                problem = "the simulated data did not read back cleanly: \(result.report.tally.evaluated) of \(summary.records) records, \(result.report.unusableInput) unusable"
            }
            let title = run.scale == 1 ? scenario.title : "\(scenario.title), at --scale \(run.scale)"
            rows.append(.init(scenarioID: run.id, kind: scenario.kind.rawValue, title: title, seedTest: scenario.seedTest,
                              scale: run.scale, records: summary.records, cells: cells, readBackProblem: problem))
        }
        return ValidationMatrix(rules: rules.map { .init(id: $0.id, title: $0.title, file: $0.file) }, rows: rows,
                                seed: options.seed, hours: options.hours, noise: options.noise,
                                keptFolder: temporary ? nil : root)
    }

    /// The published query's result, as the catalog writes expected rows; `nil` when the
    /// result lacks one of its columns.
    static func rows(of outcome: RuleOutcome, anchor: Int64) -> [ExpectedFinding]? {
        let names = ["ServiceAbused", "CallerARN", "CallerType", "SourceIP", "AWSRegion", "EventCount", "SuspicionScore"]
        let columns = outcome.result.columns
        guard names.allSatisfy(columns.contains) else { return nil }
        return outcome.findings.map { finding in
            func text(_ name: String) -> String { finding.value(name)?.text ?? "" }
            func number(_ name: String) -> Int {
                switch finding.value(name) {
                case .integer(let value)?: Int(value)
                case .decimal(let value)?: Int(value)
                default: -1
                }
            }
            let first = finding.firstEventTime ?? anchor
            let hour = Int((first - anchor).floorDivided(by: 3_600_000))
            return ExpectedFinding(hour: hour, serviceAbused: text("ServiceAbused"), callerARN: text("CallerARN"),
                                   callerType: text("CallerType"), sourceIP: text("SourceIP"), region: text("AWSRegion"),
                                   eventCount: number("EventCount"), suspicionScore: number("SuspicionScore"))
        }
    }

    static func cell(_ outcome: RuleOutcome, expectation: RuleExpectation?, anchor: Int64) -> ValidationMatrix.Cell {
        let actualRows = rows(of: outcome, anchor: anchor)
        var cell = ValidationMatrix.Cell(ruleID: outcome.rule.id, expected: expectation, actualFindings: outcome.findings.count,
                                         actualRows: actualRows)
        guard let expectation else { return cell }
        if let actualRows {
            let expected = Set(expectation.findings), actual = Set(actualRows)
            cell.missing = expectation.findings.filter { !actual.contains($0) }.sorted(by: ValidationMatrix.order)
            cell.unexpected = actualRows.filter { !expected.contains($0) }.sorted(by: ValidationMatrix.order)
        }
        cell.met = expectation.fires == !outcome.findings.isEmpty && cell.missing.isEmpty && cell.unexpected.isEmpty
        return cell
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
