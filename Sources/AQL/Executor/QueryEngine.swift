import CloudTrail

/// Runs one query over files: the ingest pipeline feeding one executor per worker, merged.
public enum QueryEngine {
    /// What a run produced.
    public struct Run: Sendable {
        public var result: AQLResult
        public var report: IngestReport
    }

    /// Runs `plan` over everything under `paths`.
    public static func run(_ plan: QueryPlan, paths: [String], ingest: IngestOptions = IngestOptions(),
                           progress: IngestProgress = IngestProgress()) -> Run {
        run(PreparedQuery(plan), files: InputDiscovery.discover(paths), ingest: ingest, progress: progress)
    }

    /// Runs a prepared query over discovered inputs.
    public static func run(_ prepared: PreparedQuery, files discovered: (files: [InputFile], notices: [IngestIssue]),
                           ingest: IngestOptions, progress: IngestProgress = IngestProgress()) -> Run {
        let pipeline = IngestPipeline(table: prepared.table, options: ingest, progress: progress)
        let outcome = pipeline.run(files: discovered.files, notices: discovered.notices) { QueryExecutor(prepared) }
        var merged = outcome.sinks[0]
        for other in outcome.sinks.dropFirst() { merged.merge(other) }
        return Run(result: merged.finish(), report: outcome.report)
    }

    /// The newest `eventTime` under `paths` (a quick first pass: only `eventTime` is read), for
    /// "now" when the user gives none. `progress` counts it for a progress display.
    public static func newestEventTime(files discovered: (files: [InputFile], notices: [IngestIssue]), ingest: IngestOptions,
                                       progress: IngestProgress = IngestProgress()) -> Int64? {
        let pipeline = IngestPipeline(table: ProjectionTable(paths: []), options: ingest, progress: progress)
        let outcome = pipeline.run(files: discovered.files, notices: discovered.notices) { NewestTimeSink() }
        return outcome.sinks.compactMap(\.newest).max()
    }

    private struct NewestTimeSink: RecordSink {
        var newest: Int64?
        mutating func consume(_ record: ScannedRecord) {
            newest = max(newest ?? record.eventTime, record.eventTime)
        }
    }
}
