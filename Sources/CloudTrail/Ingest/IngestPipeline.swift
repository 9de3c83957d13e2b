import Dispatch
import Synchronization

/// Paths in, records out to per-worker sinks, and a full account of everything read.
///
/// Files are spread over `options.workers` threads: each worker takes the next file from a
/// shared counter, reads it whole with its own reader, decoder and sink, and moves on. Each file
/// is read by one worker, so records inside a file reach a sink in file order; sinks see files
/// in no fixed order, and callers that need determinism order by `RecordLocation`.
public struct IngestPipeline {
    public let options: IngestOptions
    public let table: ProjectionTable
    public let progress: IngestProgress

    public init(table: ProjectionTable, options: IngestOptions = IngestOptions(), progress: IngestProgress = IngestProgress()) {
        self.table = table
        self.options = options
        self.progress = progress
    }

    /// What a run produced.
    public struct Outcome<Sink> {
        /// One sink per worker that took part (at least one).
        public var sinks: [Sink]
        public var report: IngestReport
    }

    /// Discovers and reads everything under `paths`.
    public func run<Sink: RecordSink>(paths: [String], makeSink: () -> Sink) -> Outcome<Sink> {
        let (files, notices) = InputDiscovery.discover(paths)
        return run(files: files, notices: notices, makeSink: makeSink)
    }

    /// Reads the given inputs (already discovered).
    public func run<Sink: RecordSink>(files: [InputFile], notices: [IngestIssue] = [], makeSink: () -> Sink) -> Outcome<Sink> {
        progress.totalFiles.store(files.count, ordering: .relaxed)
        progress.totalBytes.store(files.reduce(0) { $0 + $1.size }, ordering: .relaxed)
        let workerCount = max(1, min(options.workers, files.count))
        let shared = SharedRun<Sink>(fileCount: files.count, sinks: (0..<workerCount).map { _ in makeSink() })
        let nextFile = Atomic<Int>(0)
        let sketch = EventIDSketch()
        let options = self.options
        let table = self.table
        let progress = self.progress

        DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
            let reader = FileReader(options: options, table: table, progress: progress)
            var sink = shared.takeSink(worker)
            while true {
                let index = nextFile.add(1, ordering: .relaxed).oldValue
                guard index < files.count else { break }
                // `consume`: the sink moves into the reader and back, so its arrays stay uniquely
                // referenced; a copy left here made every file copy all groups on first write.
                let result = reader.read(files[index], fileIndex: Int32(index), sink: consume sink)
                sink = result.sink
                sketch.add(result.eventIDHashes)
                shared.store(index, report: result.report, issues: result.issues)
                progress.filesDone.add(1, ordering: .relaxed)
            }
            shared.returnSink(worker, sink)
        }

        var report = IngestReport()
        for notice in notices { report.issues.append(notice) }
        for (fileReport, fileIssues) in shared.results() {
            report.add(fileReport, issues: fileIssues)
        }
        let estimate = sketch.estimate
        report.duplicateEventIDsAcrossFilesEstimate = estimate.repeats
        report.duplicateEstimateExpectedFalsePositives = estimate.expectedFalsePositives
        return Outcome(sinks: shared.allSinks(), report: report)
    }
}

/// Per-run storage the workers write into.
///
/// @unchecked Sendable: every field is guarded by `lock`; a sink is handed to exactly one worker
/// (`takeSink`) and back (`returnSink`) through the lock, so it is never used by two threads.
private final class SharedRun<Sink>: @unchecked Sendable {
    private let lock = Mutex(())
    private var sinks: [Sink?]
    private var reports: [(FileReport, [IngestIssue])?]

    init(fileCount: Int, sinks: [Sink]) {
        self.sinks = sinks
        self.reports = Array(repeating: nil, count: fileCount)
    }

    func takeSink(_ worker: Int) -> Sink {
        lock.withLock { _ in
            defer { sinks[worker] = nil }
            return sinks[worker]!
        }
    }

    func returnSink(_ worker: Int, _ sink: Sink) {
        lock.withLock { _ in sinks[worker] = sink }
    }

    func store(_ index: Int, report: FileReport, issues: [IngestIssue]) {
        lock.withLock { _ in reports[index] = (report, issues) }
    }

    func results() -> [(FileReport, [IngestIssue])] {
        lock.withLock { _ in reports.compactMap { $0 } }
    }

    func allSinks() -> [Sink] {
        lock.withLock { _ in sinks.compactMap { $0 } }
    }
}
