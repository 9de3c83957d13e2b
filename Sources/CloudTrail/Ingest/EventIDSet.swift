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
        withKeys { keys in
            for key in keys { body(key) }
        }
    }

    /// Calls `body` with every hash held, side by side in a temporary buffer. The keys are
    /// gathered without a branch per slot: whether a slot of a half-full table is empty is a
    /// coin toss, and the mispredicted branches of a plain filtering loop were most of the cost
    /// of handing a file's IDs to the sketch.
    func withKeys<Result>(_ body: (UnsafeBufferPointer<UInt64>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count + 1) { dense in
            table.withUnsafeBufferPointer { slots in
                var written = 0
                for key in slots {
                    dense[written] = key            // overwritten by the next key when empty
                    written &+= key == 0 ? 0 : 1
                }
                return body(UnsafeBufferPointer(rebasing: dense[0..<written]))
            }
        }
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
