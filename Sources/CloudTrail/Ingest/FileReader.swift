import Glibc

/// Reads one input end to end: open, sniff, decompress, walk, and account.
///
/// Sniffing looks at content, never at the file name: gzip by its magic bytes (1F 8B), ZIP by
/// `PK\3\4` (not read: extract it first), and otherwise JSON, whose first byte after whitespace
/// and an optional UTF-8 byte-order mark must be `{` or `[`.
struct FileReader {
    let options: IngestOptions
    let table: ProjectionTable
    let wholeDecoder: WholeGzipDecoder
    let buffers = ReadBuffers()
    let progress: IngestProgress?
    /// Where a file's eventID hashes go when it holds more than a stretch of them
    /// (`IngestOptions.eventIDStretch`); `nil` stops counting there instead.
    let sketch: EventIDSketch?

    init(options: IngestOptions, table: ProjectionTable, progress: IngestProgress?, sketch: EventIDSketch? = nil) {
        self.options = options
        self.table = table
        self.progress = progress
        self.sketch = sketch
        self.wholeDecoder = WholeGzipDecoder(maximumOutput: options.maximumValueBytes)
    }

    /// The outcome of one file, or of one piece of a split file.
    struct Result<Sink> {
        var report: FileReport
        var issues: [IngestIssue]
        var sink: Sink
        /// The walk's eventID hashes since its last stretch: distinct, their repeats counted in
        /// `report`, when a whole walk (`read` without `stops`, or piece 0 running to the end)
        /// read to the file's end; otherwise all it met (the join counts their repeats).
        var eventIDs: EventIDLog
        /// Distinct eventID hashes this walk handed to the cross-file sketch in full stretches:
        /// if the walk is a piece that the join drops, the walk that covered its bytes hands the
        /// same IDs over again, and the estimate takes these back (`IngestPipeline`).
        var eventIDsSpilled = 0
        /// For a piece: the index (in the `stops` it was given) of the later piece's start where
        /// its walk stopped; `nil` when it ran to the end of the file.
        var stoppedAt: Int? = nil
        /// Why the stream ended early, if it did (kept apart for pieces, whose outcome is decided
        /// when they are joined).
        var problem: SourceProblem? = nil
        /// For a piece: the bytes it accounts for (from its start to where it stopped).
        var coveredBytes: Int64 = 0
        /// Stream offset where the walk ended (where damage is reported).
        var endOffset: Int64 = 0
    }

    /// Reads a whole file; with `stops` (starts of the file's later pieces), only up to the first
    /// of them its walk reaches in the state of `shape`.
    func read<Sink: RecordSink>(_ input: InputFile, fileIndex: Int32, sink: consuming Sink,
                                stops: [Int64] = [], shape: PieceShape? = nil) -> Result<Sink> {
        var report = FileReport(path: input.path, outcome: .failed)
        var issues: [IngestIssue] = []
        // The sink is passed in and out rather than captured, so it can move (see IngestPipeline).
        func failed(_ sink: consuming Sink, _ reason: String, kind: IngestIssue.Kind = .unreadableFile) -> Result<Sink> {
            issues.append(IngestIssue(file: input.path, kind: kind, reason: reason))
            report.outcome = .failed
            return Result(report: report, issues: issues, sink: sink, eventIDs: EventIDLog())
        }

        let descriptor: Int32
        switch input.kind {
        case .unreadable(let reason):
            return failed(sink, reason)
        case .digestByPath:
            report.outcome = .withoutEvents
            report.isDigestByPath = true
            report.note = "CloudTrail digest (by its CloudTrail-Digest folder)"
            report.bytesRead = input.size
            return Result(report: report, issues: [], sink: sink, eventIDs: EventIDLog())
        case .standardInput:
            descriptor = 0
        case .readable:
            descriptor = open(input.readPath ?? input.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return failed(sink, "cannot open: \(String(cString: strerror(errno)))") }
        }
        defer { if descriptor != 0 { close(descriptor) } }

        var info = stat()
        let isRegular = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        var window: InputWindow
        // A plain file held whole may be mapped rather than copied; it is unmapped after the
        // walk (or here, on an early return), and a change to it meanwhile is reported.
        var mapping: FileMapping? = nil
        defer { _ = mapping?.unmap() }
        if isRegular, let whole = readWhole(descriptor, size: Int(info.st_size)) {
            // The usual case: a regular file small enough to hold, mapped or read in one piece
            // into a buffer the worker reuses (then decompressed into another).
            mapping = whole.mapping
            report.bytesRead = Int64(whole.count)
            progress?.add(bytes: Int64(whole.count))
            let bytes = UnsafeBufferPointer(start: whole.storage, count: whole.count)
            if whole.count == 0 {
                if whole.isOwned { whole.storage.deallocate() }
                report.outcome = .withoutEvents
                report.note = "empty file"
                return Result(report: report, issues: [], sink: sink, eventIDs: EventIDLog())
            }
            if FileReader.isZip(bytes) {
                if whole.isOwned { whole.storage.deallocate() }
                return failed(sink, "ZIP archive: not read (extract it, then point Skua at the folder)")
            }
            if FileReader.isGzip(bytes) {
                report.isGzip = true
                if let decoded = wholeDecoder.decompress(UnsafeRawBufferPointer(bytes), buffers: buffers) {
                    window = decoded.isOwned ? InputWindow(adopting: decoded.storage, count: decoded.count)
                        : InputWindow(borrowing: decoded.storage, count: decoded.count)
                } else {
                    // Several members, damage, or a size libdeflate cannot take in one call.
                    window = InputWindow(source: GzipStreamSource(upstream: OwnedBytesSource(Array(bytes))),
                                         chunk: options.chunkBytes, maximumCapacity: options.maximumValueBytes)
                }
                if whole.isOwned { whole.storage.deallocate() }
            } else {
                window = whole.isOwned ? InputWindow(adopting: whole.storage, count: whole.count)
                    : InputWindow(borrowing: whole.storage, count: whole.count)
            }
        } else {
            // Streamed: standard input, FIFOs, and files too large to hold (or that grew while
            // being read). Sniff the first bytes.
            if isRegular { lseek(descriptor, 0, SEEK_SET) }
            var headBytes = [UInt8](repeating: 0, count: 1 << 16)
            var headCount = 0
            while headCount < 4 {
                let count = headBytes.withUnsafeMutableBufferPointer { Glibc.read(descriptor, $0.baseAddress! + headCount, $0.count - headCount) }
                if count < 0 {
                    if errno == EINTR { continue }
                    return failed(sink, "cannot read: \(String(cString: strerror(errno)))")
                }
                if count == 0 { break }
                headCount += count
            }
            let head = Array(headBytes[0..<headCount])
            if headCount == 0 {
                report.outcome = .withoutEvents
                report.note = "empty file"
                return Result(report: report, issues: [], sink: sink, eventIDs: EventIDLog())
            }
            let sniffed = head.withUnsafeBufferPointer { (isGzip: FileReader.isGzip($0), isZip: FileReader.isZip($0)) }
            if sniffed.isGzip {
                report.isGzip = true
                window = InputWindow(source: GzipStreamSource(upstream: FileSource(descriptor: descriptor, pending: head)),
                                     chunk: options.chunkBytes, maximumCapacity: options.maximumValueBytes)
            } else if sniffed.isZip {
                report.bytesRead = isRegular ? Int64(info.st_size) : Int64(headCount)
                return failed(sink, "ZIP archive: not read (extract it, then point Skua at the folder)")
            } else {
                window = InputWindow(source: FileSource(descriptor: descriptor, pending: head),
                                     chunk: options.chunkBytes, maximumCapacity: options.maximumValueBytes)
            }
        }
        if report.bytesRead == 0 { window.progress = progress }
        defer { window.release() }

        // First bytes of the decoded stream: JSON, empty, or something else?
        guard let start = firstContentByte(&window) else {
            finishCounts(&report, window)
            if let problem = window.problem { return failed(sink, problem.message, kind: .damagedFile) }
            report.outcome = .withoutEvents
            report.note = "empty file (only whitespace)"
            return Result(report: report, issues: [], sink: sink, eventIDs: EventIDLog())
        }
        let first = window.storage[start]
        guard first == JSONByte.openBrace || first == JSONByte.openBracket else {
            finishCounts(&report, window)
            let what = first < 0x20 || first >= 0x7F ? "binary data" : "text starting with \(ScanFailure.describe(first))"
            return failed(sink, "not JSON (\(what))" + (report.isGzip ? " inside the gzip stream" : ""))
        }

        // A file walked in pieces shares the stretch among them, so that the logs the pieces
        // hold until they are joined add up to about one stretch (`IngestOptions.stretch`).
        let context = WalkContext(table: table, sink: sink, path: input.path, fileIndex: fileIndex,
                                  maximumValueBytes: options.maximumValueBytes, eventIDSpill: sketch,
                                  eventIDStretch: options.stretch(pieces: stops.count + 1),
                                  isPiece: !stops.isEmpty)
        var walker = ContainerWalker(window: window, context: context)
        walker.run(from: start, stops: stops, shape: shape)
        window = walker.window
        let eventIDs = walker.stoppedAt == nil ? context.finishEventIDs() : context.eventIDs
        finishCounts(&report, window)
        report.tally = context.tally
        issues = context.issues
        var problem = window.problem
        var damageOffset = window.base + Int64(window.count)
        if let mapped = mapping {
            // A mapping shows changes made while it is walked: a page cut off by a truncation
            // (read as zeros, see FileMapping), or bytes rewritten in place. Either way the
            // file changed under the walk and is reported as damaged.
            mapping = nil
            let firstLost = mapped.unmap()
            var after = stat()
            let stated = fstat(descriptor, &after) == 0
            let sizeNow = stated ? Int64(after.st_size) : nil
            if let firstLost {
                damageOffset = min(firstLost, sizeNow ?? firstLost)
                problem = SourceProblem(.ioError, "the file shrank while it was read (another process truncated or rewrote it): "
                                        + "\(mapped.count) bytes when opened, \(sizeNow.map(String.init) ?? "unknown") now; "
                                        + "its bytes from \(damageOffset) on were not there and read as zeros")
            } else if problem == nil, stated,
                      after.st_size != info.st_size || after.st_mtim.tv_sec != info.st_mtim.tv_sec
                        || after.st_mtim.tv_nsec != info.st_mtim.tv_nsec {
                damageOffset = 0
                problem = SourceProblem(.ioError, "the file changed while it was read (another process wrote to it: "
                                        + "\(mapped.count) bytes when opened, \(after.st_size) now); its records may mix old and new content")
            }
        }
        var covered = window.bytesDelivered
        if let stop = walker.stoppedAt {
            // Joined with later pieces: the outcome is decided over all of them.
            covered = stops[stop]
        } else {
            FileReader.conclude(&report, issues: &issues, problem: problem, damageOffset: damageOffset)
        }
        return Result(report: report, issues: issues, sink: context.sink, eventIDs: eventIDs,
                      eventIDsSpilled: context.eventIDsSpilled, stoppedAt: walker.stoppedAt, problem: problem, coveredBytes: covered, endOffset: window.base + Int64(window.count))
    }

    /// Reads the piece of a plain file that starts at `start`, between two records of `shape`,
    /// up to the first of `stops` (later pieces' starts) its walk reaches, or to the end.
    ///
    /// The result's report holds counts only; the file's outcome is decided when its pieces are
    /// joined (`IngestPipeline`).
    func readPiece<Sink: RecordSink>(_ input: InputFile, fileIndex: Int32, start: Int64, shape: PieceShape,
                                     stops: [Int64], pieceCount: Int, sink: consuming Sink) -> Result<Sink> {
        var report = FileReport(path: input.path, outcome: .failed)
        let descriptor = open(input.readPath ?? input.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0, lseek(descriptor, off_t(start), SEEK_SET) == off_t(start) else {
            let problem = SourceProblem(.ioError, "cannot read from byte \(start): \(String(cString: strerror(errno)))")
            if descriptor >= 0 { close(descriptor) }
            return Result(report: report, issues: [], sink: sink, eventIDs: EventIDLog(), problem: problem)
        }
        defer { close(descriptor) }
        var window = InputWindow(source: FileSource(descriptor: descriptor, pending: []), chunk: options.chunkBytes,
                                 maximumCapacity: options.maximumValueBytes, base: start)
        window.progress = progress
        defer { window.release() }
        let context = WalkContext(table: table, sink: sink, path: input.path, fileIndex: fileIndex,
                                  maximumValueBytes: options.maximumValueBytes, eventIDSpill: sketch,
                                  eventIDStretch: options.stretch(pieces: pieceCount), isPiece: true)
        var walker = ContainerWalker(window: window, context: context)
        walker.runPiece(from: 0, shape: shape, stops: stops)
        window = walker.window
        report.tally = context.tally
        let covered = walker.stoppedAt.map { stops[$0] - start } ?? window.bytesDelivered
        return Result(report: report, issues: context.issues, sink: context.sink, eventIDs: context.eventIDs,
                      eventIDsSpilled: context.eventIDsSpilled, stoppedAt: walker.stoppedAt, problem: window.problem, coveredBytes: covered,
                      endOffset: window.base + Int64(window.count))
    }

    /// Decides a walked file's outcome from its counts, adding the issue that explains a failure.
    static func conclude(_ report: inout FileReport, issues: inout [IngestIssue], problem: SourceProblem?, damageOffset: Int64) {
        let tally = report.tally
        if let problem {
            issues.append(IngestIssue(file: report.path, kind: .damagedFile, offset: damageOffset,
                                      reason: problem.message + (tally.wellFormed == 1 ? "; the record before the damage was kept"
                                          : "; the \(tally.wellFormed) records before the damage were kept")))
            report.outcome = .failed
        } else if tally.wellFormed > 0 {
            report.outcome = .withRecords
        } else if tally.malformed > 0 {
            issues.append(IngestIssue(file: report.path, kind: .unreadableFile,
                                      reason: "no usable records: the JSON is malformed (see the issues above)"))
            report.outcome = .failed
        } else {
            report.outcome = .withoutEvents
            report.note = tally.digestObjects > 0 ? "CloudTrail digest" : "JSON without CloudTrail records"
        }
    }

    private func finishCounts(_ report: inout FileReport, _ window: InputWindow) {
        if report.bytesRead == 0 { report.bytesRead = window.bytesConsumed }
        report.bytesDecoded = window.bytesDelivered
    }

    /// Index of the first byte that is not whitespace or a byte-order mark, reading more as needed.
    private func firstContentByte(_ window: inout InputWindow) -> Int? {
        var index = 0
        if window.count == 0 { _ = window.refill(keepingFrom: 0) }
        while true {
            if index == 0 && window.base == 0 && window.count >= 3
                && window.storage[0] == 0xEF && window.storage[1] == 0xBB && window.storage[2] == 0xBF {
                index = 3
            }
            while index < window.count && JSONByte.isWhitespace(window.storage[index]) { index += 1 }
            if index < window.count { return index }
            guard case .progressed(let shift) = window.refill(keepingFrom: index) else { return nil }
            index -= shift
        }
    }

    /// Sniffing by magic bytes: gzip (1F 8B) and ZIP (`PK\3\4`).
    static func isGzip(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    static func isZip(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    /// The whole of a regular file of `size` bytes, when it is small enough to hold: a gzip file
    /// up to `maximumValueBytes` (it is decompressed in one call), a plain one up to
    /// `chunkBytes` (larger plain files stream, so a worker never holds more than a chunk of
    /// one). A plain file from `IngestOptions.mappingThreshold` up is mapped (`mapping` is then
    /// set and `storage` is the mapping) when `mapsFiles` is on; others are copied. `nil` means
    /// "stream it": too large, gzip decompression forced to zlib streaming, a read error (the
    /// streaming path reports it), or a file that grew since `fstat`.
    private func readWhole(_ descriptor: Int32, size: Int)
        -> (storage: UnsafeMutablePointer<UInt8>, count: Int, isOwned: Bool, mapping: FileMapping?)? {
        guard size >= 0, size <= options.maximumValueBytes else { return nil }
        // Sniffed once, here: gzip is decompressed whole, ZIP reported; neither is mapped.
        var magic: UInt32 = 0
        let sniffed = size > 0 ? pread(descriptor, &magic, min(4, size), 0) : 0
        if sniffed < min(4, size) { return nil }
        let isGzip = sniffed >= 2 && UInt16(truncatingIfNeeded: magic) == 0x8B1F   // 1F 8B, little-endian
        let isZip = sniffed == 4 && magic == 0x0403_4B50                              // P K 03 04
        if isGzip ? options.decompression != .automatic : size > options.chunkBytes { return nil }
        var extra: UInt8 = 0
        if !isGzip && !isZip && options.mapsFiles && size >= IngestOptions.mappingThreshold {
            guard pread(descriptor, &extra, 1, off_t(size)) == 0 else { return nil }   // grew
            if let mapped = FileMapping(descriptor: descriptor, size: size) {
                return (mapped.storage, mapped.count, false, mapped)
            }
        }
        let (storage, isOwned) = buffers.buffer(.file, count: size)
        var filled = 0
        while filled < size {
            let count = pread(descriptor, storage + filled, size - filled, off_t(filled))
            if count < 0 {
                if errno == EINTR { continue }
                if isOwned { storage.deallocate() }
                return nil
            }
            if count == 0 { break }   // shrank: what is there is the file
            filled += count
        }
        if pread(descriptor, &extra, 1, off_t(filled)) > 0 {
            if isOwned { storage.deallocate() }
            return nil
        }
        (storage + filled).initialize(repeating: 0, count: JSONByte.readPadding)
        return (storage, filled, isOwned, nil)
    }
}
