/*
 The container walker: finds CloudTrail records in any JSON layout, by shape.

 A record is an object with `eventSource`, `eventName`, and `eventTime` or `eventVersion`
 (Insight records: `"eventType": "AwsCloudTrailInsight"`). Everything else is a container to
 look inside. One state machine covers every delivery shape:

   {"Records":[r,r,…]}           the root's first key is a wrapper key: walked at once
   [r,r,…]                       an array frame; each element is a candidate
   r\n r\n …                      several top-level values ("line mode" once they sit on lines)
   {"Events":[{…,"CloudTrailEvent":"{…}"}]}   a string that holds JSON is decoded and walked
   EventBridge {"detail":r}, CloudWatch Logs {"logEvents":[{"message":"r"}]}, `_raw`, `aws.cloudtrail`…

 How an object is handled. At an opening brace the walker asks the record scanner to scan the
 whole object as a *candidate* with the projection (one pass: grammar checked, fields noted).
   - record shape        → counted and handed to the sink; the walk moves past it;
   - digest object       → counted;
   - anything else       → a container: the walker pushes a frame and walks its members, so
                            each nested object becomes a candidate in turn;
   - a wrapper key first → (`Records`, `Events`, `logEvents` with an array) the scanner stops at
                            once and the walker descends, so a big S3 object is read once.
 Strings: a string in a container whose text starts with `{` or `[` and mentions `eventSource`,
 `eventVersion` or `eventType` is decoded and walked as a document of its own (depth-capped).

 Streaming. The walker holds a stack of frames, not a call stack, so it can stop at any token,
 let the window slide forward (`InputWindow.refill`), and go on. Only a candidate must fit in the
 window whole; one that does not (larger than `maximumValueBytes`) is walked as a container and,
 if its keys show it was a record, reported as skipped. A string too large for the window is
 stepped over without being held.

 Damage. When the grammar breaks:
   - a broken candidate that had begun to look like a record is one malformed stretch; the search
     restarts one byte after its opening brace, so an intact record nested in damage is found;
   - a broken container is walked anyway (its intact members are found) until the walk meets the
     damage itself;
   - then, in line mode (JSON Lines), the walk resumes at the next line; otherwise it enters
     *recovery*: it looks for the next `{` and tries a candidate there, until the input ends.
 Failures until the next good record belong to one stretch, which is counted once, with the
 position and reason of its first failure (`WalkContext.fail`).

 Pieces. A large plain file is walked in pieces on several workers (`FileSplitter`). A piece
 that does not start the file begins in the state a walk is in between two records of the
 file's shape (`PieceStart`): inside the `Records` array, inside a bare array, or between lines.
 That is a guess (the boundary `},{` may sit inside a string), so the walk of the piece before
 checks it: at every point where a value may start, it compares its position with the next
 piece's start; arriving there exactly, in the state the piece assumed, with no malformed
 stretch open and no recovery under way, it stops (`stoppedAt`). From there on the piece's walk
 is the walk this one would have done, so their results join without a seam. A walk that passes
 a start without stopping there simply goes on, and the piece that began there is discarded.
*/

import Glibc

/// Walks one byte stream (a file, or a JSON document found in a string), finding records.
struct ContainerWalker<Sink: RecordSink> {
    private(set) var window: InputWindow
    private let context: WalkContext<Sink>
    /// For a document found inside a JSON string: the string's offset in the file.
    private let embeddedAt: Int64?
    private let embeddingDepth: Int

    private var frames: [Frame] = []
    private var pos = 0
    private var recovering = false
    private var skippingLine = false
    private var lineMode = false
    private var completedDocumentValues = 0
    private var sawNewlineSinceDocumentValue = false
    private var lastFailure: (position: Int, reason: ScanFailure.Reason)?
    private var lineCache = (index: 0, line: 1, lineStart: 0)

    /// Starts of the pieces after this walk's own (stream offsets, ascending), and their state.
    private var pieceStops: [Int64] = []
    private var pieceShape: PieceShape?
    private var nextPieceStop = 0
    /// Index in `pieceStops` of the piece start where the walk stopped; `nil` if it ran to the end.
    private(set) var stoppedAt: Int?

    static var maximumEmbeddingDepth: Int { 4 }
    static var maximumFrames: Int { RecordScanner.maxDepth }
    private static var tooLarge: Int { -4 }

    private struct Frame {
        var isObject: Bool
        var state: State
        /// Stream offset of an object too large to scan as a candidate, else -1.
        var oversizeStart: Int64 = -1
        /// For such an object: which record keys it has shown (bits: source, name, time, version).
        var recordKeys: UInt8 = 0
    }

    private enum State { case keyOrEnd, key, colon, value, commaOrEnd, valueOrEnd }

    init(window: InputWindow, context: WalkContext<Sink>, embeddedAt: Int64? = nil, embeddingDepth: Int = 0) {
        self.window = window
        self.context = context
        self.embeddedAt = embeddedAt
        self.embeddingDepth = embeddingDepth
    }

    /// Walks from `start` to the end of the input, or to the first of `stops` (starts of later
    /// pieces of the same file) that it reaches in the state of `shape`.
    mutating func run(from start: Int = 0, stops: [Int64] = [], shape: PieceShape? = nil) {
        pos = start
        pieceStops = stops
        pieceShape = shape
        while step() {}
    }

    /// Walks a piece that begins between two records of `shape`, at `start`.
    mutating func runPiece(from start: Int, shape: PieceShape, stops: [Int64]) {
        switch shape {
        case .lines:
            lineMode = true
            completedDocumentValues = 1
            sawNewlineSinceDocumentValue = true
        case .bareArray:
            frames = [Frame(isObject: false, state: .value)]
        case .recordsArray:
            frames = [Frame(isObject: true, state: .value), Frame(isObject: false, state: .value)]
        }
        run(from: start, stops: stops, shape: shape)
    }

    /// Whether the walk, about to read a value at `pos`, has reached the start of a later piece
    /// in the state that piece assumed (see "Pieces" above).
    private mutating func reachedPieceStart() -> Bool {
        let offset = window.base + Int64(pos)
        while nextPieceStop < pieceStops.count && pieceStops[nextPieceStop] < offset {
            // Passed without stopping: the piece that began there will be dropped.
            nextPieceStop += 1
            context.absorbPieceShare()
        }
        guard nextPieceStop < pieceStops.count, pieceStops[nextPieceStop] == offset, let pieceShape else { return false }
        guard !recovering, !skippingLine, !context.stretchOpen else { return false }
        let inAssumedState: Bool
        switch pieceShape {
        case .lines:
            inAssumedState = frames.isEmpty && lineMode && completedDocumentValues > 0 && sawNewlineSinceDocumentValue
        case .bareArray:
            inAssumedState = frames.count == 1 && !lineMode && completedDocumentValues == 0
                && ContainerWalker.isPlain(frames[0], isObject: false)
        case .recordsArray:
            inAssumedState = frames.count == 2 && !lineMode && completedDocumentValues == 0
                && ContainerWalker.isPlain(frames[0], isObject: true) && ContainerWalker.isPlain(frames[1], isObject: false)
        }
        guard inAssumedState else { return false }
        stoppedAt = nextPieceStop
        return true
    }

    private static func isPlain(_ frame: Frame, isObject: Bool) -> Bool {
        frame.isObject == isObject && frame.state == .value && frame.oversizeStart < 0
    }

    // MARK: - The loop

    private mutating func step() -> Bool {
        if skippingLine { return skipLine() }
        if recovering && frames.isEmpty { return recover() }
        // Whitespace, noting line breaks between top-level values (line-mode detection).
        let storage = window.storage
        let atTop = frames.isEmpty
        while pos < window.count {
            let byte = storage[pos]
            guard JSONByte.isWhitespace(byte) else { break }
            if atTop && byte == JSONByte.newline { sawNewlineSinceDocumentValue = true }
            pos += 1
        }
        if pos >= window.count {
            if refill(keepingFrom: pos) { return true }
            if !frames.isEmpty {
                lastFailure = (pos, .unexpectedEnd)
                return fail(candidateStart: nil)
            }
            return false
        }
        if nextPieceStop < pieceStops.count && reachedPieceStart() { return false }
        let byte = storage[pos]
        guard let top = frames.indices.last else {
            if byte == 0xEF, let skipped = skipByteOrderMark() { return skipped }
            if completedDocumentValues > 0 && sawNewlineSinceDocumentValue { lineMode = true }
            return value()
        }
        let frame = frames[top]
        if frame.isObject {
            switch frame.state {
            case .keyOrEnd where byte == JSONByte.closeBrace:
                return close()
            case .keyOrEnd, .key:
                guard byte == JSONByte.quote else { return unexpected(expected: "a key string") }
                return key()
            case .colon:
                guard byte == JSONByte.colon else { return unexpected(expected: "':'") }
                pos += 1
                frames[top].state = .value
                return true
            case .value, .valueOrEnd:
                return value()
            case .commaOrEnd:
                if byte == JSONByte.comma {
                    pos += 1
                    frames[top].state = .key
                    return true
                }
                if byte == JSONByte.closeBrace { return close() }
                return unexpected(expected: "',' or '}'")
            }
        } else {
            switch frame.state {
            case .valueOrEnd where byte == JSONByte.closeBracket:
                return close()
            case .commaOrEnd:
                if byte == JSONByte.comma {
                    pos += 1
                    frames[top].state = .value
                    return true
                }
                if byte == JSONByte.closeBracket { return close() }
                return unexpected(expected: "',' or ']'")
            default:
                return value()
            }
        }
    }

    /// Steps over a UTF-8 byte-order mark where a top-level value may start: each file of a
    /// concatenation (`cat a.json b.json`) may begin with one. `nil` when the bytes at `pos` are
    /// not one, so they are read as a value (and fail as one).
    private mutating func skipByteOrderMark() -> Bool? {
        if pos + 3 > window.count {
            return !window.isFinal && refill(keepingFrom: pos) ? true : nil
        }
        let storage = window.storage
        guard storage[pos + 1] == 0xBB && storage[pos + 2] == 0xBF else { return nil }
        pos += 3
        return true
    }

    /// Slides the window; false when the input is exhausted.
    private mutating func refill(keepingFrom keep: Int) -> Bool {
        switch window.refill(keepingFrom: keep) {
        case .progressed(let shift):
            pos -= shift
            if lineCache.index >= shift { lineCache = (0, 1, 0) }
            return true
        case .full, .exhausted:
            return false
        }
    }

    /// Runs a scanner function from `pos`, sliding the window until the token fits.
    private mutating func scanAtPosition(_ body: (inout RecordScanner, Int) -> Int) -> Int {
        while true {
            var scanner = RecordScanner(bytes: window.storage, end: window.count, isFinal: window.isFinal,
                                        trie: context.trie, slots: context.slots)
            let result = body(&scanner, pos)
            if result == RecordScanner.failed {
                lastFailure = scanner.failure
                return result
            }
            if result != RecordScanner.needMore { return result }
            switch window.refill(keepingFrom: pos) {
            case .progressed(let shift):
                pos -= shift
            case .full:
                return ContainerWalker.tooLarge
            case .exhausted:
                lastFailure = (window.count, .unexpectedEnd)
                return RecordScanner.failed
            }
        }
    }

    // MARK: - Values

    private mutating func value() -> Bool {
        switch window.storage[pos] {
        case JSONByte.openBrace:
            return candidate()
        case JSONByte.openBracket:
            return push(isObject: false)
        case JSONByte.quote:
            return stringValue()
        default:
            let end = scanAtPosition { $0.skipValue($1, depth: 0) }
            if end >= 0 {
                pos = end
                valueDone()
                return true
            }
            if end == ContainerWalker.tooLarge { lastFailure = (pos, .valueTooLarge(limit: window.maximumCapacity)) }
            return fail(candidateStart: nil)
        }
    }

    /// An object: scan it as a candidate record, then decide.
    private mutating func candidate() -> Bool {
        var hasInvalidUTF8 = false
        let end = scanAtPosition { scanner, start in
            scanner.clearSlots()
            let result = scanner.scanObject(start, node: 0, depth: 0)
            hasInvalidUTF8 = scanner.sawInvalidUTF8
            return result
        }
        let start = pos
        if end >= 0 {
            let shape = context.shapeOfScannedObject(bytes: window.storage)
            switch shape {
            case .record, .insight:
                let issuesBefore = context.issues.count
                context.accept(shape, bytes: window.storage, range: start..<end, location: location(of: start),
                               hasInvalidUTF8: hasInvalidUTF8)
                annotateIssues(since: issuesBefore, at: start)
            case .digest:
                context.tally.digestObjects += 1
            case .other:
                return push(isObject: true)
            }
            pos = end
            valueDone()
            return true
        }
        switch end {
        case RecordScanner.wrapper:
            return push(isObject: true)
        case ContainerWalker.tooLarge:
            return push(isObject: true, oversizeStart: offset(of: start))
        default:
            // Broken. A record stays a loss of its own; a container is walked up to the damage.
            if context.scannedObjectHadRecordKeys || recovering { return fail(candidateStart: start) }
            return push(isObject: true)
        }
    }

    private mutating func stringValue() -> Bool {
        let end = scanAtPosition { $0.skipString($1) }
        if end == ContainerWalker.tooLarge { return skipOversizedString() }
        if end < 0 { return fail(candidateStart: nil) }
        let bodyStart = pos + 1
        let bodyEnd = end - 1
        if mayHoldRecords(bodyStart, bodyEnd) {
            if embeddingDepth < ContainerWalker.maximumEmbeddingDepth {
                walkEmbeddedDocument(bodyStart: bodyStart, bodyEnd: bodyEnd)
            } else {
                // Past the cap the records in this string are not read: count them as lost
                // rather than drop them without a word.
                let point = WalkContext<Sink>.FailurePoint(offset: offset(of: pos), positionInString: bodyStart,
                                                           embeddingDepth: embeddingDepth)
                let issuesBefore = context.issues.count
                context.fail(offset: offset(of: pos), failurePoint: point, isRecord: true,
                             reason: "JSON nested in strings more than \(ContainerWalker.maximumEmbeddingDepth) levels deep: not read")
                annotateIssues(since: issuesBefore, at: pos)
            }
        }
        pos = end
        valueDone()
        return true
    }

    private mutating func key() -> Bool {
        let end = scanAtPosition { $0.skipString($1) }
        if end == ContainerWalker.tooLarge {
            lastFailure = (pos, .valueTooLarge(limit: window.maximumCapacity))
            return fail(candidateStart: nil)
        }
        if end < 0 { return fail(candidateStart: nil) }
        let top = frames.count - 1
        if frames[top].oversizeStart >= 0 {
            frames[top].recordKeys |= ContainerWalker.recordKeyBit(window.storage + pos + 1, count: end - pos - 2)
        }
        frames[top].state = .colon
        pos = end
        return true
    }

    private mutating func push(isObject: Bool, oversizeStart: Int64 = -1) -> Bool {
        guard frames.count < ContainerWalker.maximumFrames else {
            lastFailure = (pos, .nestingTooDeep(limit: ContainerWalker.maximumFrames))
            return fail(candidateStart: nil)
        }
        frames.append(Frame(isObject: isObject, state: isObject ? .keyOrEnd : .valueOrEnd, oversizeStart: oversizeStart))
        pos += 1
        return true
    }

    private mutating func close() -> Bool {
        let frame = frames.removeLast()
        if frame.oversizeStart >= 0 {
            let hasSourceAndName = frame.recordKeys & 0b0011 == 0b0011
            if hasSourceAndName && frame.recordKeys & 0b1100 != 0 {
                context.oversized(offset: frame.oversizeStart)
            }
        }
        pos += 1
        valueDone()
        return true
    }

    private mutating func valueDone() {
        if let top = frames.indices.last {
            frames[top].state = .commaOrEnd
        } else {
            completedDocumentValues += 1
            sawNewlineSinceDocumentValue = false
        }
    }

    // MARK: - Strings that hold documents

    /// Whether a string body starts like JSON and mentions a record key.
    private func mayHoldRecords(_ start: Int, _ end: Int) -> Bool {
        var index = start
        let storage = window.storage
        while index < end && (storage[index] == JSONByte.space || storage[index] == JSONByte.tab) { index += 1 }
        // Allow the escaped whitespace pretty-printers put first ("\n  {").
        while index + 1 < end && storage[index] == JSONByte.backslash
                && (storage[index + 1] == JSONByte.lowerN || storage[index + 1] == 0x72 || storage[index + 1] == JSONByte.lowerT) {
            index += 2
            while index < end && storage[index] == JSONByte.space { index += 1 }
        }
        guard index < end, storage[index] == JSONByte.openBrace || storage[index] == JSONByte.openBracket else { return false }
        return ByteSearch.containsRecordKey(storage + start, count: end - start)
    }

    private mutating func walkEmbeddedDocument(bodyStart: Int, bodyEnd: Int) {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bodyEnd - bodyStart)
        JSONString.appendDecoded(window.storage + bodyStart, count: bodyEnd - bodyStart, to: &decoded)
        let innerWindow = decoded.withUnsafeBufferPointer { InputWindow(copying: $0) }
        let stringOffset = offset(of: bodyStart - 1)
        let issuesBefore = context.issues.count
        // Damage inside the string ends with the string: the outer document goes on intact. So
        // the inner walk neither joins a stretch the outer walk has open nor leaves one open
        // for the outer walk (two broken strings side by side, with no record between them,
        // were counted as one stretch, and the second one was never reported).
        let outerStretchOpen = context.stretchOpen
        context.stretchOpen = false
        var inner = ContainerWalker(window: innerWindow, context: context, embeddedAt: stringOffset,
                                    embeddingDepth: embeddingDepth + 1)
        inner.run()
        inner.window.release()
        context.stretchOpen = outerStretchOpen
        annotateIssues(since: issuesBefore, at: bodyStart - 1)
    }

    private mutating func skipOversizedString() -> Bool {
        let start = offset(of: pos)
        var index = pos + 1
        while true {
            let storage = window.storage
            while index < window.count {
                let byte = storage[index]
                if byte == JSONByte.quote {
                    pos = index + 1
                    context.issues.append(IngestIssue(file: context.path, kind: .notice, offset: start,
                        reason: "a string of more than \(ScanFailure.describeSize(window.maximumCapacity)) was stepped over without looking inside it"))
                    valueDone()
                    return true
                }
                if byte == JSONByte.backslash {
                    if index + 1 >= window.count { break }
                    index += 2
                    continue
                }
                if byte < 0x20 {
                    pos = index
                    lastFailure = (index, .controlCharacterInString(byte))
                    return fail(candidateStart: nil)
                }
                index += 1
            }
            let keep = min(index, window.count)
            pos = keep
            guard refill(keepingFrom: keep) else {
                lastFailure = (window.count, .unexpectedEnd)
                return fail(candidateStart: nil)
            }
            index = pos
        }
    }

    // MARK: - Damage

    private mutating func unexpected(expected: String) -> Bool {
        lastFailure = (pos, .unexpectedByte(window.storage[pos], expected: expected))
        return fail(candidateStart: nil)
    }

    /// Counts the failure in `lastFailure` and chooses where to go on.
    private mutating func fail(candidateStart: Int?) -> Bool {
        let failure = lastFailure ?? (pos, .unexpectedEnd)
        lastFailure = nil
        let wasTopLevel = frames.isEmpty && !recovering
        let issuesBefore = context.issues.count
        let isRecord = candidateStart != nil && context.scannedObjectHadRecordKeys
        if let embeddedAt {
            let point = WalkContext<Sink>.FailurePoint(offset: embeddedAt, positionInString: failure.position,
                                                       embeddingDepth: embeddingDepth)
            context.fail(offset: embeddedAt, failurePoint: point, isRecord: isRecord,
                         reason: "the JSON inside this string is malformed: \(failure.reason.text) (byte \(failure.position) of the decoded string)")
        } else {
            let reportAt = isRecord ? candidateStart! : failure.position
            let reason = isRecord
                ? "malformed record: \(failure.reason.text) at byte \(offset(of: failure.position))"
                : failure.reason.text
            context.fail(offset: offset(of: reportAt), failurePoint: .init(offset: offset(of: failure.position)), isRecord: isRecord,
                         reason: reason)
            annotateIssues(since: issuesBefore, at: reportAt)
        }
        frames.removeAll()
        let start = candidateStart ?? pos
        if wasTopLevel && (lineMode || looksLikeJSONLines(from: start)) {
            lineMode = true
            skippingLine = true
            pos = start
        } else {
            recovering = true
            pos = candidateStart.map { $0 + 1 } ?? min(max(failure.position, pos), window.count)
        }
        return true
    }

    /// A failed first value that starts a line whose next line also starts with `{`.
    private func looksLikeJSONLines(from start: Int) -> Bool {
        guard completedDocumentValues == 0, start < window.count, window.storage[start] == JSONByte.openBrace else { return false }
        guard let newline = memchr(window.storage + start, Int32(JSONByte.newline), window.count - start) else { return false }
        var index = newline.assumingMemoryBound(to: UInt8.self) - window.storage + 1
        while index < window.count && JSONByte.isWhitespace(window.storage[index]) { index += 1 }
        return index < window.count && window.storage[index] == JSONByte.openBrace
    }

    private mutating func skipLine() -> Bool {
        while true {
            if pos < window.count, let newline = memchr(window.storage + pos, Int32(JSONByte.newline), window.count - pos) {
                pos = newline.assumingMemoryBound(to: UInt8.self) - window.storage + 1
                skippingLine = false
                sawNewlineSinceDocumentValue = true
                return true
            }
            pos = window.count
            guard refill(keepingFrom: pos) else { return false }
        }
    }

    /// Recovery: the structure around us is lost; try a candidate at each `{`.
    private mutating func recover() -> Bool {
        while true {
            if pos < window.count, let brace = memchr(window.storage + pos, Int32(JSONByte.openBrace), window.count - pos) {
                pos = brace.assumingMemoryBound(to: UInt8.self) - window.storage
                break
            }
            pos = window.count
            guard refill(keepingFrom: pos) else { return false }
        }
        return candidate()
    }

    // MARK: - Positions

    private func offset(of index: Int) -> Int64 {
        embeddedAt ?? (window.base + Int64(index))
    }

    private func location(of index: Int) -> RecordLocation {
        if let embeddedAt {
            return RecordLocation(fileIndex: context.fileIndex, offset: embeddedAt, ordinal: context.nextOrdinal(at: embeddedAt))
        }
        return RecordLocation(fileIndex: context.fileIndex, offset: window.base + Int64(index), ordinal: 0)
    }

    /// Gives issues added since `count` the line and column of `index`, when known.
    private mutating func annotateIssues(since count: Int, at index: Int) {
        guard context.issues.count > count, embeddedAt == nil else { return }
        guard let (line, column) = lineAndColumn(of: index) else { return }
        for issueIndex in count..<context.issues.count where context.issues[issueIndex].line == nil {
            context.issues[issueIndex].line = line
            context.issues[issueIndex].column = column
        }
    }

    /// Line and column while the window still starts at the stream's first byte; counted
    /// incrementally, so a file with many issues is still read in linear time.
    private mutating func lineAndColumn(of index: Int) -> (Int, Int)? {
        guard window.base == 0, index <= window.count else { return nil }
        if index < lineCache.index { lineCache = (0, 1, 0) }
        var position = lineCache.index
        var line = lineCache.line
        var lineStart = lineCache.lineStart
        while position < index, let newline = memchr(window.storage + position, Int32(JSONByte.newline), index - position) {
            position = newline.assumingMemoryBound(to: UInt8.self) - window.storage + 1
            line += 1
            lineStart = position
        }
        lineCache = (index, line, lineStart)
        return (line, index - lineStart + 1)
    }

    private static func recordKeyBit(_ key: UnsafePointer<UInt8>, count: Int) -> UInt8 {
        let text = String(decoding: UnsafeBufferPointer(start: key, count: count), as: UTF8.self)
        switch text {
        case "eventSource": return 0b0001
        case "eventName": return 0b0010
        case "eventTime": return 0b0100
        case "eventVersion": return 0b1000
        default: return 0
        }
    }
}
