/// The state one file's walk shares with the walks of JSON documents found inside its strings:
/// the projection slots, the sink, the file's counts and issues, and the malformed-stretch
/// bookkeeping.
final class WalkContext<Sink: RecordSink> {
    let table: ProjectionTable
    /// The table's trie, read per candidate without touching the shared table's reference count.
    let trie: ProjectionTrie
    let slots: UnsafeMutablePointer<FieldSlot>
    var sink: Sink
    let path: String
    let fileIndex: Int32
    let maximumValueBytes: Int
    var tally = IngestTally()
    var issues: [IngestIssue] = []
    /// Hashes of the file's eventIDs, for exact within-file duplicates (bounded, see below).
    var eventIDs = EventIDLog(capacity: WalkContext.eventIDLogCapacity)
    var eventIDTrackingStopped = false
    /// Where a full stretch of hashes goes (the run's cross-file sketch), and how many eventIDs
    /// (records carrying one, repeats included) a stretch holds.
    let eventIDSpill: EventIDSketch?
    private(set) var eventIDStretch: Int
    /// A piece's share of its file's stretch (`IngestOptions.stretch(pieces:)`).
    private let eventIDShare: Int
    /// Stretches handed to the sketch so far, and the distinct hashes they held.
    var eventIDStretchesSpilled = 0
    var eventIDsSpilled = 0
    /// Whether this walk is one piece of a file split among workers.
    let isPiece: Bool
    /// Whether a malformed stretch is open: failures until the next good record belong to it.
    var stretchOpen = false

    private let slotEventSource: Int
    private let slotEventName: Int
    private let slotEventTime: Int
    private let slotEventVersion: Int
    private let slotEventType: Int
    private let slotEventID: Int
    private let slotDigest: Int

    init(table: ProjectionTable, sink: consuming Sink, path: String, fileIndex: Int32, maximumValueBytes: Int,
         eventIDSpill: EventIDSketch? = nil, eventIDStretch: Int = IngestOptions.defaultEventIDStretch, isPiece: Bool = false) {
        self.eventIDSpill = eventIDSpill
        self.isPiece = isPiece
        self.eventIDStretch = eventIDStretch
        self.eventIDShare = eventIDStretch
        self.table = table
        self.trie = table.trie
        self.sink = sink
        self.path = path
        self.fileIndex = fileIndex
        self.maximumValueBytes = maximumValueBytes
        slots = .allocate(capacity: max(table.slotCount, 1))
        slots.initialize(repeating: .absent, count: max(table.slotCount, 1))
        slotEventSource = table.slot(for: .eventSource)
        slotEventName = table.slot(for: .eventName)
        slotEventTime = table.slot(for: .eventTime)
        slotEventVersion = table.slot(for: .eventVersion)
        slotEventType = table.slot(for: .eventType)
        slotEventID = table.slot(for: .eventID)
        slotDigest = table.slot(for: .digestStartTime)
    }

    deinit { slots.deallocate() }

    /// What a fully scanned object turned out to be.
    enum Shape { case record, insight, digest, other }

    /// Record shape: `eventSource`, `eventName`, and `eventTime` or `eventVersion`. Insight
    /// records have no source or name but say `"eventType": "AwsCloudTrailInsight"`.
    func shapeOfScannedObject(bytes: UnsafePointer<UInt8>) -> Shape {
        let hasTimeOrVersion = slots[slotEventTime].kind != .absent || slots[slotEventVersion].kind != .absent
        if slots[slotEventSource].kind != .absent && slots[slotEventName].kind != .absent && hasTimeOrVersion {
            return isInsight(bytes) ? .insight : .record
        }
        if hasTimeOrVersion && isInsight(bytes) { return .insight }
        if slots[slotDigest].kind != .absent { return .digest }
        if slots[slotEventSource].kind != .absent || slots[slotEventName].kind != .absent {
            tally.fragments += 1
        }
        return .other
    }

    /// Whether the partly scanned object had begun to look like a record before it broke.
    var scannedObjectHadRecordKeys: Bool {
        slots[slotEventSource].kind != .absent || slots[slotEventName].kind != .absent
            || slots[slotEventVersion].kind != .absent || slots[slotEventTime].kind != .absent
    }

    private func isInsight(_ bytes: UnsafePointer<UInt8>) -> Bool {
        let field = slots[slotEventType]
        guard field.kind == .string else { return false }
        return "AwsCloudTrailInsight".utf8.withContiguousStorageIfAvailable {
            ScannedRecord.bytesEqual(bytes + field.start, field.end - field.start, $0)
        } ?? false
    }

    /// Counts a record-shaped object and hands it to the sink if it can be evaluated.
    func accept(_ shape: Shape, bytes: UnsafePointer<UInt8>, range: Range<Int>, location: RecordLocation,
                hasInvalidUTF8: Bool = false) {
        tally.wellFormed += 1
        stretchOpen = false
        if hasInvalidUTF8 { noteInvalidUTF8(at: location.offset) }
        if shape == .insight {
            tally.insight += 1
            return
        }
        let timeField = slots[slotEventTime]
        var time: Int64?
        if timeField.kind == .string && !timeField.hasEscapes {
            time = EventTime.parse(bytes + timeField.start, count: timeField.end - timeField.start)
        } else if timeField.kind == .string {
            time = EventTime.parse(JSONString.decode(bytes + timeField.start, count: timeField.end - timeField.start))
        }
        guard let time else {
            tally.untimed += 1
            let reason: String
            switch timeField.kind {
            case .absent: reason = "record has no eventTime"
            case .string:
                let text = JSONString.decode(bytes + timeField.start, count: timeField.end - timeField.start)
                reason = "eventTime \(IngestIssue.quote(text)) is not a time Skua can read"
            default:
                let raw = String(decoding: UnsafeBufferPointer(start: bytes + timeField.start, count: timeField.end - timeField.start), as: UTF8.self)
                reason = "eventTime is \(IngestIssue.quote(raw)), not a string"
            }
            issues.append(IngestIssue(file: path, kind: .untimed, offset: location.offset, reason: reason))
            return
        }
        countEventID(bytes)
        tally.evaluated += 1
        tally.oldestEventTime = min(tally.oldestEventTime ?? time, time)
        tally.newestEventTime = max(tally.newestEventTime ?? time, time)
        sink.consume(ScannedRecord(bytes: bytes, slots: slots, table: table, location: location,
                                   eventTime: time, rawRange: range))
    }

    private func countEventID(_ bytes: UnsafePointer<UInt8>) {
        let field = slots[slotEventID]
        guard field.kind == .string, !eventIDTrackingStopped else { return }
        eventIDs.append(StableHash.words(bytes + field.start, count: field.end - field.start))
        if eventIDs.count >= eventIDStretch { spillEventIDs() }
    }

    /// The walk went past the start of a later piece without stopping there: that piece will
    /// be dropped, and this walk takes its share of the stretch, so a piece 0 that walks the
    /// whole file counts repeats exactly over as many IDs as a walk of the whole file would.
    func absorbPieceShare() {
        eventIDStretch += eventIDShare
    }

    /// The end of a walk that read its file to the end: the repeats among the eventIDs since the
    /// last stretch are counted, and their distinct hashes returned (for the cross-file sketch).
    /// A piece does not call this: its hashes are joined with the other pieces' first.
    func finishEventIDs() -> EventIDLog {
        EventIDLog(distinct: countLoggedRepeats())
    }

    /// Counts the repeats among the logged eventIDs, empties the log, and returns the distinct
    /// hashes it held.
    private func countLoggedRepeats() -> [UInt64] {
        let (distinct, repeats) = EventIDLog.union(of: [eventIDs])
        tally.duplicateEventIDsWithinFiles += repeats
        eventIDs.removeAll()
        return distinct
    }

    private var ordinalOffset: Int64 = -1
    private var ordinal: Int32 = 0

    /// The rank of the next record found inside the string at `offset` (records inside one
    /// string share its offset, so they are told apart by rank).
    func nextOrdinal(at offset: Int64) -> Int32 {
        if offset != ordinalOffset {
            ordinalOffset = offset
            ordinal = 0
        }
        defer { ordinal += 1 }
        return ordinal
    }

    /// Where a scan broke. Inside a JSON string every offset is the string's own, so the
    /// position in the decoded document and the embedding depth tell two breaks there apart.
    struct FailurePoint: Equatable {
        var offset: Int64
        var positionInString = -1
        var embeddingDepth = 0
    }

    /// Where the last broken record counted broke, so nested attempts inside the same damage
    /// are not counted again.
    private var lastRecordFailure = FailurePoint(offset: -1)

    /// Records a failure.
    ///
    /// A broken object that had begun to look like a record (`isRecord`) is one lost record,
    /// always counted (unless it broke at the same point as the last one: a nested attempt inside
    /// the same damage). Any other failure opens a malformed stretch if none is open; failures
    /// until the next good record belong to it and are not counted again.
    func fail(offset: Int64, failurePoint: FailurePoint, isRecord: Bool, reason: String) {
        if isRecord {
            if failurePoint == lastRecordFailure { return }
            lastRecordFailure = failurePoint
        } else if stretchOpen {
            return
        }
        stretchOpen = true
        tally.malformed += 1
        issues.append(IngestIssue(file: path, kind: .malformed, offset: offset, reason: reason))
    }

    /// A full stretch of eventID hashes: its repeats counted, its distinct hashes into the
    /// sketch, and the log emptied (see `IngestOptions.eventIDStretch`); without a sketch,
    /// counting stops.
    @inline(never)
    private func spillEventIDs() {
        let distinct = countLoggedRepeats()
        guard let eventIDSpill else {
            eventIDTrackingStopped = true
            issues.append(IngestIssue(file: path, kind: .notice,
                reason: "\(eventIDStretch) or more eventIDs in one file: repeats after this point are not counted"))
            return
        }
        _ = distinct.withUnsafeBufferPointer { eventIDSpill.add(distinct: $0) }
        eventIDsSpilled += distinct.count
        if eventIDStretchesSpilled == 0 {
            issues.append(IngestIssue(file: path, kind: .notice,
                reason: "\(eventIDStretch) or more eventIDs in this file"
                    + (isPiece ? " (or in this piece of it)" : "")
                    + ": repeats are counted exactly within each stretch of that many, and between stretches in the cross-file estimate (memory stays bounded)"))
        }
        eventIDStretchesSpilled += 1
    }

    /// A record whose strings hold bytes that are not UTF-8: kept and evaluated (each bad byte
    /// reads as U+FFFD), counted, and the first few named, since two values that differ only in
    /// such bytes look the same in every output.
    @inline(never)
    private func noteInvalidUTF8(at offset: Int64) {
        tally.invalidUTF8 += 1
        guard tally.invalidUTF8 <= WalkContext.invalidUTF8NoticeLimit else { return }
        issues.append(IngestIssue(file: path, kind: .notice, offset: offset,
            reason: "record holds bytes that are not UTF-8: kept, each shown as U+FFFD"
                + (tally.invalidUTF8 == WalkContext.invalidUTF8NoticeLimit ? " (later ones in this file are counted, not listed)" : "")))
    }

    /// Records with invalid UTF-8 named per file in the issue list (all are counted).
    static var invalidUTF8NoticeLimit: Int { 10 }

    /// Room for this many eventIDs before a file's log first grows: an S3 object holds a few
    /// hundred records.
    static var eventIDLogCapacity: Int { 512 }

    /// A record too large to hold was skipped.
    func oversized(offset: Int64) {
        tally.malformed += 1
        issues.append(IngestIssue(file: path, kind: .malformed, offset: offset,
            reason: "record larger than \(ScanFailure.describeSize(maximumValueBytes)): skipped (the limit bounds memory)"))
    }
}

extension IngestIssue {
    /// Attacker-controlled text in a reason: quoted, shortened, control characters escaped.
    static func quote(_ text: String, limit: Int = 80) -> String {
        var result = "\""
        for scalar in text.unicodeScalars.prefix(limit) {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value):
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        if text.unicodeScalars.count > limit { result += "…" }
        return result + "\""
    }
}

extension ScannedRecord {
    @inline(__always)
    static func bytesEqual(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        count == other.count && (count == 0 || memcmp(bytes, other.baseAddress!, count) == 0)
    }
}

import Glibc
