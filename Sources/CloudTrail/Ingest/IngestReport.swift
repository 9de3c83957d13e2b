/// One thing that could not be used, or is worth knowing, with where it is and why.
public struct IngestIssue: Sendable, Codable, Equatable {
    /// What kind of problem.
    public enum Kind: String, Sendable, Codable {
        /// The file could not be read at all, or is not JSON.
        case unreadableFile = "unreadable-file"
        /// The file's gzip stream is cut off or corrupt; the records before the damage were kept.
        case damagedFile = "damaged-file"
        /// A stretch of invalid JSON (one or more records lost).
        case malformed
        /// A record without a usable `eventTime` (missing or unparseable): not evaluated.
        case untimed
        /// Worth knowing, nothing lost (a symlink loop, an unsupported file type beside logs).
        case notice
    }

    /// The file, as given or found.
    public var file: String
    public var kind: Kind
    /// Byte offset in the decompressed file, when the issue has a position.
    public var offset: Int64?
    /// 1-based line and column, when cheap to know (the file's first window).
    public var line: Int?
    public var column: Int?
    /// What went wrong, in words.
    public var reason: String

    public init(file: String, kind: Kind, offset: Int64? = nil, line: Int? = nil, column: Int? = nil, reason: String) {
        self.file = file
        self.kind = kind
        self.offset = offset
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `file:line:column` or `file@offset`, for messages.
    public var position: String {
        if let line, let column { return "\(file):\(line):\(column)" }
        if let offset { return "\(file)@\(offset)" }
        return file
    }
}

/// Counts for one file, or summed over many.
public struct IngestTally: Sendable, Codable, Equatable {
    /// Objects of record shape, well formed: evaluated + untimed + insight.
    public var wellFormed = 0
    /// Records handed to the detection engine.
    public var evaluated = 0
    /// Records without a usable `eventTime`.
    public var untimed = 0
    /// CloudTrail Insight records (recognized, not evaluated).
    public var insight = 0
    /// Stretches of invalid JSON, each counted once however many records it cost.
    public var malformed = 0
    /// Digest objects (`digestStartTime`): recognized, hold no events.
    public var digestObjects = 0
    /// Objects with `eventSource` or `eventName` but not the rest of a record's shape (partial
    /// test fixtures, query results): informational, not counted as records.
    public var fragments = 0
    /// Repeated `eventID`s inside one file (exact).
    public var duplicateEventIDsWithinFiles = 0
    /// Well-formed records whose strings hold bytes that are not UTF-8 (kept and evaluated,
    /// each bad byte read as U+FFFD): informational, not "input that could not be used".
    public var invalidUTF8 = 0
    /// Oldest and newest `eventTime` of evaluated records (epoch ms).
    public var oldestEventTime: Int64?
    public var newestEventTime: Int64?

    public init() {}

    /// Records found, by the report's first equation: evaluated + malformed + untimed + insight.
    public var recordsFound: Int { evaluated + malformed + untimed + insight }

    mutating func add(_ other: IngestTally) {
        wellFormed += other.wellFormed
        evaluated += other.evaluated
        untimed += other.untimed
        insight += other.insight
        malformed += other.malformed
        digestObjects += other.digestObjects
        fragments += other.fragments
        duplicateEventIDsWithinFiles += other.duplicateEventIDsWithinFiles
        invalidUTF8 += other.invalidUTF8
        if let time = other.oldestEventTime { oldestEventTime = min(oldestEventTime ?? time, time) }
        if let time = other.newestEventTime { newestEventTime = max(newestEventTime ?? time, time) }
    }
}

/// How one file ended up.
public enum FileOutcome: String, Sendable, Codable {
    /// At least one record was found.
    case withRecords = "with-records"
    /// Read to the end, nothing to evaluate and nothing wrong: empty, a digest, or JSON without
    /// CloudTrail records.
    case withoutEvents = "without-events"
    /// Not read, or not read to the end, or nothing usable in it: see the file's issue.
    case failed
}

/// What happened to one input file.
public struct FileReport: Sendable, Codable, Equatable {
    public var path: String
    public var outcome: FileOutcome
    /// Why a file without events has none ("empty", "CloudTrail digest", "no CloudTrail records").
    public var note: String?
    /// Bytes on disk.
    public var bytesRead: Int64 = 0
    /// Bytes after decompression.
    public var bytesDecoded: Int64 = 0
    public var isGzip = false
    /// Skipped unread because its path is under `CloudTrail-Digest/`.
    public var isDigestByPath = false
    /// Pieces the file was walked in at once (1 unless it was large and plain; see
    /// `IngestPipeline`), and planned pieces dropped because the piece before them walked past
    /// their start (it was inside a string or broken JSON; nothing is lost, it was walked once).
    public var pieces = 1
    public var piecesDropped = 0
    public var tally = IngestTally()

    public init(path: String, outcome: FileOutcome) {
        self.path = path
        self.outcome = outcome
    }
}

/// The account of a whole run: every file and record, and every reason something was not used.
///
/// Reconciliation (checked by tests, printed by the CLI):
/// 1. `filesDiscovered == filesWithRecords + filesWithoutEvents + filesFailed`
/// 2. `recordsFound == recordsEvaluated + malformed + untimed + insight`
/// 3. `wellFormed == recordsEvaluated + untimed + insight`
/// Only failed files, malformed stretches and untimed records are "input that could not be
/// used" (`unusableInput`), which the exit status reports.
public struct IngestReport: Sendable, Codable, Equatable {
    public var filesDiscovered = 0
    public var filesWithRecords = 0
    public var filesWithoutEvents = 0
    public var filesFailed = 0
    /// Failed files whose records before the damage were kept (a truncated gzip, say): part of
    /// `filesFailed`, and their records are evaluated.
    public var filesDamagedWithRecords = 0
    /// Files skipped without reading because their path says they are digests
    /// (`CloudTrail-Digest/`); they are part of `filesWithoutEvents`.
    public var digestFilesByPath = 0
    public var bytesRead: Int64 = 0
    public var bytesDecoded: Int64 = 0
    public var tally = IngestTally()
    /// Repeated `eventID`s across different files: an estimate from a fixed-size Bloom filter.
    public var duplicateEventIDsAcrossFilesEstimate = 0
    /// Expected false positives in that estimate, from the filter's fill.
    public var duplicateEstimateExpectedFalsePositives = 0.0
    /// The first issues in input order (at most `issueLimit`); `issuesOmitted` counts the rest.
    public var issues: [IngestIssue] = []
    public var issuesOmitted = 0
    /// Per-file outcomes, in input order.
    public var files: [FileReport] = []

    public static let issueLimit = 1000

    public init() {}

    public var recordsFound: Int { tally.recordsFound }
    public var recordsEvaluated: Int { tally.evaluated }

    /// Failed files + malformed stretches + untimed records.
    public var unusableInput: Int { filesFailed + tally.malformed + tally.untimed }

    /// Whether the equations above hold.
    public var reconciles: Bool {
        filesDiscovered == filesWithRecords + filesWithoutEvents + filesFailed
            && tally.wellFormed == tally.evaluated + tally.untimed + tally.insight
            && files.count == filesDiscovered
    }

    mutating func add(_ file: FileReport, issues fileIssues: [IngestIssue]) {
        filesDiscovered += 1
        switch file.outcome {
        case .withRecords: filesWithRecords += 1
        case .withoutEvents: filesWithoutEvents += 1
        case .failed:
            filesFailed += 1
            if file.tally.wellFormed > 0 { filesDamagedWithRecords += 1 }
        }
        if file.isDigestByPath { digestFilesByPath += 1 }
        bytesRead += file.bytesRead
        bytesDecoded += file.bytesDecoded
        tally.add(file.tally)
        files.append(file)
        for issue in fileIssues {
            if issues.count < IngestReport.issueLimit { issues.append(issue) } else { issuesOmitted += 1 }
        }
    }
}
