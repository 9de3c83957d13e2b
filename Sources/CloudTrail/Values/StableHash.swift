/// A 64-bit hash that is the same in every process and on every run (Swift's `Hasher` is seeded
/// per process): FNV-1a folded through a final avalanche (the `fmix64` step of MurmurHash3), so
/// every output bit depends on every input byte, which the Bloom filter's double hashing needs.
public enum StableHash {
    public static func hash(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in 0..<count {
            value ^= UInt64(bytes[index])
            value &*= 0x0000_0100_0000_01B3
        }
        return mix(value ^ UInt64(count))
    }

    /// The same kind of hash, eight bytes at a time: for eventIDs, hashed once per record.
    ///
    /// Not the same values as `hash` (which QIDs keep). It reads whole words, up to seven bytes
    /// past `count`, which must be readable: the scanner's buffers carry `JSONByte.readPadding`
    /// zero bytes after their end, and a field inside a buffer is followed by at least that.
    /// Bytes past `count` are masked off, so they never change the result.
    @inline(__always)
    static func words(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        var value: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
        let raw = UnsafeRawPointer(bytes)
        var index = 0
        while index + 8 <= count {
            value = (value ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            value ^= value >> 29
            index += 8
        }
        if index < count {
            let tail = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & ((1 << (UInt64(count - index) * 8)) &- 1)
            value = (value ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        return mix(value)
    }

    public static func hash(_ text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { hash($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count) }
    }

    @inline(__always)
    public static func mix(_ input: UInt64) -> UInt64 {
        var value = input
        value ^= value >> 33
        value &*= 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value &*= 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value
    }
}
