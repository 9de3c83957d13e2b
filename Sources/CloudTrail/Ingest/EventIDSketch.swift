import Glibc
import Synchronization

/// Estimates how many `eventID`s repeat across files, in fixed memory: a blocked Bloom filter of
/// 2^27 bits (16 MiB) in 64-byte blocks, with 4 bits per ID inside one block, filled one file at
/// a time.
///
/// Each file's distinct IDs are checked against the filter, then added. An ID already present
/// came from an earlier file (or is a false positive), so the count is an estimate, reported with
/// the number of false positives to expect. Keeping an ID's four bits in one cache line costs a
/// little accuracy against a plain Bloom filter (blocks fill unevenly) and saves three cache
/// misses per ID: with four probes spread over 16 MiB the filter was a twentieth of a run, taken
/// under the lock every worker shares. The expected false positives are summed over the IDs
/// checked, each with the chance its check met given each block's own fill at that moment, so
/// the unevenness is accounted for (2.9 million distinct IDs, a 4 GB benchmark file: about 40
/// expected, the filter's final chance about one in fifteen thousand). Memory never grows,
/// whatever the input size.
///
/// The filter lives in 2 MiB pages where the kernel allows it (`MADV_HUGEPAGE`): every ID lands
/// on a random 4 KiB page of the 16 MiB, so with ordinary pages nearly every ID also missed the
/// TLB, and on the benchmark's virtual machine the filter cost about 0.05 s of a 0.63 s run over
/// 1 GB with two workers (0.59 s with huge pages, 0.58 s without the filter at all).
final class EventIDSketch: Sendable {
    private static let blockCount = 1 << 18
    private static let wordsPerBlock = 8
    private static let probes = 4
    private let state = Mutex(State())

    private struct State: ~Copyable {
        /// The filter's words: `filterBytes` of anonymous memory, aligned to 2 MiB, mapped on
        /// first use. The kernel hands out zero pages as they are touched, so a small run does
        /// not pay for clearing 16 MiB.
        var words: UnsafeMutablePointer<UInt64>?
        /// The whole mapping (the filter plus up to 2 MiB of alignment slack), for `munmap`.
        var mapping: UnsafeMutableRawPointer?
        var distinct = 0
        var repeats = 0
        /// What the first pass of `add` read, kept so that those reads are not optimized away.
        var touched: UInt64 = 0
        /// Set bits per block (allocated with the filter), and the sum over blocks of that count
        /// to the fourth power, kept up to date as bits are set: the estimate's false-positive
        /// rate without a sweep over 16 MiB at the end of every run (about 10 ms at 1 GB of
        /// input, on one core while the others wait).
        var blockBits: UnsafeMutablePointer<UInt16>?
        var fourthPowers: UInt64 = 0
        /// The sum of `fourthPowers` as it stood when each ID was checked: the false positives
        /// to expect are this sum over 512^4 blocks, since each check met the filter as it was
        /// then, not as it is at the end (at the end, a filter filled evenly from empty has
        /// about five times the rate its checks met on average).
        var checkedFourthPowers = 0.0

        deinit {
            if let mapping { munmap(mapping, EventIDSketch.mappingBytes) }
            free(blockBits)
        }
    }

    private static let filterBytes = blockCount * wordsPerBlock * MemoryLayout<UInt64>.stride
    private static let hugePage = 2 << 20
    private static let mappingBytes = filterBytes + hugePage

    /// Maps the zeroed filter, aligned so that it can sit in huge pages, and asks for them
    /// (a hint: without transparent huge pages the filter works the same, only slower).
    private static func mapFilter() -> (words: UnsafeMutablePointer<UInt64>, mapping: UnsafeMutableRawPointer) {
        guard let mapping = mmap(nil, mappingBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapping != MAP_FAILED else {
            fatalError("cannot allocate the eventID sketch (16 MiB)")
        }
        let address = UInt(bitPattern: mapping)
        let aligned = (address + UInt(hugePage) - 1) & ~(UInt(hugePage) - 1)
        let start = mapping + Int(aligned - address)
        _ = madvise(start, filterBytes, MADV_HUGEPAGE)
        return (start.bindMemory(to: UInt64.self, capacity: filterBytes / 8), mapping)
    }

    /// The block of an ID's hash: its top 18 bits. The top bits, because `EventIDLog.union(of:)`
    /// hands over the IDs of a large file grouped by their top bits: each group's blocks are then
    /// neighbours in memory, and the adds of the end of a run hit the cache instead of missing it
    /// once per ID (the IDs of other files come in no useful order either way).
    @inline(__always)
    static func block(of hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 46) }

    /// Checks and adds one file's (or stretch's) distinct ID hashes, each once
    /// (`EventIDLog.union(of:)`); returns how many were already present.
    @discardableResult
    func add(distinct keys: UnsafeBufferPointer<UInt64>) -> Int {
        guard !keys.isEmpty else { return 0 }
        return state.withLock { state in
            if state.words == nil {
                let filter = EventIDSketch.mapFilter()
                state.words = filter.words
                state.mapping = filter.mapping
                guard let counts = calloc(EventIDSketch.blockCount, MemoryLayout<UInt16>.stride) else {
                    fatalError("cannot allocate the eventID sketch's block counts")
                }
                state.blockBits = counts.assumingMemoryBound(to: UInt16.self)
            }
            let blockBits = state.blockBits!
            var fourthPowers = state.fourthPowers
            var repeats = 0
            var added = 0
            var checked = 0.0
            let words = state.words!
            do {
                // First only read one word of each ID's block: the loads do not depend on each
                // other, so many cache misses are in flight at once (the filter is far larger
                // than the caches). The second pass then finds its blocks in cache instead of
                // waiting for each miss in turn.
                var touched: UInt64 = 0
                for hash in keys {
                    touched |= words[EventIDSketch.block(of: hash) * EventIDSketch.wordsPerBlock]
                }
                state.touched = touched
                for hash in keys {
                    // Top 18 bits: the block; the low 36 bits: four 9-bit positions inside its 512 bits.
                    let blockIndex = EventIDSketch.block(of: hash)
                    let block = blockIndex * EventIDSketch.wordsPerBlock
                    checked += Double(fourthPowers)
                    var present = true
                    var bits = hash
                    for _ in 0..<EventIDSketch.probes {
                        let position = Int(bits & 511)
                        bits >>= 9
                        let word = block + position >> 6
                        let mask: UInt64 = 1 << UInt64(position & 63)
                        if words[word] & mask == 0 {
                            present = false
                            words[word] |= mask
                            // (c + 1)^4 - c^4 for the block's count c before this bit.
                            let c = UInt64(blockBits[blockIndex])
                            blockBits[blockIndex] = UInt16(c + 1)
                            fourthPowers &+= 4 &* c &* c &* c &+ 6 &* c &* c &+ 4 &* c &+ 1
                        }
                    }
                    if present { repeats += 1 } else { added += 1 }
                }
            }
            state.repeats += repeats
            state.distinct += added
            state.fourthPowers = fourthPowers
            state.checkedFourthPowers += checked
            return repeats
        }
    }

    /// The estimate and the false positives to expect in it: an ID checked meets a false
    /// positive with probability (fill of its block)^4, and blocks are chosen uniformly, so its
    /// chance is the mean over blocks of (set bits / 512)^4 at the time of its check; the
    /// expectation is the sum of those chances over every ID checked.
    var estimate: (repeats: Int, expectedFalsePositives: Double) {
        state.withLock { state in
            (state.repeats, state.checkedFourthPowers / 68_719_476_736 / Double(EventIDSketch.blockCount))   // 512^4
        }
    }

    /// The same rate counted from the filter's bits themselves, block by block: a second way to
    /// the number `estimate` keeps up to date, for the tests.
    var sweptFalsePositiveRate: Double {
        state.withLock { state in
            guard let words = state.words else { return 0 }
            var sum = 0.0
            for block in 0..<EventIDSketch.blockCount {
                let base = words + block * EventIDSketch.wordsPerBlock
                var set = 0
                for word in 0..<EventIDSketch.wordsPerBlock { set &+= base[word].nonzeroBitCount }
                let fill = Double(set) / 512
                sum += fill * fill * fill * fill
            }
            return sum / Double(EventIDSketch.blockCount)
        }
    }

    /// The rate `estimate` uses.
    var falsePositiveRate: Double {
        state.withLock { state in Double(state.fourthPowers) / 68_719_476_736 / Double(EventIDSketch.blockCount) }
    }
}
