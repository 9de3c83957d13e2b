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
/// under the lock every worker shares. The expected false positives are summed block by block:
/// a block's j-th check meets one with the chance that four random bits are all among those
/// that j earlier IDs set there, so the blocks' unevenness is accounted for (2.9 million
/// distinct IDs, a 4 GB benchmark file: about 40 expected, the filter's final chance about one
/// in fifteen thousand). It depends only on how many checks each block met, not on the order in
/// which the workers handed their files over, so the report is the same for any worker count.
/// Memory never grows, whatever the input size.
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
        var repeats = 0
        /// What the first pass of `add` read, kept so that those reads are not optimized away.
        var touched: UInt64 = 0
        /// IDs checked per block (allocated with the filter): what the expected false positives
        /// are computed from (`expectedFalsePositives(checks:)`).
        var blockChecks: UnsafeMutablePointer<UInt32>?

        deinit {
            if let mapping { munmap(mapping, EventIDSketch.mappingBytes) }
            free(blockChecks)
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
                guard let checks = calloc(EventIDSketch.blockCount, MemoryLayout<UInt32>.stride) else {
                    fatalError("cannot allocate the eventID sketch's block counts")
                }
                state.blockChecks = checks.assumingMemoryBound(to: UInt32.self)
            }
            let blockChecks = state.blockChecks!
            var repeats = 0
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
                    blockChecks[blockIndex] &+= 1
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
                        }
                    }
                    if present { repeats += 1 }
                }
            }
            state.repeats += repeats
            return repeats
        }
    }

    /// The estimate and the false positives to expect in it (see the type's notes).
    var estimate: (repeats: Int, expectedFalsePositives: Double) {
        state.withLock { state in
            guard let checks = state.blockChecks else { return (state.repeats, 0) }
            return (state.repeats, EventIDSketch.expectedFalsePositives(checks: UnsafeBufferPointer(start: checks, count: EventIDSketch.blockCount)))
        }
    }

    /// The false positives to expect among checks spread over blocks as `checks` says.
    ///
    /// Within one block, the j-th check (from 0) comes after j IDs have each set four bits at
    /// positions uniform over the block's 512 (some on bits already set), and it meets a false
    /// positive when its own four positions all fall on set bits: with c bits set, (c / 512)^4.
    /// The number of bits set after m positions follows the occupancy distribution, computed
    /// step by step (a position lands on a set bit with chance c / 512); so check j's chance is
    /// the mean of (c / 512)^4 over that distribution after 4j positions, and a block that met k
    /// checks expects the sum of the first k of those chances. (An ID that truly repeats sets no
    /// bits, so a block full of true repeats is expected to be fuller than it is: a slight
    /// overestimate.) Summed in block order, so the result does not depend on arrival order.
    static func expectedFalsePositives(checks: UnsafeBufferPointer<UInt32>) -> Double {
        let most = Int(checks.max() ?? 0)
        guard most > 0 else { return 0 }
        // Beyond this many checks a block is all but full; each further check counts as the last.
        let modelled = min(most, 4_096)
        var cumulative = [Double](repeating: 0, count: modelled + 1)
        var occupancy = [Double](repeating: 0, count: 513)
        occupancy[0] = 1
        var lastChance = 0.0
        for check in 0..<modelled {
            var chance = 0.0
            for count in 1...512 {
                let fill = Double(count) / 512
                chance += occupancy[count] * fill * fill * fill * fill
            }
            lastChance = chance
            cumulative[check + 1] = cumulative[check] + chance
            for _ in 0..<EventIDSketch.probes {
                // One more uniform position: from c set bits, stay (chance c/512) or gain one.
                for count in stride(from: 512, through: 1, by: -1) {
                    occupancy[count] = occupancy[count] * Double(count) / 512
                        + occupancy[count - 1] * Double(512 - (count - 1)) / 512
                }
                occupancy[0] = 0
            }
        }
        var sum = 0.0
        for k in checks {
            let checked = Int(k)
            sum += checked <= modelled ? cumulative[checked] : cumulative[modelled] + Double(checked - modelled) * lastChance
        }
        return sum
    }

    /// The chance that a new ID meets a false positive in the filter as it is now: the mean over
    /// blocks of (set bits / 512)^4, counted from the bits (for the tests).
    var falsePositiveRate: Double {
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
}
