import AQL
import CloudTrail
import Detection
import Foundation
import Reporting

/// `skua hunt PATH…`: the built-in pack over everything found, in one pass.
enum HuntCommand {
    static let spec = CommandSpec(
        name: "hunt",
        abstract: "Hunt cloud service hijacking (T1496.004) in CloudTrail logs with the built-in pack.",
        discussion: """
            Runs every built-in rule over everything found under the paths, in one pass: today IBM QRadar's published T1496.004 query, verbatim, and its tuned variant (the seed's allowlists as AllowedCallers and AllowedRoles reference sets). Each query's own time window (LAST 1 DAYS, and its starttime > NOW() - … condition) is replaced by the hunt window: the whole time range of the input, narrowed by --since and --until. Everything else in the queries runs unchanged.
            Reads files and folders recursively (the S3 layout AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/, organization trails), gzip or plain, in any CloudTrail shape: {"Records":[…]}, arrays, JSON Lines, lookup-events output, EventBridge and CloudWatch Logs envelopes, SIEM wrappers. '-' reads standard input.
            """,
        arguments: [ArgumentSpec(name: "path", help: "Files or folders to read ('-' for standard input).", isRepeating: true)],
        options: [
            OptionSpec(long: "since", valueName: "time",
                       help: "Only events at or after this time: RFC 3339, yyyy-MM-dd[ HH:mm[:ss]] (in the --timezone zone) or epoch ms."),
            OptionSpec(long: "until", valueName: "time",
                       help: "Only events at or before this time, in the same forms; a date alone means the end of that day."),
            OptionSpec(long: "now", valueName: "time", help: "\"Now\" for any NOW() the queries use outside their window.", defaultText: "the wall clock", isHidden: true),
        ] + SharedOptions.specs,
        examples: [
            ("skua hunt Samples/AWSLogs", "Hunt over the sample that ships with Skua."),
            ("skua hunt --since 2026-01-01T00:00:00Z ~/evidence/AWSLogs", "Hunt over an S3 export, from 1 January."),
            ("skua hunt --reference-set AllowedCallers=senders.txt --reference-set AllowedRoles=roles.txt logs/",
             "Tune the second rule with your allowlists."),
            ("skua hunt -o findings.json logs/", "Findings, lint and the ingest report as one JSON document (the format follows the extension)."),
        ],
        exitStatuses: ExitStatus.ofQueryCommand(findings: "findings")
    )

    static func run(_ arguments: [String]) throws -> ExitStatus {
        let parsed = try ArgumentScanner.scan(arguments, spec: spec)
        guard !parsed.positionals.isEmpty else { throw UsageError("missing expected argument '<path> ...'", command: spec) }
        let shared = try SharedOptions(parsed, command: spec)
        let zone = shared.timeZone
        let since = try parsed.value("since").map { try parseInstant($0, option: "--since", command: spec, timeZone: zone) }
        let until = try parsed.value("until").map { try parseInstant($0, option: "--until", command: spec, timeZone: zone, endOfDay: true) }
        if let since, let until, since > until { throw UsageError("--since is after --until", command: spec) }
        let now = try parsed.value("now").map { try parseInstant($0, option: "--now", command: spec, timeZone: zone) }

        let options = HuntOptions(since: since, until: until, now: now, timeZone: shared.timeZone,
                                  referenceSets: shared.referenceSets, catalog: shared.catalog, ingest: shared.ingest)
        let planned: [(DetectionRule, QueryPlan)]
        do {
            planned = try PackRunner.plan(DetectionRule.builtInPack, options: options)
        } catch {
            Terminal.writeError("Error: a built-in rule does not plan:\n\(error.message)\n")
            return .usageError
        }
        let discovered = InputDiscovery.discover(parsed.positionals)
        let progress = IngestProgress()
        let line = ProgressLine(progress: progress)
        line.start(quiet: shared.quiet)
        let result = PackRunner.run(planned, files: discovered, options: options, progress: progress)
        line.finish()

        let sections = result.outcomes.map { outcome in
            RunReport.Section(rule: outcome.rule, columns: outcome.result.columns, findings: outcome.findings,
                              window: outcome.plan.windowDescription, replacedWindow: outcome.plan.replacedWindow,
                              lint: outcome.plan.lint, warnings: outcome.plan.warnings, statistics: outcome.result.statistics,
                              referenceSets: outcome.plan.referenceSetNames)
        }
        let report = RunReport(command: .hunt, version: SkuaCommand.version, now: result.now,
                               nowSource: now == nil ? "the wall clock" : "--now", timeZone: shared.timeZoneName,
                               sections: sections, ingest: result.report, error: UsableInput.problem(in: result.report),
                               isNowUsed: planned.contains { $0.1.usesNow }, loadedReferenceSets: shared.referenceSetNames)
        try shared.emit(report)
        if let error = report.error {
            Terminal.writeError("Error: \(error)\n")
            return .usageError
        }
        return .of(findings: !report.findings.isEmpty, unusableInput: report.ingest.unusableInput > 0)
    }
}
