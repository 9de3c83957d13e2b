/// Where a record came from: its file's rank in the sorted input and its byte offset there.
///
/// Ordering by location is input order (file path, then offset, then the record's rank inside
/// a JSON string that held several), which is how ties are broken wherever order matters.
public struct RecordLocation: Comparable, Hashable, Sendable {
    /// Rank of the file in the sorted list of inputs.
    public var fileIndex: Int32
    /// Byte offset of the record in the decompressed file; for a record found inside a JSON
    /// string (`CloudTrailEvent`, `_raw`, `message`), the offset of that string.
    public var offset: Int64
    /// Rank of the record among those found inside the same string (0 otherwise).
    public var ordinal: Int32

    public init(fileIndex: Int32, offset: Int64, ordinal: Int32) {
        self.fileIndex = fileIndex
        self.offset = offset
        self.ordinal = ordinal
    }

    public static func < (lhs: RecordLocation, rhs: RecordLocation) -> Bool {
        (lhs.fileIndex, lhs.offset, lhs.ordinal) < (rhs.fileIndex, rhs.offset, rhs.ordinal)
    }
}

/// A CloudTrail record as the scanner saw it: the projected fields as byte ranges, decoded on
/// request. Valid only during the `RecordSink.consume(_:)` call that receives it.
public struct ScannedRecord {
    let bytes: UnsafePointer<UInt8>
    let slots: UnsafePointer<FieldSlot>
    /// The projection the slots follow.
    ///
    /// `unowned(unsafe)`: a record lives only during the `consume` call that receives it, while
    /// the walk that made it holds the table; a counted reference cost two atomic operations per
    /// record on an object every worker shares.
    public unowned(unsafe) let table: ProjectionTable
    /// Where the record sits in the input.
    public let location: RecordLocation
    /// `eventTime` in epoch milliseconds (records without a usable time never reach a sink).
    public let eventTime: Int64
    /// The record's own bytes, braces included.
    public let rawRange: Range<Int>

    init(bytes: UnsafePointer<UInt8>, slots: UnsafePointer<FieldSlot>, table: ProjectionTable,
         location: RecordLocation, eventTime: Int64, rawRange: Range<Int>) {
        self.bytes = bytes
        self.slots = slots
        self.table = table
        self.location = location
        self.eventTime = eventTime
        self.rawRange = rawRange
    }

    /// The slot's kind and position.
    @inline(__always)
    public func field(_ slot: Int) -> FieldSlot { slots[slot] }

    /// The value as text: decoded for strings, raw JSON text for numbers, booleans, objects and
    /// arrays; `nil` when absent or JSON `null`.
    public func text(_ slot: Int) -> String? {
        let field = slots[slot]
        switch field.kind {
        case .absent, .null: return nil
        case .string:
            return JSONString.decode(bytes + field.start, count: field.end - field.start)
        case .number, .boolean, .object, .array:
            return String(decoding: UnsafeBufferPointer(start: bytes + field.start, count: field.end - field.start), as: UTF8.self)
        }
    }

    /// Whether the slot holds exactly `utf8` as a string (decoding escapes if there are any).
    /// Non-strings never match.
    @inline(__always)
    public func stringEquals(_ slot: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let field = slots[slot]
        guard field.kind == .string else { return false }
        if field.hasEscapes { return slowStringEquals(field, utf8) }
        let count = field.end - field.start
        guard count == utf8.count else { return false }
        return count == 0 || memcmp(bytes + field.start, utf8.baseAddress!, count) == 0
    }

    @inline(never)
    func slowStringEquals(_ field: FieldSlot, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let decoded = JSONString.decode(bytes + field.start, count: field.end - field.start)
        return decoded.utf8.elementsEqual(utf8)
    }

    /// Calls `body` with the slot's bytes: decoded UTF-8 for strings, raw text for other kinds;
    /// `nil` for absent or null.
    public func withBytes<Result>(_ slot: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        let field = slots[slot]
        switch field.kind {
        case .absent, .null:
            return body(nil)
        case .string where field.hasEscapes:
            var decoded: [UInt8] = []
            JSONString.appendDecoded(bytes + field.start, count: field.end - field.start, to: &decoded)
            return decoded.withUnsafeBufferPointer { body($0) }
        default:
            return body(UnsafeBufferPointer(start: bytes + field.start, count: field.end - field.start))
        }
    }

    /// Calls `body` with the raw bytes between a string slot's quotes (escapes not decoded);
    /// the slot must hold a string.
    @inline(__always)
    public func withRawString<Result>(_ slot: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let field = slots[slot]
        return body(UnsafeBufferPointer(start: bytes + field.start, count: field.end - field.start))
    }

    /// The whole record's JSON text.
    public var rawText: String {
        String(decoding: UnsafeBufferPointer(start: bytes + rawRange.lowerBound, count: rawRange.count), as: UTF8.self)
    }
}

/// Receives the records of one worker. The pipeline makes one sink per worker and hands back all
/// of them at the end, to be merged by the caller.
public protocol RecordSink: SendableMetatype {
    /// Called once per evaluated record (well formed, with a usable `eventTime`, not an Insight).
    mutating func consume(_ record: ScannedRecord)
}

import Foundation
