import Glibc

/// Substring search over raw bytes (Glibc's `memmem` is not exported to Swift).
enum ByteSearch {
    private static let eventPrefix = Array("event".utf8)
    private static let recordKeySuffixes = ["Source", "Version", "Type"].map { Array($0.utf8) }

    /// Whether the bytes mention `eventSource`, `eventVersion` or `eventType`.
    static func containsRecordKey(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        var index = 0
        while index + 9 <= count {
            guard let hit = memchr(bytes + index, Int32(UInt8(ascii: "e")), count - index) else { return false }
            let position = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - bytes
            if position + 9 <= count && memcmp(bytes + position, eventPrefix, 5) == 0 {
                for suffix in recordKeySuffixes where position + 5 + suffix.count <= count
                    && memcmp(bytes + position + 5, suffix, suffix.count) == 0 {
                    return true
                }
            }
            index = position + 1
        }
        return false
    }
}
