import Dispatch
import Synchronization

/// Paths in, records out to sinks, and a full account of everything read.
///
/// Work is spread over `options.workers` threads. The work items are whole files and, for a
/// large plain file, its pieces (`FileSplitter`): each worker takes the next item from a shared
/// counter. A whole file is read with the worker's own reader, decoder and sink. A piece gets a
/// sink of its own, because it is a guess until the walk of the piece before it has confirmed
/// its start; at the end the confirmed pieces of each file are joined in order (their counts,
/// issues and sinks), and a piece whose start was not confirmed is dropped, its stretch having
/// been walked by the piece before. Records inside one item reach a sink in file order; sinks
/// see items in no fixed order, and callers that need determinism order by `RecordLocation`.
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
        /// One sink per worker that took part (at least one), then one per confirmed piece of a
        /// split file: merge them all.
        public var sinks: [Sink]
        public var report: IngestReport
    }

    /// Discovers and reads everything under `paths`.
    public func run<Sink: RecordSink>(paths: [String], makeSink: () -> Sink) -> Outcome<Sink> {
        let (files, notices) = InputDiscovery.discover(paths)
        return run(files: files, notices: notices, makeSink: makeSink)
    }

    /// One unit of work.
    private enum WorkItem {
        case file(Int)
        /// Piece `piece` (≥ 1) of file `file`; piece 0 is read as `.file` with stops.
        case piece(file: Int, piece: Int)
    }

    /// Reads the given inputs (already discovered).
    public func run<Sink: RecordSink>(files: [InputFile], notices: [IngestIssue] = [], makeSink: () -> Sink) -> Outcome<Sink> {
        progress.totalFiles.store(files.count, ordering: .relaxed)
        progress.totalBytes.store(files.reduce(0) { $0 + $1.size }, ordering: .relaxed)
        let splits = planSplits(files)
        let items: [WorkItem] = files.indices.flatMap { index -> [WorkItem] in
            let pieces = splits[index].map { split in (1..<split.starts.count).map { WorkItem.piece(file: index, piece: $0) } }
            return [.file(index)] + (pieces ?? [])
        }
        let workerCount = max(1, min(options.workers, items.count))
        let shared = SharedRun<Sink>(fileCount: files.count, sinks: (0..<workerCount).map { _ in makeSink() }, splits: splits,
                                     makeSink: makeSink)
        let nextItem = Atomic<Int>(0)
        let sketch = EventIDSketch()
        let options = self.options
        let table = self.table
        let progress = self.progress

        DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
            let reader = FileReader(options: options, table: table, progress: progress, sketch: sketch)
            var sink = shared.takeSink(worker)
            while true {
                let itemIndex = nextItem.add(1, ordering: .relaxed).oldValue
                guard itemIndex < items.count else { break }
                switch items[itemIndex] {
                case .file(let index):
                    if let split = splits[index] {
                        let result = reader.read(files[index], fileIndex: Int32(index), sink: shared.takePieceSink(index, 0),
                                                 stops: Array(split.starts.dropFirst()), shape: split.shape)
                        shared.storePiece(index, 0, result)
                        continue
                    }
                    // `consume`: the sink moves into the reader and back, so its arrays stay uniquely
                    // referenced; a copy left here made every file copy all groups on first write.
                    let result = reader.read(files[index], fileIndex: Int32(index), sink: consume sink)
                    sink = result.sink
                    _ = result.eventIDs.hashes.withUnsafeBufferPointer { sketch.add(distinct: $0) }
                    shared.store(index, report: result.report, issues: result.issues)
                    progress.filesDone.add(1, ordering: .relaxed)
                case .piece(let index, let piece):
                    let split = splits[index]!
                    let result = reader.readPiece(files[index], fileIndex: Int32(index), start: split.starts[piece],
                                                  shape: split.shape, stops: Array(split.starts.dropFirst(piece + 1)),
                                                  pieceCount: split.starts.count, sink: shared.takePieceSink(index, piece))
                    shared.storePiece(index, piece, result)
                }
            }
            shared.returnSink(worker, sink)
        }

        // IDs that dropped pieces handed to the sketch in full stretches: handed over twice.
        var handedTwice = 0
        for (index, split) in splits.enumerated() {
            guard let split else { continue }
            let (report, issues, hashes, droppedSpills) = shared.joinPieces(of: index, split: split)
            _ = hashes.withUnsafeBufferPointer { sketch.add(distinct: $0) }
            handedTwice += droppedSpills
            shared.store(index, report: report, issues: issues)
            progress.filesDone.add(1, ordering: .relaxed)
        }

        var report = IngestReport()
        for notice in notices { report.issues.append(notice) }
        for (fileReport, fileIssues) in shared.results() {
            report.add(fileReport, issues: fileIssues)
        }
        let estimate = sketch.estimate
        // Each ID a dropped piece handed to the sketch is handed over again by the walk that
        // covered its bytes, and whichever came second counted it as a repeat: take those back.
        // (A dropped piece that began inside a string may have met a "record" no kept walk
        // meets; then this takes back one too many, never too few.)
        report.duplicateEventIDsAcrossFilesEstimate = max(0, estimate.repeats - handedTwice)
        report.duplicateEstimateExpectedFalsePositives = estimate.expectedFalsePositives
        return Outcome(sinks: shared.allSinks(), report: report)
    }

    /// Which files to cut into pieces, and where.
    ///
    /// Only when there is more than one worker, and only files large enough that a piece of
    /// them is at least `options.splitBytes` and at least an eighth of one worker's share of the
    /// whole input: many files keep the workers busy without pieces, and every piece holds a
    /// sink until the end, so pieces stay few (at most eight per worker and file).
    private func planSplits(_ files: [InputFile]) -> [FileSplit?] {
        guard options.workers > 1 else { return Array(repeating: nil, count: files.count) }
        let total = files.reduce(Int64(0)) { $0 + $1.size }
        let pieceBytes = max(Int64(options.splitBytes), total / Int64(options.workers * 8))
        return files.map { file in
            guard file.kind == .readable, pieceBytes > 0, file.size >= 2 * pieceBytes else { return nil }
            let count = Int(min(Int64(options.workers * 8), file.size / pieceBytes))
            return FileSplitter.split(file, into: count)
        }
    }
}

/// Per-run storage the workers write into.
///
/// @unchecked Sendable: every field is guarded by `lock`; a sink is handed to exactly one worker
/// (`takeSink`, `takePieceSink`) and back (`returnSink`, `storePiece`) through the lock, so it is
/// never used by two threads.
private final class SharedRun<Sink: RecordSink>: @unchecked Sendable {
    private let lock = Mutex(())
    private var sinks: [Sink?]
    private var reports: [(FileReport, [IngestIssue])?]
    /// Per split file: a sink for each piece, then each piece's result.
    private var pieceSinks: [Int: [Sink?]] = [:]
    private var pieceResults: [Int: [FileReader.Result<Sink>?]] = [:]
    private var joinedSinks: [Sink] = []

    init(fileCount: Int, sinks: [Sink], splits: [FileSplit?], makeSink: () -> Sink) {
        self.sinks = sinks
        self.reports = Array(repeating: nil, count: fileCount)
        for (index, split) in splits.enumerated() {
            guard let split else { continue }
            pieceSinks[index] = split.starts.map { _ in makeSink() }
            pieceResults[index] = Array(repeating: nil, count: split.starts.count)
        }
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

    func takePieceSink(_ file: Int, _ piece: Int) -> Sink {
        lock.withLock { _ in
            defer { pieceSinks[file]![piece] = nil }
            return pieceSinks[file]![piece]!
        }
    }

    func storePiece(_ file: Int, _ piece: Int, _ result: FileReader.Result<Sink>) {
        lock.withLock { _ in pieceResults[file]![piece] = result }
    }

    func store(_ index: Int, report: FileReport, issues: [IngestIssue]) {
        lock.withLock { _ in reports[index] = (report, issues) }
    }

    /// Joins the confirmed pieces of a split file: piece 0, then the piece where its walk
    /// stopped, and so on to the one that reached the end. Their sinks are kept for the caller;
    /// the other pieces are dropped. Returns the file's report and issues, the distinct eventID
    /// hashes left for the sketch, and how many the dropped pieces handed to it already.
    func joinPieces(of file: Int, split: FileSplit) -> (FileReport, [IngestIssue], [UInt64], Int) {
        lock.withLock { _ in
            let results = pieceResults[file]!
            var piece = 0
            var report = results[0]!.report
            var issues: [IngestIssue] = []
            var tally = IngestTally()
            var covered: Int64 = 0
            var chain: [FileReader.Result<Sink>] = []
            var kept = Set<Int>()
            while true {
                let result = results[piece]!
                chain.append(result)
                kept.insert(piece)
                tally.add(result.report.tally)
                issues += result.issues
                covered += result.coveredBytes
                joinedSinks.append(result.sink)
                // Stops are counted from the piece after `piece`.
                guard let stop = result.stoppedAt else { break }
                piece += 1 + stop
            }
            let joined = chain.count
            let last = chain[joined - 1]
            let droppedSpills = results.indices.reduce(0) { sum, index in
                kept.contains(index) ? sum : sum + (results[index]?.eventIDsSpilled ?? 0)
            }
            pieceResults[file] = nil
            report.pieces = joined
            report.piecesDropped = split.starts.count - joined
            // Piece 0 ran to the end: already concluded, its hashes distinct and repeats counted.
            if joined == 1 { return (report, issues, last.eventIDs.hashes, droppedSpills) }
            // The union of the pieces' eventIDs (bucketed: see `EventIDLog.union(of:)`).
            let (hashes, repeats) = EventIDLog.union(of: chain.map(\.eventIDs))
            // An eventID seen in two pieces is a repeat within the file, as it would have been in one walk.
            tally.duplicateEventIDsWithinFiles += repeats
            report.tally = tally
            report.bytesRead = covered
            report.bytesDecoded = covered
            FileReader.conclude(&report, issues: &issues, problem: last.problem, damageOffset: last.endOffset)
            return (report, issues, hashes, droppedSpills)
        }
    }

    func results() -> [(FileReport, [IngestIssue])] {
        lock.withLock { _ in reports.compactMap { $0 } }
    }

    func allSinks() -> [Sink] {
        lock.withLock { _ in sinks.compactMap { $0 } + joinedSinks }
    }
}
