import AQL
import CloudTrail
import Foundation

/// How a hunt runs.
public struct HuntOptions: Sendable {
    /// The hunt window (inclusive); `nil` bounds mean the whole input.
    public var since: Int64?
    public var until: Int64?
    /// "Now" for any `NOW()` left after the window is replaced; the wall clock by default.
    public var now: Int64?
    public var timeZone: TimeZone
    public var referenceSets: ReferenceSets
    public var catalog: PropertyCatalog
    public var ingest: IngestOptions

    public init(since: Int64? = nil, until: Int64? = nil, now: Int64? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                referenceSets: ReferenceSets = ReferenceSets(), catalog: PropertyCatalog = .builtIn, ingest: IngestOptions = IngestOptions()) {
        self.since = since
        self.until = until
        self.now = now
        self.timeZone = timeZone
        self.referenceSets = referenceSets
        self.catalog = catalog
        self.ingest = ingest
    }
}

/// A rule whose query did not parse or plan.
public struct RuleError: Error, Sendable, CustomStringConvertible {
    public var rule: DetectionRule
    public var message: String
    public var description: String { message }
}

/// One rule's part of a hunt.
public struct RuleOutcome: Sendable {
    public var rule: DetectionRule
    public var plan: QueryPlan
    public var result: AQLResult
    public var findings: [Finding]
}

/// Everything a hunt produced.
public struct HuntResult: Sendable {
    public var outcomes: [RuleOutcome]
    public var report: IngestReport
    public var now: Int64
}

/// Runs a pack of rules over the input in one pass: one projection holding every property any
/// rule reads, one executor per rule inside each worker's sink.
public enum PackRunner {
    /// Parses and plans every rule for hunt mode.
    public static func plan(_ rules: [DetectionRule], options: HuntOptions) throws(RuleError) -> [(DetectionRule, QueryPlan)] {
        let now = options.now ?? Int64(Date().timeIntervalSince1970 * 1000)
        let aqlOptions = AQLOptions(now: now, timeZone: options.timeZone, referenceSets: options.referenceSets,
                                    catalog: options.catalog, mode: .hunt(since: options.since, until: options.until))
        var planned: [(DetectionRule, QueryPlan)] = []
        for rule in rules {
            do {
                let query = try AQLParser.parse(rule.query)
                planned.append((rule, try AQLAnalyzer.plan(query, options: aqlOptions)))
            } catch let error as AQLSyntaxError {
                throw RuleError(rule: rule, message: error.rendered(query: rule.query, file: rule.file))
            } catch let error as AQLSemanticError {
                throw RuleError(rule: rule, message: error.rendered(query: rule.query, file: rule.file))
            } catch {
                throw RuleError(rule: rule, message: "\(rule.file): \(error)")
            }
        }
        return planned
    }

    /// Runs planned rules over discovered inputs.
    public static func run(_ planned: [(DetectionRule, QueryPlan)], files: (files: [InputFile], notices: [IngestIssue]),
                           options: HuntOptions, progress: IngestProgress = IngestProgress()) -> HuntResult {
        let table = ProjectionTable(paths: planned.flatMap { $0.1.properties.flatMap(\.paths) })
        let prepared = planned.map { PreparedQuery($0.1, table: table) }
        let pipeline = IngestPipeline(table: table, options: options.ingest, progress: progress)
        let outcome = pipeline.run(files: files.files, notices: files.notices) {
            PackExecutor(executors: prepared.map(QueryExecutor.init))
        }
        var merged = outcome.sinks[0].executors
        for sink in outcome.sinks.dropFirst() {
            for index in merged.indices { merged[index].merge(sink.executors[index]) }
        }
        var outcomes: [RuleOutcome] = []
        for (index, (rule, plan)) in planned.enumerated() {
            let result = merged[index].finish()
            let findings = result.rows.map { row in
                Finding(rule: rule.reference, columns: result.columns, values: row.values, firstEventTime: row.firstEventTime,
                        lastEventTime: row.lastEventTime, eventCount: row.eventCount)
            }
            outcomes.append(RuleOutcome(rule: rule, plan: plan, result: result, findings: findings))
        }
        return HuntResult(outcomes: outcomes, report: outcome.report, now: planned.first?.1.options.now ?? 0)
    }
}

/// One worker's executors, one per rule, fed the same records.
struct PackExecutor: RecordSink {
    var executors: [QueryExecutor]

    mutating func consume(_ record: ScannedRecord) {
        for index in 0..<executors.count { executors[index].consume(record) }
    }
}
