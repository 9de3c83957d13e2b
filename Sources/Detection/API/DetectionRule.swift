import Foundation
import AQL

/// A detection the pack runs: its query and what a finding of it means.
public struct DetectionRule: Sendable, Equatable {
    /// How bad a finding is.
    public enum Severity: String, Sendable, Codable, Comparable {
        case low, medium, high, critical

        private var rank: Int { [.low: 0, .medium: 1, .high: 2, .critical: 3][self]! }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// Which result columns fill the hunt table's fixed columns (each optional).
    public struct TableLayout: Sendable, Equatable {
        public var score: String?
        public var timeBucket: String?
        public var service: String?
        public var category: String?
        public var callerARN: String?
        public var callerType: String?
        public var sourceIP: String?
        public var region: String?
        public var count: String?
        public var threshold: String?

        public init(score: String? = nil, timeBucket: String? = nil, service: String? = nil, category: String? = nil,
                    callerARN: String? = nil, callerType: String? = nil, sourceIP: String? = nil, region: String? = nil,
                    count: String? = nil, threshold: String? = nil) {
            self.score = score
            self.timeBucket = timeBucket
            self.service = service
            self.category = category
            self.callerARN = callerARN
            self.callerType = callerType
            self.sourceIP = sourceIP
            self.region = region
            self.count = count
            self.threshold = threshold
        }
    }

    /// A reference set the rule reads, and what belongs in it.
    public struct ReferenceSetUse: Sendable, Equatable {
        public var name: String
        public var purpose: String
    }

    /// Stable identifier (`t1496.004-published`).
    public var id: String
    public var title: String
    /// MITRE ATT&CK technique (`T1496.004`).
    public var technique: String
    public var severity: Severity
    /// How sure a finding is, as the rule's source states it.
    public var confidence: String
    public var summary: String
    /// Known benign causes and how to tune them out.
    public var falsePositives: [String]
    /// Where the query lives: `rules/…` in the repository for built-in rules, the path given
    /// for a rule loaded from a file.
    public var file: String
    /// The AQL text.
    public var query: String
    public var layout: TableLayout
    public var referenceSets: [ReferenceSetUse]
    /// Where the rule comes from.
    public var source: String

    public init(id: String, title: String, technique: String, severity: Severity, confidence: String, summary: String,
                falsePositives: [String], file: String, query: String, layout: TableLayout,
                referenceSets: [ReferenceSetUse] = [], source: String) {
        self.id = id
        self.title = title
        self.technique = technique
        self.severity = severity
        self.confidence = confidence
        self.summary = summary
        self.falsePositives = falsePositives
        self.file = file
        self.query = query
        self.layout = layout
        self.referenceSets = referenceSets
        self.source = source
    }
}

extension DetectionRule {
    /// A rule read from an `.aql` file (`skua validate --rules`): the file holds the query alone,
    /// so everything else is plain. The id is `id` when given, else the file name without
    /// `.aql`; a file named like a built-in rule's id (`t1496.004-tuned.aql`) is checked against
    /// that rule's expectations.
    public static func load(file path: String, id: String? = nil) throws(RuleFileError) -> DetectionRule {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleFileError("cannot read rule file \(path)")
        }
        guard let query = String(validating: data, as: UTF8.self) else {
            throw RuleFileError("rule file \(path) is not UTF-8 text")
        }
        let base = (path as NSString).lastPathComponent
        let name = id ?? (base.hasSuffix(".aql") ? String(base.dropLast(4)) : base)
        return DetectionRule(id: name, title: "Rule file \(base)", technique: "", severity: .medium, confidence: "unstated",
                             summary: "Read from \(path).", falsePositives: [], file: path, query: query,
                             layout: .cloudServiceHijacking, source: path)
    }
}

/// A rule file that cannot be read.
public struct RuleFileError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
