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
        /// The plan's warnings, as it gave them (JSON lists them per rule; the notices fold
        /// the ones about unloaded reference sets into one line).
        public var warnings: [String]
        public var statistics: AQLStatistics
        /// The reference sets the query reads (`QueryPlan.referenceSetNames`).
        public var referenceSets: [String]

        public init(rule: DetectionRule?, columns: [String], findings: [Finding], window: String, replacedWindow: [String],
                    lint: [LintNote], warnings: [String], statistics: AQLStatistics, referenceSets: [String] = []) {
            self.rule = rule
            self.columns = columns
            self.findings = findings
            self.window = window
            self.replacedWindow = replacedWindow
            self.lint = lint
            self.warnings = warnings
            self.statistics = statistics
            self.referenceSets = referenceSets
        }
    }

    public var command: Command
    public var version: String
    /// "Now" used, and where it came from ("--now", "the newest event in the input", "the wall
    /// clock").
    public var now: Int64
    public var nowSource: String
    /// Whether any query of the run depends on now (`QueryPlan.usesNow`). Hunt mode replaces
    /// the rules' `LAST` and `NOW()` conditions, so a hunt usually does not; the header then
    /// says "not used" instead of showing a time nothing was measured against.
    public var isNowUsed: Bool
    /// Names of the reference sets loaded with `--reference-set`, in the order given.
    public var loadedReferenceSets: [String]
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
                ingest: IngestReport, query: String? = nil, error: String? = nil, isNowUsed: Bool = true,
                loadedReferenceSets: [String] = []) {
        self.command = command
        self.version = version
        self.now = now
        self.nowSource = nowSource
        self.isNowUsed = isNowUsed
        self.loadedReferenceSets = loadedReferenceSets
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
}
