@testable import CloudTrail
import Foundation
import Testing

/// The structures behind the report's eventID repeats: the exact per-file set, the word hash,
/// and the fixed-size sketch across files.
@Suite struct EventIDTrackingTests {
    @Test("the union of one log holds each hash once and counts the rest as repeats, the hash 0 included",
          arguments: [10, 2_047, 2_048, 50_000])
    func logCountsDistinct(distinctCount: Int) {
        // Every value twice (the second round in reverse), and the hash 0 twice: distinctCount + 1
        // distinct hashes, and as many repeats. 2,047 makes 4,096 hashes, the most that one table
        // takes whole; 2,048 makes two buckets, 50,000 many.
        var log = EventIDLog(capacity: 4)
        let values = (1...UInt64(distinctCount)).map { StableHash.mix($0) }
        for value in values { log.append(value) }
        for value in values.reversed() { log.append(value) }
        log.append(0)
        log.append(0)
        #expect(log.count == 2 * distinctCount + 2)
        let (distinct, repeats) = EventIDLog.union(of: [log])
        #expect(distinct.count == distinctCount + 1)
        #expect(repeats == distinctCount + 1)
        // 0 is stored as 1 (mix(v) is never 1 for these v: checked by the set's size).
        #expect(Set(distinct) == Set(values + [1]))
    }

    @Test("the union of several logs holds each hash once and counts the repeats it dropped",
          arguments: [1, 3_000, 100_000])
    func unionOfSets(scale: Int) {
        // Three logs over the values [0, 2s), [s, 3s) and [2.5s, 3s) ∪ {hash 0}: their union
        // is [0, 3s) plus the hash 0, 3s + 1 hashes; they hold 2s + 2s + 0.5s + 1 hashes, so
        // the repeats are s (the overlap of the first two) + 0.5s (the third inside the second).
        let s = UInt64(scale) * 2     // even, so that half of it is whole
        var a = EventIDLog(), b = EventIDLog(), c = EventIDLog()
        for value in 0..<2 * s { a.append(StableHash.mix(value + 1)) }
        for value in s..<3 * s { b.append(StableHash.mix(value + 1)) }
        for value in (5 * s / 2)..<3 * s { c.append(StableHash.mix(value + 1)) }
        c.append(0)
        let (distinct, repeats) = EventIDLog.union(of: [a, b, c])
        #expect(distinct.count == Int(3 * s) + 1)
        #expect(repeats == Int(s + s / 2))
        // Each hash once, and exactly the expected ones (0 is stored as 1, as in the log).
        var expected = Set((0..<3 * s).map { StableHash.mix($0 + 1) })
        expected.insert(1)
        #expect(Set(distinct).count == distinct.count)
        #expect(Set(distinct) == expected)
    }

    @Test("the union of no logs, of empty logs and of one log twice")
    func unionEdges() {
        #expect(EventIDLog.union(of: []).distinct.isEmpty)
        #expect(EventIDLog.union(of: [EventIDLog(), EventIDLog()]) == ([], 0))
        var one = EventIDLog()
        for value in 1...10 as ClosedRange<UInt64> { one.append(StableHash.mix(value)) }
        let (distinct, repeats) = EventIDLog.union(of: [one, one])
        #expect(Set(distinct) == Set((1...10).map { StableHash.mix($0) }))
        #expect(distinct.count == 10)
        #expect(repeats == 10)
    }

    @Test("the word hash ignores the bytes after the field, and tells apart fields that differ anywhere")
    func wordHash() {
        let id = Array("3b2c1f0e-9d8c-4b7a-8e6f-5d4c3b2a1f0e".utf8)
        let withGarbage = id + Array("\",\"x\":1}".utf8) + [UInt8](repeating: 0, count: 16)
        let withZeros = id + [UInt8](repeating: 0, count: 16)
        let a = withGarbage.withUnsafeBufferPointer { StableHash.words($0.baseAddress!, count: id.count) }
        let b = withZeros.withUnsafeBufferPointer { StableHash.words($0.baseAddress!, count: id.count) }
        #expect(a == b)
        var hashes = Set<UInt64>()
        for position in 0..<id.count {
            var changed = withZeros
            changed[position] ^= 0x01
            hashes.insert(changed.withUnsafeBufferPointer { StableHash.words($0.baseAddress!, count: id.count) })
        }
        #expect(hashes.count == id.count)
        #expect(!hashes.contains(a))
    }

    @Test("the sketch counts IDs that come back in a later file, with few false positives")
    func sketchEstimate() {
        let sketch = EventIDSketch()
        let first = (0..<200_000 as Range<UInt64>).map { StableHash.mix($0) }
        // 1,000 IDs of the first file again, and 100,000 new ones.
        let second = (199_000..<300_000 as Range<UInt64>).map { StableHash.mix($0) }
        #expect(sketch.add(first) == 0)
        let repeats = sketch.add(second)
        let estimate = sketch.estimate
        // 300,000 distinct IDs: each new ID is a false positive with probability about 1e-7.
        #expect(repeats >= 1_000 && repeats <= 1_002)
        #expect(estimate.repeats == repeats)
        #expect(estimate.expectedFalsePositives > 0 && estimate.expectedFalsePositives < 1)
    }

    @Test("the expected false positives stay below the final filter's rate for every ID checked",
          arguments: [1, 1_000, 300_000, 1_500_000])
    func expectedFalsePositivesBelowFinalRate(ids: Int) {
        let sketch = EventIDSketch()
        var added = 0
        var next: UInt64 = 7
        // Several files, with repeats among them, so that later adds meet bits already set.
        while added < ids {
            var file: [UInt64] = []
            for _ in 0..<min(50_000, ids - added) {
                file.append(StableHash.mix(next))
                next += 1
            }
            next -= UInt64(file.count / 10)     // the next file repeats a tenth of this one
            added += file.count
            sketch.add(file)
        }
        #expect(sketch.falsePositiveRate > 0)
        // Every check met a filter at most as full as the final one.
        #expect(sketch.estimate.expectedFalsePositives <= Double(added) * sketch.falsePositiveRate)
    }

    @Test("a block's second check: the chance that four random bits fall on the bits one ID set, by Stirling numbers")
    func expectedFalsePositivesOfOneBlock() {
        // One ID sets the bits of 4 positions uniform over 512: c distinct bits with probability
        // S(4, c) * 512!/(512-c)! / 512^4 (S: Stirling numbers of the second kind, 1 7 6 1). The
        // next check meets a false positive with chance (c/512)^4; the first check never does.
        let stirling: [Double] = [0, 1, 7, 6, 1]
        var expected = 0.0
        for c in 1...4 {
            var falling = 1.0
            for k in 0..<c { falling *= Double(512 - k) }
            let probability = stirling[c] * falling / pow(512, 4)
            expected += probability * pow(Double(c) / 512, 4)
        }
        var checks = [UInt32](repeating: 0, count: 8)
        checks[3] = 2
        checks[5] = 1
        let computed = checks.withUnsafeBufferPointer { EventIDSketch.expectedFalsePositives(checks: $0) }
        #expect(abs(computed - expected) <= expected * 1e-9)
    }

    @Test("the expected false positives do not depend on the order files arrive in")
    func expectedFalsePositivesIgnoreOrder() {
        let files = (0..<6).map { file in (0..<40_000 as Range<UInt64>).map { StableHash.mix(UInt64(file) * 1_000_000 + $0 + 1) } }
        let forward = EventIDSketch(), backward = EventIDSketch()
        for file in files { forward.add(file) }
        for file in files.reversed() { backward.add(file) }
        #expect(forward.estimate.expectedFalsePositives > 0)
        #expect(forward.estimate.expectedFalsePositives == backward.estimate.expectedFalsePositives)
    }

    @Test("the expected false positives match the false positives a sketch of distinct IDs really counts")
    func expectedFalsePositivesMatchCounted() {
        // 3 million IDs, none repeated, in files of 50,000: every repeat the sketch counts is a
        // false positive. The count is a sum of many rare independent events, so it falls within
        // a few standard deviations (about its square root) of its expectation. The rate of the
        // final fill times the IDs checked would say about five times as many: most IDs were
        // checked while the filter was far emptier.
        let sketch = EventIDSketch()
        var counted = 0
        var next: UInt64 = 1
        for _ in 0..<60 {
            var file: [UInt64] = []
            for _ in 0..<50_000 {
                file.append(StableHash.mix(next))
                next += 1
            }
            counted += sketch.add(file)
        }
        let expected = sketch.estimate.expectedFalsePositives
        #expect(expected > 10)
        #expect(abs(Double(counted) - expected) <= 5 * expected.squareRoot())
        #expect(Double(3_000_000) * sketch.falsePositiveRate > 3 * expected)
    }
}

extension EventIDSketch {
    /// `add(distinct:)` of an array (each hash once).
    @discardableResult
    func add(_ distinct: [UInt64]) -> Int {
        distinct.withUnsafeBufferPointer { add(distinct: $0) }
    }
}
