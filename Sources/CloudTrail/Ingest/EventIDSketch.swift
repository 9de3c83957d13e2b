import Synchronization

/// Estimates how many `eventID`s repeat across files, in fixed memory: a Bloom filter of
/// 2^27 bits (16 MiB) with 4 probes, filled one file at a time.
///
/// Each file's distinct IDs are checked against the filter, then added. An ID already present
/// came from an earlier file (or is a false positive), so the count is an estimate, reported with
/// the number of false positives to expect from the final fill (below one per ten thousand up to
/// about five million distinct IDs). Memory never grows, whatever the input size.
final class EventIDSketch: Sendable {
    private static let bitCount: UInt64 = 1 << 27
    private static let probes = 4
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var words: [UInt64] = []
        var distinct = 0
        var repeats = 0
        var setBits = 0
    }

    /// Checks and adds one file's distinct ID hashes; returns how many were already present.
    @discardableResult
    func add(_ hashes: Set<UInt64>) -> Int {
        guard !hashes.isEmpty else { return 0 }
        return state.withLock { state in
            if state.words.isEmpty { state.words = [UInt64](repeating: 0, count: Int(EventIDSketch.bitCount / 64)) }
            var repeats = 0
            for hash in hashes {
                let first = hash & 0xFFFF_FFFF
                let step = (hash >> 32) | 1
                var present = true
                for probe in 0..<UInt64(EventIDSketch.probes) {
                    let bit = (first &+ probe &* step) & (EventIDSketch.bitCount - 1)
                    let mask: UInt64 = 1 << (bit & 63)
                    let word = Int(bit >> 6)
                    if state.words[word] & mask == 0 {
                        present = false
                        state.words[word] |= mask
                        state.setBits += 1
                    }
                }
                if present { repeats += 1 } else { state.distinct += 1 }
            }
            state.repeats += repeats
            return repeats
        }
    }

    /// The estimate and the false positives to expect in it.
    var estimate: (repeats: Int, expectedFalsePositives: Double) {
        state.withLock { state in
            let fill = Double(state.setBits) / Double(EventIDSketch.bitCount)
            var falsePositiveRate = 1.0
            for _ in 0..<EventIDSketch.probes { falsePositiveRate *= fill }
            return (state.repeats, Double(state.distinct + state.repeats) * falsePositiveRate)
        }
    }
}
