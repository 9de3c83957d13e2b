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
/// Every value is passed through `TerminalText.sanitize` before it is drawn; long ARNs are
/// shortened in the middle here, and only here (the data formats keep them whole).
public enum TableWriter {
    public static func write(_ report: RunReport, style: TerminalStyle) -> String {
        var output = header(report, style: style)
        for section in report.sections {
            output += "\n" + sectionText(section, report: report, style: style)
        }
        let notices = report.notices
        if !notices.isEmpty {
            output += "\n" + style.bold("Notices") + "\n"
            for notice in notices { output += "  " + style.yellow("!") + " " + TerminalText.sanitize(notice) + "\n" }
        }
        output += "\n" + IngestReportText.render(report.ingest, style: style)
        return output
    }

    /// What `--format jsonl|csv` print on standard error beside the data: the header, each
    /// rule's count, window and lint, the notices and the ingest report.
    public static func sideText(_ report: RunReport, style: TerminalStyle) -> String {
        var side = header(report, style: style)
        for section in report.sections {
            side += "\(section.rule?.id ?? "query"): \(section.findings.count) finding(s); window: \(section.window)\n"
            for note in section.lint { side += "  lint \(note.code): \(note.message)\n" }
        }
        for notice in report.notices { side += "notice: " + TerminalText.sanitize(notice) + "\n" }
        return side + IngestReportText.render(report.ingest, style: style)
    }

    static func header(_ report: RunReport, style: TerminalStyle) -> String {
        var lines = [style.bold("skua \(report.command.rawValue)") + style.dim("  (skua \(report.version))")]
        lines.append("now:      \(EventTime.rfc3339(report.now)) (\(report.nowSource))")
        if let first = report.ingest.tally.oldestEventTime, let last = report.ingest.tally.newestEventTime {
            lines.append("input:    events from \(EventTime.rfc3339(first)) to \(EventTime.rfc3339(last))")
        }
        if let window = report.window { lines.append("window:   " + TerminalText.sanitize(window)) }
        lines.append("time:     starttime and devicetime are eventTime; DATEFORMAT in \(report.timeZone)")
        if let query = report.query {
            lines.append("query:    " + TerminalText.sanitize(query.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")))
        }
        return lines.joined(separator: "\n") + "\n"
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
        let summary = "\(count) finding\(count == 1 ? "" : "s")"
            + " (\(ValueText.grouped(section.statistics.matched)) matching events of \(ValueText.grouped(section.statistics.considered)))"
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

    /// The ranked table: the rule's layout columns when it has one, else every column.
    static func table(_ section: RunReport.Section, style: TerminalStyle) -> String {
        var headers: [String]
        var rows: [[String]]
        if let layout = section.rule?.layout {
            let roles: [(String, String?, Int)] = [
                ("Score", layout.score, 5), ("Time bucket", layout.timeBucket, 19), ("Service", layout.service, 22),
                ("Category", layout.category, 35), ("Caller ARN", layout.callerARN, 44), ("Caller type", layout.callerType, 12),
                ("Source IP", layout.sourceIP, 39), ("Region", layout.region, 14), ("Count", layout.count, 7),
                ("Threshold", layout.threshold, 9),
            ].filter { $0.1 != nil }
            headers = roles.map(\.0)
            rows = section.findings.map { finding in
                roles.map { role in
                    let text = TerminalText.sanitize(finding.value(role.1)?.text ?? "-")
                    return TerminalText.shortenMiddle(text, to: role.2)
                }
            }
        } else {
            headers = section.columns.map(TerminalText.sanitize)
            rows = section.findings.map { finding in
                finding.values.map { TerminalText.shortenMiddle(TerminalText.sanitize($0.text ?? "NULL"), to: 48) }
            }
        }
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            "  " + cells.enumerated().map { index, cell in
                cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var output = style.bold(line(headers)) + "\n"
        output += "  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { output += line(row) + "\n" }
        return output
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
        if tally.digestObjects > 0 || report.digestFilesByPath > 0 { extras.append("\(tally.digestObjects + report.digestFilesByPath) digest") }
        if tally.fragments > 0 { extras.append("\(tally.fragments) partial objects (not records)") }
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
            lines.append("  " + style.yellow("could not be used: \(report.filesFailed) file(s), \(tally.malformed) malformed stretch(es), \(tally.untimed) record(s) without a usable eventTime"))
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
