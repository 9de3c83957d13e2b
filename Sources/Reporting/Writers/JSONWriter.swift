import AQL
import CloudTrail
import Detection

/// `--format json`: one document
/// `{"header": {…}, "findings": […], "lint": […], "ingest": {…}}`, and `--format jsonl`: one
/// finding per line.
///
/// A finding object has the rule's fields (`rule_id`, `rule_title`, `technique`, `severity`,
/// `first_event_time`, `last_event_time` in RFC 3339 UTC) and then every column under its
/// alias, verbatim, numbers as JSON numbers. For `aql`, a finding is the result row alone
/// (keys = column names). Long values are never shortened here.
///
/// A run with no readable input (exit 2) still writes its document, so a pipeline reading it
/// gets JSON rather than nothing: `"error"` comes first with the reason, `findings` is empty,
/// and `ingest` says what was found and why none of it could be used. A run without an error
/// has no `error` key (jq's `.error` is then `null`).
public enum JSONWriter {
    public static func document(_ report: RunReport) -> String {
        var members: [(String, JSONValue)] = []
        if let error = report.error { members.append(("error", .string(error))) }
        members += [
            ("header", header(report)),
            ("findings", .array(report.findings.map(finding))),
            ("lint", .array(lint(report))),
            ("ingest", ingest(report.ingest)),
        ]
        return JSONValue.object(members).text(pretty: true) + "\n"
    }

    /// One line per finding.
    public static func lines(_ report: RunReport) -> String {
        report.findings.map { finding($0).text() + "\n" }.joined()
    }

    public static func finding(_ finding: Finding) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if finding.rule != nil {
            for (name, value) in zip(FindingFields.names, FindingFields.values(finding)) {
                members.append((FindingFields.key(name, columns: finding.columns), value))
            }
        }
        for (column, value) in zip(finding.columns, finding.values) {
            members.append((column, ValueText.json(value)))
        }
        return .object(members)
    }

    public static func header(_ report: RunReport) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("tool", .string("skua")),
            ("version", .string(report.version)),
            ("command", .string(report.command.rawValue)),
            ("now", .string(EventTime.rfc3339(report.now))),
            ("now_source", .string(report.nowSource)),
            ("now_used", .bool(report.isNowUsed)),
            ("window", report.window.map(JSONValue.string) ?? .null),
            ("timezone", .string(report.timeZone)),
            ("time_fields", .string("starttime and devicetime are both eventTime (offline there is no QRadar arrival time)")),
            ("input_first_event_time", ValueText.time(report.ingest.tally.oldestEventTime)),
            ("input_last_event_time", ValueText.time(report.ingest.tally.newestEventTime)),
        ]
        if let query = report.query { members.append(("query", .string(query))) }
        members.append(("rules", .array(report.sections.map { section in
            var rule: [(String, JSONValue)] = []
            if let detection = section.rule {
                rule += [("id", .string(detection.id)), ("title", .string(detection.title)),
                         ("technique", .string(detection.technique)), ("severity", .string(detection.severity.rawValue)),
                         ("confidence", .string(detection.confidence)), ("file", .string(detection.file))]
            }
            rule += [("window", .string(section.window)),
                     ("replaced_window", .array(section.replacedWindow.map(JSONValue.string))),
                     ("columns", .array(section.columns.map(JSONValue.string))),
                     ("findings", .integer(Int64(section.findings.count))),
                     ("events_considered", .integer(Int64(section.statistics.considered))),
                     ("events_left_out_by_window", .integer(Int64(section.statistics.excludedByWindow))),
                     ("events_matched", .integer(Int64(section.statistics.matched))),
                     ("warnings", .array(section.warnings.map(JSONValue.string))),
                     ("reference_sets", .array(section.referenceSets.map(JSONValue.string)))]
            return .object(rule)
        })))
        members.append(("notices", .array(report.notices.map(JSONValue.string))))
        return .object(members)
    }

    static func lint(_ report: RunReport) -> [JSONValue] {
        report.sections.flatMap { section in
            section.lint.map { note in
                var members: [(String, JSONValue)] = []
                if let rule = section.rule { members.append(("rule_id", .string(rule.id))) }
                members += [("code", .string(note.code)), ("message", .string(note.message))]
                return JSONValue.object(members)
            }
        }
    }

    public static func ingest(_ report: IngestReport) -> JSONValue {
        let tally = report.tally
        func count(_ value: Int) -> JSONValue { .integer(Int64(value)) }
        return .object([
            ("files", .object([
                ("discovered", count(report.filesDiscovered)),
                ("with_records", count(report.filesWithRecords)),
                ("without_events", count(report.filesWithoutEvents)),
                ("failed", count(report.filesFailed)),
                ("failed_with_records_kept", count(report.filesDamagedWithRecords)),
                ("digests_by_path", count(report.digestFilesByPath)),
            ])),
            ("bytes_read", .integer(report.bytesRead)),
            ("bytes_decoded", .integer(report.bytesDecoded)),
            ("records", .object([
                ("found", count(report.recordsFound)),
                ("evaluated", count(tally.evaluated)),
                ("malformed", count(tally.malformed)),
                ("untimed", count(tally.untimed)),
                ("insight", count(tally.insight)),
                ("digest_objects", count(tally.digestObjects)),
                ("fragments", count(tally.fragments)),
                ("invalid_utf8", count(tally.invalidUTF8)),
            ])),
            ("duplicate_event_ids", .object([
                ("within_files", count(tally.duplicateEventIDsWithinFiles)),
                ("across_files_estimate", count(report.duplicateEventIDsAcrossFilesEstimate)),
                ("estimate_expected_false_positives", .double(report.duplicateEstimateExpectedFalsePositives)),
            ])),
            ("unusable_input", count(report.unusableInput)),
            ("reconciles", .bool(report.reconciles)),
            ("equations", .array([
                .string("files discovered = with records + without events + failed"),
                .string("records found = evaluated + malformed + untimed + insight"),
            ])),
            ("issues", .array(report.issues.map { issue in
                .object([
                    ("file", .string(issue.file)),
                    ("kind", .string(issue.kind.rawValue)),
                    ("offset", issue.offset.map(JSONValue.integer) ?? .null),
                    ("line", issue.line.map { .integer(Int64($0)) } ?? .null),
                    ("column", issue.column.map { .integer(Int64($0)) } ?? .null),
                    ("reason", .string(issue.reason)),
                ])
            })),
            ("issues_omitted", count(report.issuesOmitted)),
            ("files_without_events", .array(report.files.filter { $0.outcome == .withoutEvents }.map { file in
                .object([("file", .string(file.path)), ("note", .string(file.note ?? ""))])
            })),
        ])
    }
}
