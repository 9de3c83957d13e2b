import AQL
import CloudTrail
import Detection
import Foundation
import Reporting

/// `skua aql QUERY|--file F PATH…`: one AQL query with QRadar's semantics, verbatim.
enum AQLCommand {
    static let spec = CommandSpec(
        name: "aql",
        abstract: "Run an AQL query over CloudTrail logs, exactly as QRadar would.",
        discussion: """
            The query runs unchanged, with QRadar's semantics (docs/aql.md): its LAST n MINUTES|HOURS|DAYS, START/STOP and NOW() are relative to "now", which is --now, or by default the newest event time in the input (found in a quick first pass). The header states the now and window used, and a notice says when the window left events out. starttime and devicetime are both eventTime. Every returned row counts as a finding for the exit status.
            The query is either the first argument or the contents of --file, never both: with --file, every argument is a path.
            """,
        arguments: [
            ArgumentSpec(name: "query", help: "The AQL text, unless --file gives it."),
            ArgumentSpec(name: "path", help: "Files or folders to read ('-' for standard input).", isRepeating: true),
        ],
        options: [
            OptionSpec(long: "file", valueName: "file", help: "Read the query from a file."),
            OptionSpec(long: "now", valueName: "time",
                       help: "\"Now\" for LAST, NOW() and the window: RFC 3339, yyyy-MM-dd[ HH:mm[:ss]] (in the --timezone zone) or epoch ms.",
                       defaultText: "the newest event time in the input"),
        ] + SharedOptions.specs,
        examples: [
            ("skua aql --file rules/qradar/t1496.004-cloud-service-hijacking.aql --now 2026-01-08T00:00:00Z Samples/AWSLogs",
             "The published query, verbatim, as QRadar would have run it at that moment."),
            ("skua aql \"SELECT \\\"EventName\\\", COUNT(*) FROM events GROUP BY \\\"EventName\\\" ORDER BY COUNT(*) DESC LIMIT 10\" logs/",
             "The ten most frequent API calls."),
        ],
        usage: "skua aql [<options>] (<query> | --file <file>) <path> ...",
        exitStatuses: ExitStatus.ofQueryCommand(findings: "findings: the query returned rows")
    )

    static func run(_ arguments: [String]) throws -> ExitStatus {
        let parsed = try ArgumentScanner.scan(arguments, spec: spec)
        var positionals = parsed.positionals
        let queryText: String
        let queryFile: String
        if let file = parsed.value("file") {
            guard let data = FileManager.default.contents(atPath: file) else { throw UsageError("cannot read query file \(file)", command: spec) }
            queryText = String(decoding: data, as: UTF8.self)
            queryFile = file
        } else {
            guard !positionals.isEmpty else { throw UsageError("missing expected argument '<query>' (or --file)", command: spec) }
            queryText = positionals.removeFirst()
            queryFile = "query"
        }
        guard !positionals.isEmpty else { throw UsageError("missing expected argument '<path> ...'", command: spec) }
        let shared = try SharedOptions(parsed, command: spec)
        let explicitNow = try parsed.value("now").map { try parseInstant($0, option: "--now", command: spec, timeZone: shared.timeZone) }

        let query: AQLQuery
        do {
            query = try AQLParser.parse(queryText)
        } catch {
            Terminal.writeError(error.rendered(query: queryText, file: queryFile) + "\n")
            return .usageError
        }
        // The query is checked whole before any input is read: an unknown property must not wait
        // for a first pass over gigabytes. "Now" only places the window, so a plan made with a
        // provisional now finds every error the final one would.
        var now = explicitNow ?? Int64(Date().timeIntervalSince1970 * 1000)
        func makePlan() -> QueryPlan? {
            do {
                return try AQLAnalyzer.plan(query, options: AQLOptions(now: now, timeZone: shared.timeZone, referenceSets: shared.referenceSets,
                                                                       catalog: shared.catalog, mode: .verbatim))
            } catch {
                Terminal.writeError(error.rendered(query: queryText, file: queryFile) + "\n")
                return nil
            }
        }
        guard var plan = makePlan() else { return .usageError }
        if parsed.value("file") != nil, let misplaced = positionals.first(where: looksLikeMisplacedQuery) {
            throw UsageError("'\(misplaced)' is not a file or folder and reads like a query, but with --file every argument is a path: "
                             + "give the query either as the first argument or in the --file file, not both", command: spec)
        }
        var discovered = InputDiscovery.discover(positionals)

        // "Now": --now, else the newest event (a first pass, only when the query needs it).
        var nowSource = explicitNow == nil ? "the wall clock" : "--now"
        var spools: [String] = []
        let twoPasses = explicitNow == nil && QueryPlan.queryUsesNow(query)
        let firstPass = IngestProgress(), progress = IngestProgress()
        // One line for the whole run, so a long first pass is not a silent wait.
        let line = ProgressLine(progress: twoPasses ? firstPass : progress, label: twoPasses ? "pass 1/2" : nil)
        defer { for spool in spools { try? FileManager.default.removeItem(atPath: spool) } }
        if twoPasses {
            // What can be read only once (standard input, a pipe such as <(zcat …)) is copied to
            // a temporary file first; the input keeps its name and is read from the copy.
            for index in discovered.files.indices where discovered.files[index].isReadOnce {
                let copy = try spool(discovered.files[index])
                spools.append(copy.path)
                discovered.files[index].readPath = copy.path
                discovered.files[index].size = copy.size
                if discovered.files[index].kind == .standardInput { discovered.files[index].kind = .readable }
            }
        }
        line.start(quiet: shared.quiet)
        if twoPasses {
            if let newest = QueryEngine.newestEventTime(files: discovered, ingest: shared.ingest, progress: firstPass) {
                now = newest
                nowSource = "the newest event in the input"
            } else {
                nowSource = "the wall clock: no event in the input has a usable time"
            }
        }

        if twoPasses {
            guard let final = makePlan() else {
                line.finish()
                return .usageError
            }
            plan = final
        }
        if twoPasses { line.follow(progress, label: "pass 2/2") }
        let run = QueryEngine.run(PreparedQuery(plan), files: discovered, ingest: shared.ingest, progress: progress)
        line.finish()
        let problem = UsableInput.problem(in: run.report)
        // Without readable input no row stands for anything (COUNT(*) over nothing is 0 rows read,
        // not a result): the document says why and has no findings.
        let findings = problem != nil ? [] : run.result.rows.map { row in
            Finding(rule: nil, columns: run.result.columns, values: row.values, firstEventTime: row.firstEventTime,
                    lastEventTime: row.lastEventTime, eventCount: row.eventCount)
        }
        let section = RunReport.Section(rule: nil, columns: run.result.columns, findings: findings, window: plan.windowDescription,
                                        replacedWindow: [], lint: plan.lint, warnings: plan.warnings, statistics: run.result.statistics,
                                        referenceSets: plan.referenceSetNames)
        let report = RunReport(command: .aql, version: SkuaCommand.version, now: now, nowSource: nowSource,
                               timeZone: shared.timeZoneName, sections: [section], ingest: run.report, query: queryText,
                               error: problem, isNowUsed: plan.usesNow, loadedReferenceSets: shared.referenceSetNames)
        try shared.emit(report)
        if let error = report.error {
            Terminal.writeError("Error: \(error)\n")
            return .usageError
        }
        return .of(findings: !findings.isEmpty, unusableInput: run.report.unusableInput > 0)
    }

    /// Whether a path argument that does not exist is most likely a query given beside
    /// `--file` (`skua aql --file q.aql 'SELECT …' logs/`): it starts with SELECT or holds FROM
    /// between spaces, whatever the case.
    static func looksLikeMisplacedQuery(_ argument: String) -> Bool {
        guard argument != "-", !FileManager.default.fileExists(atPath: argument) else { return false }
        let text = argument.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        return text.hasPrefix("SELECT ") || text.hasPrefix("SELECT\n") || text.contains(" FROM ")
    }

    /// Copies an input that can be read only once into a temporary file; returns its path and size.
    static func spool(_ input: InputFile) throws -> (path: String, size: Int64) {
        let name = input.kind == .standardInput ? "standard input" : input.path
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("skua-spool-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw UsageError("cannot create a temporary file to hold \(name) (needed to read it twice; give --now to read it once)")
        }
        defer { try? handle.close() }
        let source: FileHandle
        if input.kind == .standardInput {
            source = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: input.path) else {
                throw UsageError("cannot open \(name)")
            }
            source = opened
        }
        var size: Int64 = 0
        while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty {
            try handle.write(contentsOf: chunk)
            size += Int64(chunk.count)
        }
        if input.kind != .standardInput { try? source.close() }
        return (path, size)
    }
}

extension Error {
    /// The message of an AQL error with its caret, or the plain description.
    func rendered(query: String, file: String) -> String {
        if let error = self as? AQLSyntaxError { return error.rendered(query: query, file: file) }
        if let error = self as? AQLSemanticError { return error.rendered(query: query, file: file) }
        return "\(file): error: \(self)"
    }
}
