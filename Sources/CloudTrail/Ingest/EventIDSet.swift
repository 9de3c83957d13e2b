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

    private mutating func grow() {
        let old = table
        table = Array(repeating: 0, count: old.count * 2)
        count = 0
        for key in old where key != 0 { insert(key) }
    }
}

extension EventIDSet {
    /// Average keys per bucket in `union(of:)`: 4,096 keys and their table (8,192 slots, 64 KiB)
    /// sit in the L2 cache.
    static let unionBucketKeys = 4_096

    /// The hashes held by `sets` together, each once, and how many were dropped as repeats
    /// (a hash in k of the sets counts k - 1 times), in no particular order.
    ///
    /// Used to join the pieces of a split file. One table the size of the union (64 MiB for the
    /// 2.9 million IDs of a 4 GB file) missed the cache on nearly every insert, on one core
    /// after every worker had finished: about a tenth of the run over one large file. Here the
    /// hashes are first scattered by their top bits into buckets of a few thousand (sequential
    /// writes), then each bucket is deduplicated with a small table that stays in cache, and its
    /// distinct hashes are written back over the scattered array.
    static func union(of sets: [EventIDSet]) -> (distinct: [UInt64], repeats: Int) {
        let total = sets.reduce(0) { $0 + $1.count }
        guard total > 0 else { return ([], 0) }
        var bits = 0
        while bits < 24 && total >> bits > unionBucketKeys { bits += 1 }
        let bucketCount = 1 << bits
        // The hashes are well mixed (`StableHash.words`), so their top bits spread evenly.
        @inline(__always) func bucket(_ key: UInt64) -> Int { bits == 0 ? 0 : Int(truncatingIfNeeded: key >> UInt64(64 - bits)) }

        var starts = [Int](repeating: 0, count: bucketCount + 1)
        for set in sets {
            set.withKeys { keys in
                for key in keys { starts[bucket(key) + 1] += 1 }
            }
        }
        var largest = 0
        for index in 0..<bucketCount {
            largest = max(largest, starts[index + 1])
            starts[index + 1] += starts[index]
        }
        var scattered = [UInt64](repeating: 0, count: total)
        var written = 0
        scattered.withUnsafeMutableBufferPointer { scattered in
            var next = starts
            for set in sets {
                set.withKeys { keys in
                    for key in keys {
                        let index = bucket(key)
                        scattered[next[index]] = key
                        next[index] += 1
                    }
                }
            }
            var size = 16
            while size < largest * 2 { size <<= 1 }
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { table in
                for index in 0..<bucketCount {
                    let count = starts[index + 1] - starts[index]
                    guard count > 0 else { continue }
                    var tableSize = 16
                    while tableSize < count * 2 { tableSize <<= 1 }
                    let mask = tableSize - 1
                    let slots = UnsafeMutableBufferPointer(rebasing: table[0..<tableSize])
                    slots.update(repeating: 0)
                    // The distinct keys of this bucket go back into the array from `written` on,
                    // which never passes the key being read (at most one write per read).
                    for position in starts[index]..<starts[index + 1] {
                        let key = scattered[position]      // never 0: zero marks an empty slot
                        var slot = Int(truncatingIfNeeded: key) & mask
                        while true {
                            let present = slots[slot]
                            if present == key { break }
                            if present == 0 {
                                slots[slot] = key
                                scattered[written] = key
                                written += 1
                                break
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
        scattered.removeLast(total - written)
        return (scattered, total - written)
    }
}
