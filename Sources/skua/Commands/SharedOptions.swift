import AQL
import CloudTrail
import Foundation
import Reporting

/// Options every query-running command shares: what to read with, and how to report.
///
/// Decided for Skua: without `--format`, the format follows the `-o` file's extension —
/// `.json` is `json`, `.jsonl` and `.ndjson` are `jsonl`, `.csv` is `csv` (any case), anything
/// else (or standard output) is `table` — because `-o findings.json` that writes a text table
/// into a `.json` file breaks the next tool in the pipeline. `--format` always wins. After
/// writing a file, one line on standard error says what went where ("wrote 3 findings to
/// findings.json"), unless `--quiet`.
struct SharedOptions {
    enum Format: String, CaseIterable {
        case table, json, jsonl, csv

        /// The format a file name asks for by its extension; `table` for any other name.
        static func inferred(fromFileName name: String) -> Format {
            let base = name.split(separator: "/").last.map(String.init) ?? name
            guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return .table }
            switch base[base.index(after: dot)...].lowercased() {
            case "json": return .json
            case "jsonl", "ndjson": return .jsonl
            case "csv": return .csv
            default: return .table
            }
        }
    }

    var format: Format
    /// Whether `format` came from the `-o` file's extension rather than `--format`.
    var isFormatInferred: Bool
    var output: String?
    var quiet: Bool
    var referenceSets: ReferenceSets
    /// The names given to `--reference-set`, in order, each once.
    var referenceSetNames: [String] = []
    var catalog: PropertyCatalog
    var timeZone: TimeZone
    /// The zone as the user wrote it (Foundation on Linux reports UTC as "GMT").
    var timeZoneName: String
    var workers: Int
    var maximumValueBytes: Int

    static let specs: [OptionSpec] = [
        OptionSpec(long: "format", short: "f", valueName: "format", help: "Output format.",
                   defaultText: "table, or what the -o file's extension names: .json, .jsonl/.ndjson, .csv",
                   choices: Format.allCases.map(\.rawValue)),
        OptionSpec(long: "output", short: "o", valueName: "file", help: "Write the results to a file instead of standard output.",
                   aliases: ["out"]),
        OptionSpec(long: "reference-set", valueName: "name=file",
                   help: "Load a QRadar reference set (one value per line, or a JSON array) for REFERENCESETCONTAINS.", isRepeating: true),
        OptionSpec(long: "property", valueName: "name=jsonpath",
                   help: "Define a property as QRadar custom properties are defined: a JSON path over the record (a.b.c or /\"a\"/\"b\").", isRepeating: true),
        OptionSpec(long: "timezone", valueName: "zone", help: "Time zone (IANA name) for DATEFORMAT and for times written without a zone: --since, --until, --now, START/STOP.", defaultText: "UTC"),
        OptionSpec(long: "workers", short: "w", valueName: "n", help: "Files read at once.", defaultText: "the number of cores"),
        OptionSpec(long: "quiet", short: "q", help: "No progress line."),
        OptionSpec(long: "max-value-mib", valueName: "mib", help: "Largest single JSON value held in memory.", defaultText: "64", isHidden: true),
    ]

    init(_ parsed: ParsedArguments, command: CommandSpec) throws {
        output = parsed.value("output")
        if let chosen = parsed.value("format") {
            format = Format(rawValue: chosen) ?? .table
            isFormatInferred = false
        } else {
            format = output.map(Format.inferred(fromFileName:)) ?? .table
            isFormatInferred = output != nil && format != .table
        }
        quiet = parsed.flag("quiet")
        referenceSets = ReferenceSets()
        for argument in parsed.all("reference-set") {
            do { try referenceSets.load(argument) } catch { throw UsageError(error.description, command: command) }
            if let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init), !referenceSetNames.contains(name) {
                referenceSetNames.append(name)
            }
        }
        catalog = .builtIn
        for argument in parsed.all("property") {
            do { try catalog.addUserProperty(argument) } catch { throw UsageError("--property: \(error)", command: command) }
        }
        let zoneName = parsed.value("timezone") ?? "UTC"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw UsageError("unknown time zone '\(zoneName)': use an IANA name such as UTC or America/New_York", command: command)
        }
        timeZone = zone
        timeZoneName = zoneName
        if let text = parsed.value("workers") {
            guard let count = Int(text), count >= 1, count <= 512 else { throw UsageError("--workers takes a number from 1 to 512", command: command) }
            workers = count
        } else {
            workers = IngestOptions.coreCount
        }
        maximumValueBytes = 64 << 20
        if let text = parsed.value("max-value-mib") {
            guard let mib = Int(text), mib >= 1, mib <= 4096 else { throw UsageError("--max-value-mib takes 1…4096", command: command) }
            maximumValueBytes = mib << 20
        }
    }

    var ingest: IngestOptions {
        IngestOptions(workers: workers, maximumValueBytes: maximumValueBytes)
    }

    /// Writes the report in the chosen format; side text (header, lint, ingest report) goes to
    /// standard error for jsonl and csv so the data stays pure.
    ///
    /// A report with an `error` (no readable input, exit 2) is still written in the data
    /// formats, so a pipeline gets a document it can read: JSON with empty findings, the whole
    /// ingest report and `error`; JSON Lines with no line; CSV with its header row only. The
    /// table has no data to show: its ingest report goes to standard error. The caller prints
    /// the one-line error after this.
    func emit(_ report: RunReport) throws {
        if report.error != nil && format == .table {
            Terminal.writeError(IngestReportText.render(report.ingest, style: TerminalStyle(color: Terminal.wantsColor(2))))
            return
        }
        let toTerminal = output == nil && Terminal.isTerminal(1)
        let style = TerminalStyle(color: toTerminal && Terminal.wantsColor(1), width: toTerminal ? Terminal.width(1) : 160)
        let text: String
        switch format {
        case .table: text = TableWriter.write(report, style: style)
        case .json: text = JSONWriter.document(report)
        case .jsonl: text = JSONWriter.lines(report)
        case .csv: text = CSVWriter.write(report)
        }
        if format == .jsonl || format == .csv {
            let errorStyle = TerminalStyle(color: Terminal.wantsColor(2), width: Terminal.width(2))
            let side = TableWriter.sideText(report, style: errorStyle)
            Terminal.writeError(side)
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
                throw UsageError("cannot write \(output)")
            }
            if !quiet && report.error == nil { Terminal.writeError(wroteLine(report, to: output)) }
        } else {
            Terminal.write(text, to: 1)
        }
    }

    /// `wrote 3 findings to findings.json`, and the format when it came from the file's name.
    func wroteLine(_ report: RunReport, to file: String) -> String {
        let count = report.findings.count
        let noun = report.command == .aql ? (count == 1 ? "row" : "rows") : (count == 1 ? "finding" : "findings")
        let inferred = isFormatInferred ? " (\(format.rawValue), from the file's extension)" : ""
        return "wrote \(ValueText.grouped(count)) \(noun) to \(VisibleText.escaped(file))\(inferred)\n"
    }
}

/// Parses a time given on the command line, as `EventTime.parseInstant` reads it: RFC 3339,
/// `yyyy-MM-dd[ HH:mm[:ss]]` (or `T` between date and time) in `timeZone` when no zone is
/// written, QRadar's START/STOP forms, or epoch milliseconds.
///
/// With `endOfDay` (`--until`), a date alone means the last millisecond of that day, so
/// `--since 2026-01-05 --until 2026-01-05` is the whole of 5 January, not an empty window.
func parseInstant(_ text: String, option: String, command: CommandSpec, timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                  endOfDay: Bool = false) throws -> Int64 {
    if endOfDay, let end = EventTime.dayEnd(text, timeZone: timeZone) { return end }
    guard let instant = EventTime.parseInstant(text, timeZone: timeZone) else {
        throw UsageError("\(option) '\(text)' is not a time: use RFC 3339 (2026-01-05T10:00:00Z), a date and time "
                         + "(2026-01-05 10:00, in the --timezone zone), a date (2026-01-05) or epoch milliseconds", command: command)
    }
    return instant
}
