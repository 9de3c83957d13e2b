/// A set of 64-bit eventID hashes, for exact repeats within one file.
///
/// Open addressing with linear probing over a power-of-two table, at most half full. The keys
/// are already well mixed (`StableHash.words`), so their low bits pick the slot directly, and
/// an insert is one probe in the common case: `Set<UInt64>` hashed each key again through
/// `Hasher`, which with its resizing was a twentieth of a run. Zero marks an empty slot, so the
/// hash 0 is stored as 1 (one more collision in 2^64 changes nothing).
struct EventIDSet {
    private var table: [UInt64]
    /// Number of distinct hashes held.
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = Array(repeating: 0, count: size)
    }

    var isEmpty: Bool { count == 0 }

    /// Adds `hash`; false when it was already there.
    @discardableResult
    mutating func insert(_ hash: UInt64) -> Bool {
        let key = hash == 0 ? 1 : hash
        if (count + 1) * 2 > table.count { grow() }
        return table.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: key) & mask
            while true {
                let present = slots[index]
                if present == key { return false }
                if present == 0 {
                    slots[index] = key
                    count += 1
                    return true
                }
                index = (index + 1) & mask
            }
        }
    }

    /// Calls `body` with every hash held, in no particular order.
    func forEach(_ body: (UInt64) -> Void) {
        for key in table where key != 0 { body(key) }
    }

    /// Adds every hash of `other`.
    mutating func formUnion(_ other: EventIDSet) {
        other.forEach { insert($0) }
    }

    private mutating func grow() {
        let old = table
        table = Array(repeating: 0, count: old.count * 2)
        count = 0
        for key in old where key != 0 { insert(key) }
    }
}
