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
            Exit status:
            \(ExitStatus.table)
            """,
        arguments: [
            ArgumentSpec(name: "query", help: "The AQL text (omit it when --file is given)."),
            ArgumentSpec(name: "path", help: "Files or folders to read ('-' for standard input).", isRepeating: true),
        ],
        options: [
            OptionSpec(long: "file", valueName: "file", help: "Read the query from a file."),
            OptionSpec(long: "now", valueName: "time", help: "\"Now\" for LAST, NOW() and the window (RFC 3339 or epoch ms).",
                       defaultText: "the newest event time in the input"),
        ] + SharedOptions.specs,
        examples: [
            ("skua aql --file rules/qradar/t1496.004-cloud-service-hijacking.aql --now 2026-01-08T00:00:00Z Samples/AWSLogs",
             "The published query, verbatim, as QRadar would have run it at that moment."),
            ("skua aql \"SELECT \\\"EventName\\\", COUNT(*) FROM events GROUP BY \\\"EventName\\\" ORDER BY COUNT(*) DESC LIMIT 10\" logs/",
             "The ten most frequent API calls."),
        ]
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
        let explicitNow = try parsed.value("now").map { try parseInstant($0, option: "--now", command: spec) }

        let query: AQLQuery
        do {
            query = try AQLParser.parse(queryText)
        } catch {
            Terminal.writeError(error.rendered(query: queryText, file: queryFile) + "\n")
            return .usageError
        }
        var discovered = InputDiscovery.discover(positionals)
        if discovered.files.isEmpty {
            Terminal.writeError("error: no input files found\n")
            return .usageError
        }

        // "Now": --now, else the newest event (a first pass, only when the query needs it).
        var now = explicitNow ?? Int64(Date().timeIntervalSince1970 * 1000)
        var nowSource = explicitNow == nil ? "wall clock (the query does not use now)" : "--now"
        var spooled: [String: String] = [:]
        let twoPasses = explicitNow == nil && QueryPlan.queryUsesNow(query)
        let firstPass = IngestProgress(), progress = IngestProgress()
        // One line for the whole run, so a long first pass is not a silent wait.
        let line = ProgressLine(progress: twoPasses ? firstPass : progress, label: twoPasses ? "pass 1/2" : nil)
        defer { for path in spooled.keys { try? FileManager.default.removeItem(atPath: path) } }
        if twoPasses {
            (discovered.files, spooled) = try spoolOneTimeInputs(discovered.files)
        }
        line.start(quiet: shared.quiet)
        if twoPasses {
            if let newest = QueryEngine.newestEventTime(files: discovered, ingest: shared.ingest, progress: firstPass) {
                now = newest
                nowSource = "the newest event in the input"
            } else {
                nowSource = "wall clock (no event in the input has a usable time)"
            }
        }

        let plan: QueryPlan
        do {
            plan = try AQLAnalyzer.plan(query, options: AQLOptions(now: now, timeZone: shared.timeZone, referenceSets: shared.referenceSets,
                                                                    catalog: shared.catalog, mode: .verbatim))
        } catch {
            line.finish()
            Terminal.writeError(error.rendered(query: queryText, file: queryFile) + "\n")
            return .usageError
        }
        if twoPasses { line.follow(progress, label: "pass 2/2") }
        var run = QueryEngine.run(PreparedQuery(plan), files: discovered, ingest: shared.ingest, progress: progress)
        line.finish()
        run.report.renameFiles(spooled)
        if let problem = UsableInput.problem(in: run.report) {
            Terminal.writeError(IngestReportText.render(run.report, style: TerminalStyle(color: Terminal.wantsColor(2))))
            Terminal.writeError("error: \(problem)\n")
            return .usageError
        }
        let findings = run.result.rows.map { row in
            Finding(rule: nil, columns: run.result.columns, values: row.values, firstEventTime: row.firstEventTime,
                    lastEventTime: row.lastEventTime, eventCount: row.eventCount)
        }
        let section = RunReport.Section(rule: nil, columns: run.result.columns, findings: findings, window: plan.windowDescription,
                                        replacedWindow: [], lint: plan.lint, warnings: plan.warnings, statistics: run.result.statistics)
        let report = RunReport(command: .aql, version: SkuaCommand.version, now: now, nowSource: nowSource,
                               timeZone: shared.timeZoneName, sections: [section], ingest: run.report, query: queryText)
        try shared.emit(report)
        return .of(findings: !findings.isEmpty, unusableInput: run.report.unusableInput > 0)
    }

    /// Copies every input that cannot be read twice to a temporary file, so the first pass (the
    /// newest event) does not use it up: standard input, and pipes or devices named on the
    /// command line (`<(zcat …)` arrives as `/dev/fd/63`). Returns the inputs to read and, for
    /// each copy, the name the user gave.
    static func spoolOneTimeInputs(_ files: [InputFile]) throws -> (files: [InputFile], spooled: [String: String]) {
        var spooled: [String: String] = [:]
        let inputs = try files.map { file -> InputFile in
            let source: FileHandle?
            switch file.kind {
            case .standardInput:
                source = FileHandle.standardInput
            case .readable where !isRegularFile(file.path):
                source = FileHandle(forReadingAtPath: file.path)
            default:
                return file
            }
            guard let source else { return file }   // unreadable: the pass reports it
            let copy = try spool(source)
            spooled[copy.path] = file.path
            return InputFile(path: copy.path, kind: .readable, size: copy.size)
        }
        return (inputs, spooled)
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Copies `source` to a new temporary file and returns its path and size.
    static func spool(_ source: FileHandle) throws -> (path: String, size: Int64) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("skua-input-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw UsageError("cannot create a temporary file to hold standard input or a pipe")
        }
        defer { try? handle.close() }
        var size: Int64 = 0
        while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty {
            try handle.write(contentsOf: chunk)
            size += Int64(chunk.count)
        }
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
