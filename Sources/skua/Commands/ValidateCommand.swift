import AQL
import CloudTrail
import Detection
import Foundation
import Reporting
import Simulation
import Validation

/// `skua validate`: every scenario simulated, the pack run over each, expected against actual.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate",
        abstract: "Check, scenario by scenario, that each rule reports what it is expected to report.",
        discussion: """
            Simulates every scenario of 'skua simulate --list' on its own in a temporary folder (12 hours of background at 20 events per account, region and hour, unless told otherwise), runs the rules over it in hunt mode with the scenario's allowlists loaded (plus any --reference-set), and prints a matrix scenario × rule: expected findings → actual findings. An expectation is met when the rule fires or stays silent as expected and, for rules with the published query's columns, reports exactly the expected rows (hour, service, caller, type, IP, region, count, score).
            The expectations were written from the rules' logic, and they are honest about the published query: the seed page's tests 1–4 at their stated volume do not fire; tests 1–3 scaled with --scale fire from one call past each threshold on (each scale around a threshold is a row of its own, e.g. seed-ses-send×11), as do the curated scaled scenarios; IP rotation, hour straddling and the SES sandbox escape are not caught; the benign look-alikes fire under the published query and not under the tuned one.
            Without --rules the built-in pack runs. A rule file's id is its file name without .aql (t1496.004-tuned.aql is checked against the tuned rule's expectations), or give ID=FILE; a folder means every .aql file in it. Rules without expectations are run and shown, not judged.
            """,
        options: [
            OptionSpec(long: "rules", valueName: "path", help: "Rule files (.aql), ID=FILE, or folders of them, instead of the built-in pack.", isRepeating: true),
            OptionSpec(long: "reference-set", valueName: "name=file", help: "Load a reference set for every scenario (added to the scenario's own allowlists).", isRepeating: true),
            OptionSpec(long: "scenario", valueName: "id", help: "Only this scenario (and its scaled runs).", isRepeating: true),
            OptionSpec(long: "seed", valueName: "n", help: "Seed of the simulation.", defaultText: "1"),
            OptionSpec(long: "hours", valueName: "h", help: "Hours of background around each scenario.", defaultText: "12"),
            OptionSpec(long: "noise", valueName: "n", help: "Background events per account, region and hour.", defaultText: "20"),
            OptionSpec(long: "keep", valueName: "folder", help: "Write the simulated data there and keep it, one folder per scenario."),
            OptionSpec(long: "format", short: "f", valueName: "format", help: "Output format.", defaultText: "table", choices: ["table", "json"]),
            OptionSpec(long: "workers", short: "w", valueName: "n", help: "Threads for simulating and reading.", defaultText: "the number of cores"),
        ],
        examples: [
            ("skua validate", "The built-in pack against every scenario."),
            ("skua validate --rules my-rules/t1496.004-tuned.aql", "Your edit of the tuned rule against the tuned rule's expectations."),
            ("skua validate --rules t1496.004-published=draft.aql --scenario seed-bedrock-invoke", "A draft against one scenario's expectations for the published rule."),
            ("skua validate --format json > validation.json", "The matrix as JSON, for CI."),
        ],
        exitStatuses: [(.clean, "every expectation held"), (.usageError, "usage error (a rule that does not parse, an unknown scenario)"),
                       (.validationFailed, "an expectation was not met")]
    )

    static func run(_ arguments: [String]) throws -> ExitStatus {
        let parsed = try ArgumentScanner.scan(arguments, spec: spec)
        if let extra = parsed.positionals.first {
            throw UsageError("unexpected argument '\(extra)' (rule files go after --rules)", command: spec)
        }
        var rules = DetectionRule.builtInPack
        let ruleArguments = parsed.all("rules")
        if !ruleArguments.isEmpty {
            rules = try ruleArguments.flatMap(loadRules)
            var seen = Set<String>()
            for rule in rules where !seen.insert(rule.id).inserted {
                throw UsageError("two rules have the id '\(rule.id)': name one of them with ID=FILE", command: spec)
            }
        }
        var sets = ReferenceSets()
        for argument in parsed.all("reference-set") {
            do { try sets.load(argument) } catch { throw UsageError(error.description, command: spec) }
        }
        var options = ValidationOptions(referenceSets: sets)
        options.seed = try SimulateCommand.number(parsed, "seed", default: 1, range: 0...UInt64.max, command: spec)
        options.hours = Int(try SimulateCommand.number(parsed, "hours", default: 12, range: 0...8784, command: spec))
        options.noise = Int(try SimulateCommand.number(parsed, "noise", default: 20, range: 0...100_000, command: spec))
        options.workers = Int(try SimulateCommand.number(parsed, "workers", default: UInt64(IngestOptions.coreCount), range: 1...512, command: spec))
        options.folder = parsed.value("keep")
        let scenarios = parsed.all("scenario")
        if !scenarios.isEmpty { options.scenarioIDs = scenarios }

        let matrix: ValidationMatrix
        do {
            matrix = try ScenarioValidator.run(rules: rules, options: options)
        } catch {
            Terminal.writeError("Error: \(error.description)\n")
            return .usageError
        }
        if matrix.checked == 0 {
            // Nothing to check is not a pass: the scenarios state expectations for the built-in
            // rules' ids only, and a rule file named otherwise matches none of them.
            let known = DetectionRule.builtInPack.map(\.id).joined(separator: ", ")
            let ids = rules.map(\.id).joined(separator: ", ")
            Terminal.writeError("Error: no scenario states an expectation for rule \(ids): expectations exist for \(known); "
                                + "name your file after one of them, or pass --rules ID=FILE\n")
            return .usageError
        }
        if parsed.value("format") == "json" {
            Terminal.write(ValidationWriter.json(matrix), to: 1)
        } else {
            let style = TerminalStyle(color: Terminal.wantsColor(1), width: Terminal.width(1))
            Terminal.write(ValidationWriter.table(matrix, style: style), to: 1)
        }
        return matrix.allMet ? .clean : .validationFailed
    }

    /// `FILE`, `ID=FILE` or a folder of `.aql` files.
    static func loadRules(_ argument: String) throws -> [DetectionRule] {
        var id: String?
        var path = argument
        if !FileManager.default.fileExists(atPath: argument), let equals = argument.firstIndex(of: "="), equals != argument.startIndex {
            id = String(argument[..<equals])
            path = String(argument[argument.index(after: equals)...])
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw UsageError("--rules: no such file or folder '\(path)'", command: spec)
        }
        var files = [path]
        if isFolder.boolValue {
            if id != nil { throw UsageError("--rules: ID=FILE names one file, and '\(path)' is a folder", command: spec) }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".aql") }.sorted().map { path + "/" + $0 }
            if files.isEmpty { throw UsageError("--rules: no .aql files in '\(path)'", command: spec) }
        }
        do {
            return try files.map { file throws(RuleFileError) in try DetectionRule.load(file: file, id: id) }
        } catch {
            throw UsageError("--rules: \(error.description)", command: spec)
        }
    }
}
