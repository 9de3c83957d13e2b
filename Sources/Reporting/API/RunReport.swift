import AQL
import CloudTrail
import Detection

/// Everything a `hunt` or `aql` run has to say, in one value the writers turn into a format.
public struct RunReport: Sendable {
    public enum Command: String, Sendable {
        case hunt, aql
    }

    /// One rule's results (hunt), or the query's (aql).
    public struct Section: Sendable {
        /// `nil` for `aql`.
        public var rule: DetectionRule?
        public var columns: [String]
        public var findings: [Finding]
        /// The window, in words (`hunt window: the whole input`, `LAST 1 DAYS (…]`).
        public var window: String
        /// Hunt mode: the query's own time conditions that the hunt window replaced.
        public var replacedWindow: [String]
        public var lint: [LintNote]
        public var warnings: [String]
        public var statistics: AQLStatistics

        public init(rule: DetectionRule?, columns: [String], findings: [Finding], window: String, replacedWindow: [String],
                    lint: [LintNote], warnings: [String], statistics: AQLStatistics) {
            self.rule = rule
            self.columns = columns
            self.findings = findings
            self.window = window
            self.replacedWindow = replacedWindow
            self.lint = lint
            self.warnings = warnings
            self.statistics = statistics
        }
    }

    public var command: Command
    public var version: String
    /// "Now" used, and where it came from ("--now", "newest event in the input", "wall clock").
    public var now: Int64
    public var nowSource: String
    public var timeZone: String
    public var sections: [Section]
    public var ingest: IngestReport
    /// The text of the query (`aql`).
    public var query: String?
    /// Why the run had nothing to hunt over ("no readable input", exit 2), or `nil`. A report
    /// with an error is still written in the data formats (see `JSONWriter`): empty findings,
    /// the whole ingest report, and this reason.
    public var error: String?

    public init(command: Command, version: String, now: Int64, nowSource: String, timeZone: String, sections: [Section],
                ingest: IngestReport, query: String? = nil, error: String? = nil) {
        self.command = command
        self.version = version
        self.now = now
        self.nowSource = nowSource
        self.timeZone = timeZone
        self.sections = sections
        self.ingest = ingest
        self.query = query
        self.error = error
    }

    /// The time window the run searched, in words: in `hunt` every rule shares the hunt window
    /// (`hunt window: the whole input`, or `hunt window [since, until]` after `--since`/`--until`);
    /// in `aql` it is the query's own. Sections with different windows are listed in order,
    /// separated by `; `; `nil` without sections.
    public var window: String? {
        var windows: [String] = []
        for section in sections where !windows.contains(section.window) { windows.append(section.window) }
        return windows.isEmpty ? nil : windows.joined(separator: "; ")
    }

    /// All findings, in section order.
    public var findings: [Finding] { sections.flatMap(\.findings) }

    /// Sentences a reader must not miss: windows that left events out, empty reference sets.
    public var notices: [String] {
        var notices: [String] = []
        let newest = ingest.tally.newestEventTime.map(EventTime.rfc3339)
        for section in sections {
            let statistics = section.statistics
            guard statistics.excludedByWindow > 0 else { continue }
            let name = section.rule.map { "rule \($0.id): " } ?? ""
            var text = "\(name)the time window (\(section.window)) left out \(statistics.excludedByWindow) of \(statistics.considered) events"
            if let newest { text += "; the newest event in the input is at \(newest)" }
            if command == .aql, let newest {
                if section.window.hasPrefix("START/STOP") {
                    text += ". START/STOP are fixed times (--now does not move them): change them, or run `skua hunt`, which searches the whole input."
                } else if ingest.tally.newestEventTime != now {
                    text += ". To count back from the input's newest event, pass --now \(newest), or run `skua hunt`, which searches the whole input."
                } else {
                    text += ". The window counts back from now, which is already the newest event: run `skua hunt` to search the whole input."
                }
            } else if command == .hunt {
                text += " (narrowed by --since/--until)"
            }
            if !notices.contains(text) { notices.append(text) }
        }
        for warning in sections.flatMap(\.warnings) where !notices.contains(warning) { notices.append(warning) }
        return notices
    }
}
