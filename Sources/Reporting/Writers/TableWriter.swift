import AQL
import CloudTrail
import Detection
import Foundation

/// How terminal output looks.
public struct TerminalStyle: Sendable {
    /// ANSI colour and bold (only on a terminal, never with NO_COLOR).
    public var color: Bool
    /// Width to fit tables into.
    public var width: Int

    public init(color: Bool, width: Int = 160) {
        self.color = color
        self.width = width
    }

    public func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    public func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    public func red(_ text: String) -> String { color ? "\u{1B}[31m\(text)\u{1B}[0m" : text }
    public func yellow(_ text: String) -> String { color ? "\u{1B}[33m\(text)\u{1B}[0m" : text }
    public func green(_ text: String) -> String { color ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
}

/// `--format table` (the default): the header, a ranked table per rule, lint notes, notices,
/// then the ingest report.
///
/// Every value is passed through `TerminalText.sanitize` before it is drawn; when the table is
/// wider than the terminal, long values are shortened here, and only here (see `table`; the
/// data formats keep them whole).
public enum TableWriter {
    public static func write(_ report: RunReport, style: TerminalStyle) -> String {
        var output = header(report, style: style)
        for section in report.sections {
            output += "\n" + sectionText(section, report: report, style: style)
        }
        let notices = report.notices
        if !notices.isEmpty {
            output += "\n" + style.bold("Notices") + "\n"
            let repeated = RepeatedEvents.notice(for: report.ingest)
            for notice in notices {
                // Inflated counts change what every finding means: marked in red, not yellow.
                let mark = notice == repeated ? style.red("!") : style.yellow("!")
                output += "  " + mark + " " + TerminalText.sanitize(notice) + "\n"
            }
        }
        output += "\n" + IngestReportText.render(report.ingest, style: style)
        return output
    }

    /// What `--format jsonl|csv` print on standard error beside the data: the header, each
    /// rule's count, window and lint, the notices and the ingest report.
    public static func sideText(_ report: RunReport, style: TerminalStyle) -> String {
        var side = header(report, style: style)
        for (index, section) in report.sections.enumerated() {
            side += "\(section.rule?.id ?? "query"): \(ValueText.grouped(section.findings.count)) finding(s); window: \(section.window)\n"
            if let earlier = report.sections[..<index].first(where: { $0.lint == section.lint }), !section.lint.isEmpty,
               let earlierID = earlier.rule?.id {
                side += "  lint: the same \(section.lint.count) notes as \(earlierID)\n"
                continue
            }
            for note in section.lint { side += "  lint \(note.code): \(note.message)\n" }
        }
        for notice in report.notices { side += "notice: " + TerminalText.sanitize(notice) + "\n" }
        return side + IngestReportText.render(report.ingest, style: style)
    }

    /// The header: now (or that nothing uses it), the input's time span, the window, time
    /// fields, a warning when counts include repeated events, and for `aql` the query shortened
    /// to one line (the whole query is in `--format json`).
    static func header(_ report: RunReport, style: TerminalStyle) -> String {
        var lines = [style.bold("skua \(report.command.rawValue)") + style.dim("  (skua \(report.version))")]
        if report.isNowUsed {
            lines.append("now:      \(EventTime.rfc3339(report.now)) (\(report.nowSource))")
        } else if report.command == .hunt {
            lines.append("now:      not used (the hunt window replaces the rules' LAST and NOW() conditions)")
        } else {
            lines.append("now:      not used by the query (no LAST, no NOW())")
        }
        if let first = report.ingest.tally.oldestEventTime, let last = report.ingest.tally.newestEventTime {
            lines.append("input:    events from \(EventTime.rfc3339(first)) to \(EventTime.rfc3339(last))")
        }
        if let window = report.window {
            lines.append("window:   " + TerminalText.sanitize(window) + (report.huntWindowCounts.map { "  (\($0))" } ?? ""))
        }
        lines.append("time:     starttime and devicetime are eventTime; DATEFORMAT in \(report.timeZone)")
        if RepeatedEvents.isLarge(in: report.ingest) {
            lines.append(style.red("repeats:  counts include ≈ \(ValueText.grouped(RepeatedEvents.count(in: report.ingest))) repeated events (see Notices)"))
        }
        if let query = report.query {
            lines.append("query:    " + queryLine(query, width: style.width - 10))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The query on one line, its runs of spaces and line breaks made one space, cut at its end
    /// to fit `width` and followed by its line count when it has several lines
    /// (`SELECT DATEFORMAT(starttime, …) AS TimeBucket, … (38 lines)`): enough to recognise it,
    /// where the whole text printed on one 2,400-character line buried the header.
    static func queryLine(_ query: String, width: Int) -> String {
        let lines = query.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let words = TerminalText.sanitize(lines.joined(separator: " ")).split(separator: " ", omittingEmptySubsequences: true)
        let suffix = lines.count > 1 ? "  (\(ValueText.grouped(lines.count)) lines)" : ""
        return TerminalText.shortenEnd(words.joined(separator: " "), to: max(20, width - suffix.count)) + suffix
    }

    static func sectionText(_ section: RunReport.Section, report: RunReport, style: TerminalStyle) -> String {
        var output = ""
        if let rule = section.rule {
            output += style.bold("\(rule.id)") + "  " + rule.title + "\n"
            output += style.dim("  \(rule.technique) · severity \(rule.severity.rawValue) · confidence \(rule.confidence) · \(rule.file)") + "\n"
        }
        output += "  window: " + section.window + "\n"
        if !section.replacedWindow.isEmpty {
            output += "  " + style.dim("replaced by the hunt window: " + section.replacedWindow.joined(separator: "; ")) + "\n"
        }
        let count = section.findings.count
        let statistics = section.statistics
        let inWindow = statistics.considered - statistics.excludedByWindow
        let of = statistics.excludedByWindow > 0
            ? "of the \(ValueText.grouped(inWindow)) events in the window" : "of \(ValueText.grouped(statistics.considered)) events"
        let summary = "\(count) finding\(count == 1 ? "" : "s") (\(ValueText.grouped(statistics.matched)) \(of) passed WHERE)"
        output += "  " + (count > 0 ? style.red(summary) : style.green(summary)) + "\n"
        if count > 0 {
            output += "\n" + table(section, style: style) + "\n"
        }
        if let earlier = report.sections.first(where: { $0.lint == section.lint && $0.rule?.id != section.rule?.id }),
           let earlierRule = earlier.rule, report.sections.firstIndex(where: { $0.rule?.id == earlierRule.id })!
               < report.sections.firstIndex(where: { $0.rule?.id == section.rule?.id })!, !section.lint.isEmpty {
            output += "  " + style.bold("Lint") + ": the same \(section.lint.count) notes as \(earlierRule.id)\n"
        } else if !section.lint.isEmpty {
            output += "  " + style.bold("Lint") + "\n"
            for note in section.lint {
                output += "  - " + style.yellow(note.code) + ": " + note.message + "\n"
            }
        }
        return output
    }

    /// How a column gives up width when the table is wider than the terminal.
    struct Column {
        enum Cut { case middle, end, arn }
        var title: String
        var cells: [String]
        /// Narrowest it may become; `nil`: it keeps its width.
        var minimum: Int?
        var cut: Cut

        var natural: Int { cells.reduce(title.count) { max($0, $1.count) } }
    }

    /// The ranked table: the rule's layout columns when it has one, else every column.
    ///
    /// Decided for Skua: columns take their natural width (the widest cell, whole) while the
    /// table fits `style.width` (the terminal's width, or 160 columns when output is not a
    /// terminal). When it does not fit, the hunt table gives up width in this order, each down to
    /// a floor: the category (derivable from the service; cut at its end, 16 columns), the caller
    /// ARN (its `arn:…:account:` head always whole, the resource cut in the middle, 20 columns of
    /// resource), the source IP (an IPv6 address, cut in the middle, 15 columns). Beyond the
    /// floors the table is wider than the terminal rather than hiding what a responder pivots on.
    /// An `aql` table narrows its widest columns first, each to 16 columns at least, ARNs as
    /// above. Shortening happens here only: JSON, JSON Lines and CSV keep every value whole.
    static func table(_ section: RunReport.Section, style: TerminalStyle) -> String {
        var columns: [Column]
        /// Column indexes in the order they give up width (`nil`: widest first).
        var order: [Int]?
        if let layout = section.rule?.layout {
            let roles: [(String, String?, Int?, Column.Cut)] = [
                ("Score", layout.score, nil, .middle), ("Time bucket", layout.timeBucket, nil, .middle),
                ("Service", layout.service, nil, .middle), ("Category", layout.category, 16, .end),
                ("Caller ARN", layout.callerARN, 20, .arn), ("Caller type", layout.callerType, nil, .middle),
                ("Source IP", layout.sourceIP, 15, .middle), ("Region", layout.region, nil, .middle),
                ("Count", layout.count, nil, .middle), ("Threshold", layout.threshold, nil, .middle),
            ].filter { $0.1 != nil }
            columns = roles.map { role in
                Column(title: role.0, cells: section.findings.map { TerminalText.sanitize($0.value(role.1)?.text ?? "-") },
                       minimum: role.2, cut: role.3)
            }
            order = ["Category", "Caller ARN", "Source IP"].compactMap { title in columns.firstIndex { $0.title == title } }
        } else {
            columns = section.columns.enumerated().map { index, name in
                Column(title: TerminalText.sanitize(name), cells: section.findings.map { TerminalText.sanitize($0.values[index].text ?? "NULL") },
                       minimum: 16, cut: .arn)
            }
        }
        // An ARN column's floor counts its account head on top of the resource's columns.
        for index in columns.indices where columns[index].cut == .arn {
            let head = columns[index].cells.compactMap(TerminalText.arnHead).map(\.count).max() ?? 0
            columns[index].minimum = columns[index].minimum.map { min($0 + head, columns[index].natural) }
        }
        let widths = fit(columns, into: style.width - 2 - 2 * max(0, columns.count - 1), order: order)
        func cut(_ text: String, _ index: Int) -> String {
            switch columns[index].cut {
            case .middle: TerminalText.shortenMiddle(text, to: widths[index])
            case .end: TerminalText.shortenEnd(text, to: widths[index])
            case .arn: TerminalText.shortenARN(text, to: widths[index])
            }
        }
        func line(_ cells: [String]) -> String {
            "  " + cells.enumerated().map { index, cell in
                cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var output = style.bold(line(columns.map(\.title))) + "\n"
        output += "  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in section.findings.indices {
            output += line(columns.indices.map { cut(columns[$0].cells[row], $0) }) + "\n"
        }
        return output
    }

    /// Column widths that fit `budget` characters where the floors allow: the natural widths,
    /// narrowed column by column in `order`, or widest first without one.
    static func fit(_ columns: [Column], into budget: Int, order: [Int]?) -> [Int] {
        var widths = columns.map(\.natural)
        var excess = widths.reduce(0, +) - budget
        if let order {
            for index in order where excess > 0 {
                let floor = max(columns[index].minimum ?? widths[index], columns[index].title.count)
                let given = min(excess, max(0, widths[index] - floor))
                widths[index] -= given
                excess -= given
            }
        } else {
            while excess > 0 {
                let shrinkable = widths.indices.filter { widths[$0] > max(columns[$0].minimum ?? widths[$0], columns[$0].title.count) }
                guard let widest = shrinkable.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
                excess -= 1
            }
        }
        return widths
    }
}

/// The ingest report in words: what was read, what was not, and why.
///
/// File names and reasons are shown as they are, with their control characters written out
/// (`VisibleText`: `evil\u{1b}[31mname\u{a}fake line.json`), not removed: a responder must
/// see the real name of the file to find it, and a name with its escape sequence stripped would
/// be another name. Written out, the characters cannot act on the terminal either.
public enum IngestReportText {
    public static func render(_ report: IngestReport, style: TerminalStyle, issueLimit: Int = 50) -> String {
        let tally = report.tally
        var lines = [style.bold("Ingest report")]
        lines.append("  files:   \(ValueText.grouped(report.filesDiscovered)) found = \(ValueText.grouped(report.filesWithRecords)) with records"
                     + " + \(ValueText.grouped(report.filesWithoutEvents)) without events + \(ValueText.grouped(report.filesFailed)) failed"
                     + (report.filesDamagedWithRecords > 0
                        ? " (\(ValueText.grouped(report.filesDamagedWithRecords)) of them damaged part way, their records up to the damage kept)" : "")
                     + "  (\(ValueText.bytes(report.bytesRead)) read, \(ValueText.bytes(report.bytesDecoded)) decoded)")
        lines.append("  records: \(ValueText.grouped(report.recordsFound)) found = \(ValueText.grouped(tally.evaluated)) evaluated"
                     + " + \(ValueText.grouped(tally.malformed)) malformed + \(ValueText.grouped(tally.untimed)) untimed"
                     + " + \(ValueText.grouped(tally.insight)) insight")
        var extras: [String] = []
        if tally.digestObjects > 0 || report.digestFilesByPath > 0 { extras.append("\(ValueText.grouped(tally.digestObjects + report.digestFilesByPath)) digest") }
        if tally.fragments > 0 { extras.append("\(ValueText.grouped(tally.fragments)) partial objects (not records)") }
        if tally.invalidUTF8 > 0 { extras.append("\(ValueText.grouped(tally.invalidUTF8)) record(s) with bytes that are not UTF-8 (kept, shown as U+FFFD)") }
        if !extras.isEmpty { lines.append("  also:    " + extras.joined(separator: ", ")) }
        lines.append("  eventID repeats: \(ValueText.grouped(tally.duplicateEventIDsWithinFiles)) within files (exact), "
                     + "≈ \(ValueText.grouped(report.duplicateEventIDsAcrossFilesEstimate)) across files (estimate"
                     + (report.duplicateEstimateExpectedFalsePositives >= 0.5
                        ? String(format: ", ~%.0f false positives expected)", report.duplicateEstimateExpectedFalsePositives) : ")"))
        if !report.reconciles { lines.append("  " + style.red("the counts do not reconcile: please report this")) }
        let unusable = report.unusableInput
        if unusable == 0 {
            lines.append("  " + style.green("nothing skipped"))
        } else {
            lines.append("  " + style.yellow("could not be used: \(ValueText.grouped(report.filesFailed)) file(s), "
                + "\(ValueText.grouped(tally.malformed)) malformed stretch(es), \(ValueText.grouped(tally.untimed)) record(s) without a usable eventTime"))
        }
        // Issues of one kind and reason in one file read as one line: "… ×103, first at line 1".
        var groups: [(issue: IngestIssue, count: Int)] = []
        for issue in report.issues {
            if let last = groups.last, last.issue.file == issue.file, last.issue.kind == issue.kind, last.issue.reason == issue.reason {
                groups[groups.count - 1].count += 1
            } else {
                groups.append((issue, 1))
            }
        }
        for (issue, count) in groups.prefix(issueLimit) {
            let kind = issue.kind == .notice ? style.dim(issue.kind.rawValue) : style.yellow(issue.kind.rawValue)
            let times = count > 1 ? " (×\(ValueText.grouped(count)), the first shown)" : ""
            lines.append("  - " + place(issue) + "  " + kind + "  " + VisibleText.escaped(issue.reason) + times)
        }
        let hidden = groups.dropFirst(issueLimit).reduce(0) { $0 + $1.count } + report.issuesOmitted
        if hidden > 0 { lines.append("  … and \(ValueText.grouped(hidden)) more (all of them in --format json)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `file:line:column` or `file@offset`, the file name's control characters written out.
    static func place(_ issue: IngestIssue) -> String {
        let file = VisibleText.escaped(issue.file)
        if let line = issue.line, let column = issue.column { return "\(file):\(line):\(column)" }
        if let offset = issue.offset { return "\(file)@\(offset)" }
        return file
    }
}
