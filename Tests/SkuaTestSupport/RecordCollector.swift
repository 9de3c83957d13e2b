import CloudTrail

/// A sink that keeps what tests look at: each record's location, time and a few fields.
public struct RecordCollector: RecordSink {
    public struct Seen: Sendable, Equatable {
        public var location: RecordLocation
        public var eventTime: Int64
        public var eventName: String?
        public var eventSource: String?
        /// The extra projected paths, in the order given to `RecordCollector.table(extra:)`.
        public var extra: [String?]
    }

    public private(set) var seen: [Seen] = []
    let extraSlots: [Int]
    let sourceSlot: Int
    let nameSlot: Int

    public init(table: ProjectionTable, extra: [PropertyPath] = []) {
        extraSlots = extra.map { table.slot(for: $0)! }
        sourceSlot = table.slot(for: .eventSource)
        nameSlot = table.slot(for: .eventName)
    }

    public mutating func consume(_ record: ScannedRecord) {
        seen.append(Seen(location: record.location, eventTime: record.eventTime,
                         eventName: record.text(nameSlot), eventSource: record.text(sourceSlot),
                         extra: extraSlots.map { record.text($0) }))
    }
}

/// Runs the ingest over paths and returns the records (in input order) and the report.
public func collect(_ paths: [String], extra: [PropertyPath] = [], options: IngestOptions = IngestOptions(workers: 2))
    -> (records: [RecordCollector.Seen], report: IngestReport) {
    let table = ProjectionTable(paths: extra)
    let pipeline = IngestPipeline(table: table, options: options)
    let outcome = pipeline.run(paths: paths) { RecordCollector(table: table, extra: extra) }
    let records = outcome.sinks.flatMap(\.seen).sorted { $0.location < $1.location }
    return (records, outcome.report)
}
