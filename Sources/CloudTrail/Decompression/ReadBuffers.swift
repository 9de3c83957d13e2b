/// Buffers one worker reuses from file to file: a file's bytes as read, and its decompressed
/// bytes.
///
/// A fresh buffer per file meant fresh pages per file, each faulted in and zeroed by the kernel
/// (and a 64 KiB sniffing array zeroed by us): with S3 objects of a few hundred KiB that was a
/// tenth of a run. A buffer is kept for the next file only up to `keptCapacity`; a larger file
/// gets a buffer of its own, freed when it is done, so what a worker holds between files stays
/// small. Every buffer has `JSONByte.readPadding` bytes beyond its capacity, for the scanner.
final class ReadBuffers {
    // A class: owns the buffers, frees them in deinit; one per worker, never shared.
    static let keptCapacity = 8 << 20

    private var kept: [UnsafeMutablePointer<UInt8>?] = [nil, nil]
    private var keptSize = [0, 0]

    /// Which of the two buffers.
    enum Role: Int {
        case file, decoded
    }

    /// A buffer of at least `count` bytes (plus padding) for `role`; `isOwned` says the caller
    /// must free it (it was too large to keep).
    func buffer(_ role: Role, count: Int) -> (storage: UnsafeMutablePointer<UInt8>, isOwned: Bool) {
        if count > ReadBuffers.keptCapacity {
            return (.allocate(capacity: count + JSONByte.readPadding), true)
        }
        let index = role.rawValue
        if let storage = kept[index], keptSize[index] >= count { return (storage, false) }
        kept[index]?.deallocate()
        // Grow by doubling from 256 KiB, so a run of growing files reallocates a few times only.
        var size = max(keptSize[index], 256 << 10)
        while size < count { size *= 2 }
        size = min(size, ReadBuffers.keptCapacity)
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: size + JSONByte.readPadding)
        kept[index] = storage
        keptSize[index] = size
        return (storage, false)
    }

    deinit {
        for storage in kept { storage?.deallocate() }
    }
}
