/// A file's eventID hashes in the order its records held them, for exact repeats within the
/// file: appending is all a record costs, and the repeats are found once, when the file (or a
/// stretch of it, see `IngestOptions.eventIDStretch`) ends, by `union(of:)`.
///
/// Why not a hash set filled record by record: a set the size of a large file's IDs misses the
/// cache on nearly every insert. Over one 1 GB JSON Lines file (717,263 IDs) the inserts and
/// their rehashes were 14 % of the published query's time with one worker; sorting the hashes
/// into cache-sized buckets at the end touches memory in order instead. For the few hundred IDs
/// of an S3 object both ways cost the same.
///
/// The hashes are `StableHash.words` of the ID's bytes: two IDs count as one only when their
/// 64-bit hashes collide (a chance of about one in 10^7 for a file of a million IDs). The hash 0
/// is stored as 1, since 0 marks an empty slot in `union(of:)`'s tables (one more collision in
/// 2^64 changes nothing).
struct EventIDLog {
    private(set) var hashes: [UInt64]

    init(capacity: Int = 0) {
        hashes = []
        hashes.reserveCapacity(capacity)
    }

    /// A log of hashes already distinct (what a finished walk hands over).
    init(distinct: [UInt64]) {
        hashes = distinct
    }

    var count: Int { hashes.count }
    var isEmpty: Bool { hashes.isEmpty }

    @inline(__always)
    mutating func append(_ hash: UInt64) {
        hashes.append(hash == 0 ? 1 : hash)
    }

    /// Forgets every hash, keeping the storage.
    mutating func removeAll() {
        hashes.removeAll(keepingCapacity: true)
    }
}

extension EventIDLog {
    /// Average keys per bucket in `union(of:)`: 4,096 keys and their table (8,192 slots, 64 KiB)
    /// sit in the L2 cache.
    static let unionBucketKeys = 4_096

    /// The hashes held by `logs` together, each once, and how many were dropped as repeats (a
    /// hash held k times counts k - 1 times), in no particular order: grouped by their top
    /// bits, which `EventIDSketch` turns into neighbouring blocks.
    ///
    /// Used at the end of a file (one log), of a stretch, and to join the pieces of a split file.
    /// The hashes are first scattered by their top bits into buckets of a few thousand
    /// (sequential writes), then each bucket is deduplicated with a small table that stays in
    /// cache, and its distinct hashes are written back over the scattered array. A single
    /// bucket (a file of a few thousand IDs) skips the scattering.
    static func union(of logs: [EventIDLog]) -> (distinct: [UInt64], repeats: Int) {
        let total = logs.reduce(0) { $0 + $1.count }
        guard total > 0 else { return ([], 0) }
        var bits = 0
        while bits < 24 && total >> bits > unionBucketKeys { bits += 1 }
        if bits == 0 { return distinctInOneTable(logs, total: total) }
        let bucketCount = 1 << bits
        // The hashes are well mixed (`StableHash.words`), so their top bits spread evenly.
        @inline(__always) func bucket(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key >> UInt64(64 - bits)) }

        var starts = [Int](repeating: 0, count: bucketCount + 1)
        for log in logs {
            for key in log.hashes { starts[bucket(key) + 1] += 1 }
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
            for log in logs {
                for key in log.hashes {
                    let index = bucket(key)
                    scattered[next[index]] = key
                    next[index] += 1
                }
            }
            withTable(for: largest) { table in
                for index in 0..<bucketCount {
                    let count = starts[index + 1] - starts[index]
                    guard count > 0 else { continue }
                    let slots = table.sized(for: count)
                    // The distinct keys of this bucket go back into the array from `written` on,
                    // which never passes the key being read (at most one write per read).
                    for position in starts[index]..<starts[index + 1] {
                        let key = scattered[position]
                        if slots.insert(key) {
                            scattered[written] = key
                            written += 1
                        }
                    }
                }
            }
        }
        scattered.removeLast(total - written)
        return (scattered, total - written)
    }

    /// `union(of:)` for few hashes: one small table, no buckets.
    private static func distinctInOneTable(_ logs: [EventIDLog], total: Int) -> (distinct: [UInt64], repeats: Int) {
        var distinct: [UInt64] = []
        distinct.reserveCapacity(total)
        withTable(for: total) { table in
            let slots = table.sized(for: total)
            for log in logs {
                for key in log.hashes where slots.insert(key) { distinct.append(key) }
            }
        }
        return (distinct, total - distinct.count)
    }

    /// A temporary open-addressing table with room for `keys` keys at most half full.
    private static func withTable<Result>(for keys: Int, _ body: (ScratchTable) -> Result) -> Result {
        var size = 16
        while size < keys * 2 { size <<= 1 }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { body(ScratchTable(storage: $0)) }
    }

    /// Linear probing over a power-of-two prefix of `storage`; zero marks an empty slot (no
    /// logged hash is 0). The keys are well mixed, so their low bits pick the slot directly.
    private struct ScratchTable {
        let storage: UnsafeMutableBufferPointer<UInt64>
        var mask = 0

        /// The table cleared and cut to the smallest power of two at least twice `keys`.
        func sized(for keys: Int) -> ScratchTable {
            var size = 16
            while size < keys * 2 { size <<= 1 }
            let slots = UnsafeMutableBufferPointer(rebasing: storage[0..<size])
            slots.update(repeating: 0)
            return ScratchTable(storage: slots, mask: size - 1)
        }

        /// Adds `key`; false when it was there already.
        @inline(__always)
        func insert(_ key: UInt64) -> Bool {
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let present = storage[slot]
                if present == key { return false }
                if present == 0 {
                    storage[slot] = key
                    return true
                }
                slot = (slot + 1) & mask
            }
        }
    }
}
