import CloudTrail
import Foundation
import Reporting
import Simulation

/// `skua simulate SCENARIO… --out DIR`: emulated CloudTrail for the T1496.004 scenarios, written
/// as AWS delivers it. The library (`Simulation`) does the work; this turns options into
/// `SimulationOptions` and prints what was written.
enum SimulateCommand {
    static let spec = CommandSpec(
        name: "simulate",
        abstract: "Write emulated CloudTrail for attack and benign scenarios, as AWS delivers it.",
        discussion: """
            Writes the chosen scenarios over a background of ordinary activity (2 accounts; us-east-1, us-west-2, eu-west-1). The S3 layout is what a trail delivers: AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<random>.json.gz, gzip, {"Records":[…]}, about one file per account and region every five minutes, records shuffled. The same seed and Skua version give the same bytes.
            Scenarios are the seed page's four adversary-emulation tests, scaled versions that cross the published thresholds, evasions (IP rotation, hour straddling, sandbox escape) and benign look-alikes; 'skua simulate --list' describes each, 'all' writes every one, 'noise' only the background. Their expected outcomes per rule are what 'skua validate' checks.
            """,
        arguments: [ArgumentSpec(name: "scenario", help: "Scenario ids (see --list), 'all', or 'noise' for background only.", isRepeating: true, isOptional: true)],
        options: [
            OptionSpec(long: "output", short: "o", valueName: "folder", help: "Folder to write into (created when missing).", aliases: ["out"]),
            OptionSpec(long: "seed", valueName: "n", help: "Seed of every random choice.", defaultText: "1"),
            OptionSpec(long: "start", valueName: "time", help: "Start of the background (RFC 3339); scenarios start at the first clock hour from here.", defaultText: "2026-01-05T00:00:00Z"),
            OptionSpec(long: "hours", valueName: "h", help: "Length of the background, in hours.", defaultText: "24"),
            OptionSpec(long: "scale", valueName: "k", help: "Multiply the volume of attack scenarios (catalog expectations hold at 1; 'skua validate' also checks the seed tests at the scales around each threshold).", defaultText: "1"),
            OptionSpec(long: "noise", valueName: "n", help: "Ordinary events per account, region and hour.", defaultText: "20"),
            OptionSpec(long: "layout", valueName: "layout", help: "How records are packaged.", defaultText: "s3",
                       choices: SimulationOptions.Layout.allCases.map(\.rawValue)),
            OptionSpec(long: "reference-sets", valueName: "folder",
                       help: "Also write the scenarios' allowlists there (AllowedCallers.txt, AllowedRoles.txt) for the tuned rule."),
            OptionSpec(long: "workers", short: "w", valueName: "n", help: "Files written at once (never changes the bytes).", defaultText: "the number of cores"),
            OptionSpec(long: "list", help: "List the scenarios and what each expects, then exit."),
            OptionSpec(long: "preset", valueName: "name", help: "Write a preset instead of chosen scenarios: 'sample' is the repository's Samples/ (scripts/make-sample).",
                       choices: ["sample"], isHidden: true),
        ],
        examples: [
            ("skua simulate --list", "What can be simulated."),
            ("skua simulate seed-ses-send seed-bedrock-invoke --output /tmp/emulated", "The seed page's tests 1 and 3 over a day of background."),
            ("skua simulate bedrock-invoke-burst-scaled --scale 4 --noise 200 --output /tmp/big", "A larger attack over more background."),
            ("skua simulate all --layout jsonl --output /tmp/jsonl", "Every scenario as plain JSON Lines."),
        ],
        exitStatuses: [(.clean, "written"), (.usageError, "usage error, or a file that could not be written")]
    )

    static func run(_ arguments: [String]) throws -> ExitStatus {
        let parsed = try ArgumentScanner.scan(arguments, spec: spec)
        let catalog = ScenarioCatalog.standard
        if parsed.flag("list") {
            Terminal.write(list(catalog, color: Terminal.wantsColor(1)), to: 1)
            return .clean
        }
        if parsed.value("preset") == "sample" {
            guard parsed.positionals.isEmpty, let out = parsed.value("output") else {
                throw UsageError("--preset sample takes --output <folder> and no scenarios", command: spec)
            }
            let workers = Int(try number(parsed, "workers", default: UInt64(IngestOptions.coreCount), range: 1...512))
            do {
                let summary = try SamplePreset.write(to: out, workers: workers)
                Terminal.write(describe(summary, referenceSetFolder: nil), to: 1)
                return .clean
            } catch {
                Terminal.writeError("Error: \(error)\n")
                return .usageError
            }
        }
        guard !parsed.positionals.isEmpty else {
            throw UsageError("missing expected argument '<scenario> ...' (see 'skua simulate --list')", command: spec)
        }
        guard let out = parsed.value("output") else { throw UsageError("missing '--output <folder>'", command: spec) }
        var ids: [String] = []
        for id in parsed.positionals {
            if id == "all" { ids += catalog.ids; continue }
            guard catalog.scenario(id: id) != nil else {
                let hint = NameSuggestion.nearest(to: id, among: catalog.ids + ["all"]).map { "; did you mean '\($0)'?" }
                    ?? " (see 'skua simulate --list')"
                throw UsageError("unknown scenario '\(id)'\(hint)", command: spec)
            }
            ids.append(id)
        }
        var options = SimulationOptions()
        options.seed = try number(parsed, "seed", default: 1, range: 0...UInt64.max)
        options.hours = Int(try number(parsed, "hours", default: 24, range: 0...8784))
        options.scale = Int(try number(parsed, "scale", default: 1, range: 1...1000))
        options.noise = Int(try number(parsed, "noise", default: 20, range: 0...100_000))
        options.workers = Int(try number(parsed, "workers", default: UInt64(IngestOptions.coreCount), range: 1...512))
        if let start = parsed.value("start") { options.start = try parseInstant(start, option: "--start", command: spec) }
        if let layout = parsed.value("layout") { options.layout = SimulationOptions.Layout(rawValue: layout) ?? .s3 }
        do { try options.validate() } catch { throw UsageError(error.description, command: spec) }

        let summary: SimulationSummary
        do {
            summary = try Simulator(options: options, catalog: catalog).write(scenarios: ids, to: out)
        } catch {
            Terminal.writeError("Error: \(error)\n")
            return .usageError
        }
        if let folder = parsed.value("reference-sets") {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for name in summary.referenceSets.names {
                    try Data(summary.referenceSets.fileText(name).utf8).write(to: URL(fileURLWithPath: folder + "/\(name).txt"))
                }
            } catch {
                Terminal.writeError("Error: cannot write the reference sets to \(folder): \(error.localizedDescription)\n")
                return .usageError
            }
        }
        Terminal.write(describe(summary, referenceSetFolder: parsed.value("reference-sets")), to: 1)
        return .clean
    }

    /// A whole-number option within `range`.
    static func number(_ parsed: ParsedArguments, _ name: String, default value: UInt64, range: ClosedRange<UInt64>,
                       command: CommandSpec = spec) throws -> UInt64 {
        guard let text = parsed.value(name) else { return value }
        guard let number = UInt64(text), range.contains(number) else {
            throw UsageError("--\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound)", command: command)
        }
        return number
    }

    static func list(_ catalog: ScenarioCatalog, color: Bool) -> String {
        let style = TerminalStyle(color: color)
        var output = ""
        for scenario in catalog.scenarios {
            let seed = scenario.seedTest.map { ", seed test \($0)" } ?? ""
            output += style.bold(scenario.id) + "  (\(scenario.kind.rawValue)\(seed))\n"
            output += "  \(scenario.title)\n"
            let expectations = catalog.rules.map { rule in
                "\(rule.id) \(scenario.expectation(for: rule.id).map { $0.fires ? "fires" : "silent" } ?? "—")"
            }
            output += "  expects: " + expectations.joined(separator: ", ") + "\n"
        }
        return output
    }

    static func describe(_ summary: SimulationSummary, referenceSetFolder: String?) -> String {
        func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        var output = "wrote \(summary.fileCount) files, \(summary.records) records (\(summary.backgroundRecords) background), "
        output += summary.layout == .s3
            ? "\(megabytes(summary.uncompressedBytes)) of JSON as \(megabytes(summary.compressedBytes)) of gzip"
            : megabytes(summary.uncompressedBytes)
        output += " to \(TerminalText.sanitize(summary.folder)) (layout \(summary.layout.rawValue), seed \(summary.seed))\n"
        if let first = summary.firstEventTime, let last = summary.lastEventTime {
            output += "events from \(EventTime.rfc3339(first)) to \(EventTime.rfc3339(last))\n"
        }
        for run in summary.scenarios {
            let span = run.firstEventTime.map { first in
                " from \(EventTime.rfc3339(first)) to \(EventTime.rfc3339(run.lastEventTime ?? first))"
            } ?? ""
            output += "  \(run.id): \(run.records) records\(span)\(run.scale > 1 ? " (scale \(run.scale))" : "")\n"
        }
        let allowlisted = summary.referenceSets.names.filter { !summary.referenceSets.values($0).isEmpty }
        if !allowlisted.isEmpty {
            if let folder = referenceSetFolder {
                let flags = allowlisted.map { "--reference-set \($0)=\(folder)/\($0).txt" }.joined(separator: " ")
                output += "allowlists for the tuned rule: \(flags)\n"
            } else {
                output += "the benign scenarios come with allowlists for the tuned rule: add --reference-sets FOLDER to write them\n"
            }
        }
        return output
    }
}
