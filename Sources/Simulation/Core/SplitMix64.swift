/// The simulator's only source of randomness: Steele, Lea and Flood's SplitMix64.
///
/// Every draw goes through this type and through the helpers below, never through the standard
/// library's `random(in:using:)` or `shuffle(using:)`, whose algorithms may change between
/// toolchains: the promise is "same seed and same Skua version, same bytes", whatever compiler
/// built it. Independent streams (one per output file, one per scenario) are derived with
/// `derived(_:)` so that files can be generated in any order, on any number of threads.
struct SplitMix64: Sendable {
    private(set) var state: UInt64

    /// A generator starting at `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finalizer: a bijective scramble of 64 bits.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for an independent stream named by `labels`, derived from this generator's
    /// starting state without advancing it.
    func derived(_ labels: UInt64...) -> SplitMix64 {
        var value = SplitMix64.mix(state ^ 0x5EED_5EED_5EED_5EED)
        for label in labels { value = SplitMix64.mix(value ^ SplitMix64.mix(label &+ 0x632B_E59B_D9B4_E019)) }
        return SplitMix64(seed: value)
    }

    /// A uniform integer in `0..<bound` (`bound` > 0), by Lemire's multiply-high; the bias is
    /// below 2⁻³² for every bound the simulator uses, so no rejection loop is needed.
    @inline(__always)
    mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    @inline(__always)
    mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// `true` with probability `numerator / denominator`.
    @inline(__always)
    mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        below(denominator) < numerator
    }

    /// One element of a non-empty array.
    @inline(__always)
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// Fisher–Yates, with this generator.
    mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            let other = below(index + 1)
            if other != index { elements.swapAt(index, other) }
        }
    }
}

/// A stable 64-bit hash of text (FNV-1a, then scrambled), for deriving streams and identifiers
/// from names; unlike `Hasher`, it is the same in every process.
func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
    }
    return SplitMix64.mix(hash)
}
