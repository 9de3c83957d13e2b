import CloudTrail
import Foundation
import Reporting
import Testing

/// The printed ingest report, line by line, over a hand-built `IngestReport`.
@Suite struct IngestReportTextTests {
    /// Five files: three with records, a digest skipped by its path, and a gzip cut part way
    /// whose records before the cut were kept; 1,243 records; seven issues, two of them in files
    /// whose names and reasons an attacker chose.
    static func report() -> IngestReport {
        var report = IngestReport()
        report.filesDiscovered = 5
        report.filesWithRecords = 3
        report.filesWithoutEvents = 1
        report.filesFailed = 1
        report.filesDamagedWithRecords = 1
        report.digestFilesByPath = 1
        report.bytesRead = 2_500_000
        report.bytesDecoded = 12_345_678
        report.files = ["a.jsonl", "b.json", "c.json", "AWSLogs/1/CloudTrail-Digest/d.json.gz", "cut.json.gz"].map {
            FileReport(path: $0, outcome: .withRecords)
        }
        report.tally.evaluated = 1_234
        report.tally.malformed = 2
        report.tally.untimed = 3
        report.tally.insight = 4
        report.tally.wellFormed = 1_234 + 3 + 4
        report.tally.digestObjects = 1
        report.tally.fragments = 2
        report.tally.duplicateEventIDsWithinFiles = 7
        report.duplicateEventIDsAcrossFilesEstimate = 12
        report.duplicateEstimateExpectedFalsePositives = 0.2
        report.issues = [
            IngestIssue(file: "cut.json.gz", kind: .damagedFile, offset: 40_960, reason: "gzip stream cut off"),
            IngestIssue(file: "a.jsonl", kind: .malformed, offset: 310, line: 3, column: 17, reason: "expected ':' after an object key"),
            IngestIssue(file: "b.json", kind: .untimed, offset: 88, line: 9, column: 5, reason: "eventTime 'yesterday' is not a time"),
            IngestIssue(file: "b.json", kind: .untimed, offset: 130, line: 12, column: 5, reason: "eventTime 'yesterday' is not a time"),
            IngestIssue(file: "b.json", kind: .untimed, offset: 170, line: 15, column: 5, reason: "eventTime 'yesterday' is not a time"),
            // A file name that retitles the window and clears the screen, and a reason that
            // recolours, forges a line break and reorders text with a bidi override.
            IngestIssue(file: "evil\u{1B}]0;pwned\u{07}\u{1B}[2J.json", kind: .malformed, offset: 0, line: 1, column: 1,
                        reason: "bad \u{1B}[31mred\u{1B}[0m value\n  - ok.json  notice  all fine\u{202E}"),
            IngestIssue(file: "logs/pipe", kind: .notice, reason: "FIFO inside a folder: not read"),
        ]
        return report
    }

    @Test("every line: the two reconciliation equations with their numbers, the extras, the estimate, what could not be used, each problem at file:line:column")
    func lines() {
        let text = IngestReportText.render(Self.report(), style: TerminalStyle(color: false))
        let expected = [
            "Ingest report",
            // 5 = 3 + 1 + 1; 2,500,000 bytes = 2.5 MB, 12,345,678 = 12.3 MB (decimal units).
            "  files:   5 found = 3 with records + 1 without events + 1 failed (1 of them damaged part way, their records up to the damage kept)  (2.5 MB read, 12.3 MB decoded)",
            // 1,243 = 1,234 + 2 + 3 + 4.
            "  records: 1,243 found = 1,234 evaluated + 2 malformed + 3 untimed + 4 insight",
            // One digest object plus one digest file skipped by its path.
            "  also:    2 digest, 2 partial objects (not records)",
            "  eventID repeats: 7 within files (exact), ≈ 12 across files (estimate)",
            // 1 failed file + 2 malformed stretches + 3 untimed records.
            "  could not be used: 1 file(s), 2 malformed stretch(es), 3 record(s) without a usable eventTime",
            "  - cut.json.gz@40960  damaged-file  gzip stream cut off",
            "  - a.jsonl:3:17  malformed  expected ':' after an object key",
            "  - b.json:9:5  untimed  eventTime 'yesterday' is not a time (×3, the first shown)",
            // The hostile name and reason as they are, their control characters written out:
            // ESC as \u{1b}, BEL as \u{7}, the forged line break as \u{a}, the bidi override
            // as \u{202e}.
            #"  - evil\u{1b}]0;pwned\u{7}\u{1b}[2J.json:1:1  malformed  bad \u{1b}[31mred\u{1b}[0m value\u{a}  - ok.json  notice  all fine\u{202e}"#,
            "  - logs/pipe  notice  FIFO inside a folder: not read",
            "",
        ]
        #expect(text.components(separatedBy: "\n") == expected)
    }

    @Test("attacker-controlled names and reasons cannot drive the terminal, with or without colour")
    func escaped() {
        for color in [false, true] {
            let text = IngestReportText.render(Self.report(), style: TerminalStyle(color: color))
            #expect(!text.contains("\u{1B}]"))
            #expect(!text.contains("\u{07}"))
            #expect(!text.contains("\u{1B}[2J"))
            #expect(!text.contains("\u{1B}[31m"))
            #expect(!text.contains("\u{202E}"))
            // The forged line stays inside its own line.
            #expect(!text.contains("\n  - ok.json"))
        }
    }

    @Test("a file name with an escape sequence and a line break is shown as it is, the controls written out, not removed")
    func realFileName() {
        var report = IngestReport()
        report.issues = [IngestIssue(file: "./evil\u{1B}[31mname\nfake line.json", kind: .unreadableFile, reason: "not JSON")]
        let text = IngestReportText.render(report, style: TerminalStyle(color: false))
        #expect(text.contains("\n" + #"  - ./evil\u{1b}[31mname\u{a}fake line.json  unreadable-file  not JSON"# + "\n"))
        #expect(!text.contains("./evilname"))
    }

    @Test("the cross-file estimate names its expected false positives when there are some")
    func estimateWithFalsePositives() {
        var report = Self.report()
        report.duplicateEstimateExpectedFalsePositives = 3.4
        let text = IngestReportText.render(report, style: TerminalStyle(color: false))
        #expect(text.contains("\n  eventID repeats: 7 within files (exact), ≈ 12 across files (estimate, ~3 false positives expected)\n"))
    }

    @Test("counts that do not reconcile say so; a clean run says nothing was skipped")
    func reconciliation() {
        var broken = Self.report()
        broken.filesWithRecords = 4   // 5 ≠ 4 + 1 + 1
        let text = IngestReportText.render(broken, style: TerminalStyle(color: false))
        #expect(text.contains("\n  files:   5 found = 4 with records + 1 without events + 1 failed"))
        #expect(text.contains("\n  the counts do not reconcile: please report this\n"))

        var clean = IngestReport()
        clean.filesDiscovered = 1
        clean.filesWithRecords = 1
        clean.files = [FileReport(path: "a.jsonl", outcome: .withRecords)]
        clean.bytesRead = 999
        clean.bytesDecoded = 999
        clean.tally.evaluated = 10
        clean.tally.wellFormed = 10
        #expect(IngestReportText.render(clean, style: TerminalStyle(color: false)) == """
            Ingest report
              files:   1 found = 1 with records + 0 without events + 0 failed  (999 B read, 999 B decoded)
              records: 10 found = 10 evaluated + 0 malformed + 0 untimed + 0 insight
              eventID repeats: 0 within files (exact), ≈ 0 across files (estimate)
              nothing skipped

            """)
    }

    @Test("every count in the report groups its digits")
    func groupedCounts() {
        var report = IngestReport()
        report.filesFailed = 1_001
        report.tally.malformed = 2_000
        report.tally.untimed = 12_345
        report.tally.fragments = 4_321
        report.tally.digestObjects = 999
        report.digestFilesByPath = 1
        let text = IngestReportText.render(report, style: TerminalStyle(color: false))
        #expect(text.contains("\n  also:    1,000 digest, 4,321 partial objects (not records)\n"))
        #expect(text.contains("\n  could not be used: 1,001 file(s), 2,000 malformed stretch(es), 12,345 record(s) without a usable eventTime\n"))
    }

    @Test("past the issue limit, a count of the rest points to --format json")
    func limit() {
        var report = Self.report()
        report.issuesOmitted = 100
        let text = IngestReportText.render(report, style: TerminalStyle(color: false), issueLimit: 2)
        let lines = text.components(separatedBy: "\n")
        // Two groups shown (cut.json.gz, a.jsonl); hidden: the three untimed of b.json, the
        // hostile one, the notice (5 issues in 3 groups) and the 100 the report already omitted.
        #expect(Array(lines.suffix(4)) == [
            "  - cut.json.gz@40960  damaged-file  gzip stream cut off",
            "  - a.jsonl:3:17  malformed  expected ':' after an object key",
            "  … and 105 more (all of them in --format json)",
            "",
        ])
    }
}

/// When repeated events are worth a notice: at least 10, and more than 1% of those evaluated.
@Suite struct RepeatedEventsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var evaluated: Int
        var within: Int
        var across: Int
        var falsePositives: Double
        var isLarge: Bool
        var testDescription: String
    }

    @Test("the threshold", arguments: [
        Case(evaluated: 999, within: 0, across: 10, falsePositives: 0, isLarge: true, testDescription: "10 of 999: over 1%"),
        Case(evaluated: 1_000, within: 0, across: 10, falsePositives: 0, isLarge: false, testDescription: "10 of 1,000: exactly 1%"),
        Case(evaluated: 100, within: 0, across: 9, falsePositives: 0, isLarge: false, testDescription: "9: fewer than 10"),
        Case(evaluated: 100, within: 4, across: 6, falsePositives: 0, isLarge: true, testDescription: "exact and estimated repeats add up"),
        Case(evaluated: 500, within: 0, across: 12, falsePositives: 3.4, isLarge: false, testDescription: "12 less 3 expected false positives: 9"),
        Case(evaluated: 6_304, within: 0, across: 3_152, falsePositives: 0, isLarge: true, testDescription: "every event twice"),
    ])
    func threshold(_ example: Case) {
        var report = IngestReport()
        report.tally.evaluated = example.evaluated
        report.tally.duplicateEventIDsWithinFiles = example.within
        report.duplicateEventIDsAcrossFilesEstimate = example.across
        report.duplicateEstimateExpectedFalsePositives = example.falsePositives
        #expect(RepeatedEvents.isLarge(in: report) == example.isLarge)
        #expect((RepeatedEvents.notice(for: report) != nil) == example.isLarge)
    }
}
