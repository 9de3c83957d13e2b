import CloudTrail
import Glibc

/*
 Group keys and UNIQUECOUNT sets as bytes.

 GROUP BY and UNIQUECOUNT compare values for equality many times per event. As `[AQLValue]`
 dictionary keys and `Set<AQLValue>` members that meant a `String` per value per event (decoded
 from the record, allocated, freed) and a SipHash through `Hasher`: the better part of a
 10-field aggregation. Here a value is written as bytes into a buffer the executor reuses:

   NULL        00
   integer     01 + 8 bytes (little-endian)
   decimal     02 + 8 bytes of the IEEE bit pattern (every NaN one pattern, -0 written as 0)
   string      03 + 4-byte length + the UTF-8 bytes
   boolean     04 + 00|01

 so two values have the same bytes exactly when `AQLValue ==` holds, and a key of several values
 is their bytes one after another (each value is self-delimiting). A property that is a plain
 ASCII JSON string without escapes is written straight from the scanned record, without
 decoding (`RecordRow.appendKey`): its decoded text is those same bytes. Only when a group is
 new are its keys decoded into `AQLValue`s, once.
*/

/// Writes values in the byte form above.
enum ValueBytes {
    static let nullTag: UInt8 = 0
    static let integerTag: UInt8 = 1
    static let decimalTag: UInt8 = 2
    static let stringTag: UInt8 = 3
    static let booleanTag: UInt8 = 4

    static func append(_ value: AQLValue, to buffer: inout [UInt8]) {
        switch value {
        case .null:
            buffer.append(nullTag)
        case .integer(let number):
            buffer.append(integerTag)
            appendWord(UInt64(bitPattern: number), to: &buffer)
        case .decimal(let number):
            buffer.append(decimalTag)
            let normalized = number.isNaN ? Double.nan : (number == 0 ? 0 : number)
            appendWord(normalized.bitPattern, to: &buffer)
        case .string(let text):
            var text = text
            text.withUTF8 { appendString($0, to: &buffer) }
        case .boolean(let flag):
            buffer.append(booleanTag)
            buffer.append(flag ? 1 : 0)
        }
    }

    /// A string value whose UTF-8 bytes are `utf8`.
    @inline(__always)
    static func appendString(_ utf8: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        buffer.append(stringTag)
        let count = UInt32(truncatingIfNeeded: utf8.count)
        buffer.append(UInt8(truncatingIfNeeded: count))
        buffer.append(UInt8(truncatingIfNeeded: count >> 8))
        buffer.append(UInt8(truncatingIfNeeded: count >> 16))
        buffer.append(UInt8(truncatingIfNeeded: count >> 24))
        buffer.append(contentsOf: utf8)
    }

    /// Calls `body` with the byte form of the string `utf8`, built in a temporary buffer (on the
    /// stack when small) instead of an array.
    @inline(__always)
    static func withStringKey<Result>(_ utf8: UnsafeBufferPointer<UInt8>, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let count = utf8.count
        return withUnsafeTemporaryAllocation(byteCount: 5 + count, alignment: 1) { key in
            key[0] = stringTag
            key[1] = UInt8(truncatingIfNeeded: count)
            key[2] = UInt8(truncatingIfNeeded: count >> 8)
            key[3] = UInt8(truncatingIfNeeded: count >> 16)
            key[4] = UInt8(truncatingIfNeeded: count >> 24)
            if count > 0 { (key.baseAddress! + 5).copyMemory(from: utf8.baseAddress!, byteCount: count) }
            return body(UnsafeRawBufferPointer(key))
        }
    }

    private static func appendWord(_ word: UInt64, to buffer: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { buffer.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
    }

    /// Whether every byte is below 0x80 (ASCII), eight at a time.
    @inline(__always)
    static func isASCII(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(bytes)
        var index = 0
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// A 64-bit hash of key bytes: words folded in by multiply and shift, then an avalanche.
    ///
    /// Sixteen bytes a step in two independent lanes, joined at the end. Each step waits for
    /// the multiply before it (about five cycles), so a single chain over the long values that
    /// UNIQUECOUNT and GROUP BY key on (ARNs, user agents of 100 bytes and more) was most of the
    /// executor's time; two chains run side by side. Only speed depends on the hash: every
    /// lookup compares the whole key.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0xFF51_AFD7_ED55_8CCD
        var value: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        let count = bytes.count
        if count >= 16 {
            var second: UInt64 = 0x243F_6A88_85A3_08D3
            repeat {
                value = (value ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* multiplier
                value ^= value >> 29
                second = (second ^ bytes.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)) &* multiplier
                second ^= second >> 29
                index += 16
            } while index + 16 <= count
            value = (value ^ second) &* multiplier
            value ^= value >> 29
        }
        if index + 8 <= count {
            value = (value ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* multiplier
            value ^= value >> 29
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        return StableHash.mix((value ^ tail) &* 0xC4CE_B9FE_1A85_EC53)
    }
}

/// A hash table from byte keys to small integers: the executor's group index, and the set
/// behind one UNIQUECOUNT.
///
/// Keys live one after another in one arena; slots hold a key's hash, place and value, with
/// linear probing over a power-of-two table kept at most half full. Lookups compare the full
/// key bytes, so the answers are exact, whatever the hash does.
struct ByteKeyTable: Sendable {
    private struct Slot: Sendable {
        var hash: UInt64
        var offset: Int32
        var length: Int32
        /// `-1` marks an empty slot.
        var value: Int32
    }

    private var arena: [UInt8] = []
    private var slots: [Slot] = []
    /// Number of keys held.
    private(set) var count = 0

    /// The value stored for `key`, if any.
    func value(for key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        guard !slots.isEmpty else { return nil }
        return slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBytes { arena in
                let mask = slots.count - 1
                var index = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let slot = slots[index]
                    if slot.value < 0 { return nil }
                    if slot.hash == hash && Int(slot.length) == key.count
                        && (key.count == 0 || memcmp(arena.baseAddress! + Int(slot.offset), key.baseAddress!, key.count) == 0) {
                        return Int(slot.value)
                    }
                    index = (index + 1) & mask
                }
            }
        }
    }

    /// Stores `value` for `key`, which must not be present yet.
    mutating func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, value: Int) {
        if (count + 1) * 2 > slots.count { grow() }
        let offset = Int32(arena.count)
        arena.append(contentsOf: key)
        place(Slot(hash: hash, offset: offset, length: Int32(key.count), value: Int32(value)))
        count += 1
    }

    /// Adds `key` if it is not present (with the next number as its value); true when added.
    @discardableResult
    mutating func add(_ key: UnsafeRawBufferPointer) -> Bool {
        let hash = ValueBytes.hash(key)
        if value(for: key, hash: hash) != nil { return false }
        insert(key, hash: hash, value: count)
        return true
    }

    /// Adds every key of `other`.
    mutating func formUnion(_ other: ByteKeyTable) {
        other.arena.withUnsafeBytes { arena in
            for slot in other.slots where slot.value >= 0 {
                let key = UnsafeRawBufferPointer(rebasing: arena[Int(slot.offset)..<Int(slot.offset) + Int(slot.length)])
                if value(for: key, hash: slot.hash) == nil { insert(key, hash: slot.hash, value: count) }
            }
        }
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[index].value >= 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(hash: 0, offset: 0, length: 0, value: -1), count: max(16, old.count * 2))
        for slot in old where slot.value >= 0 { place(slot) }
    }
}
