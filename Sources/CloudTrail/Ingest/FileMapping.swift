import CMapGuard
import Glibc

/// A plain file mapped into memory, followed by `JSONByte.readPadding` zero bytes, in place of a
/// copy made with `read(2)`.
///
/// Mapping saves the kernel's copy of the page cache, which on some virtual machines runs at
/// about 2 GB/s and is then a third of Skua's time on plain JSON. Its usual danger, SIGBUS when
/// another process truncates the file while it is mapped, is caught by the guard in `CMapGuard`:
/// the lost pages read as zeros, and `unmap()` says that it happened so the reader can report
/// the file as damaged (the records before the cut are kept, the one across it is malformed).
struct FileMapping {
    let storage: UnsafeMutablePointer<UInt8>
    let count: Int
    private let slot: Int32

    /// Maps the first `size` bytes of `descriptor`, or `nil` when it cannot (the caller copies).
    init?(descriptor: Int32, size: Int) {
        var slot: Int32 = -1
        guard size > 0, let base = skua_map_file(descriptor, size, JSONByte.readPadding, &slot) else { return nil }
        self.storage = base.assumingMemoryBound(to: UInt8.self)
        self.count = size
        self.slot = slot
    }

    /// Unmaps the file; `nil` when every page of it was there while it was mapped, otherwise
    /// the offset of the first page that went missing (read as zeros).
    func unmap() -> Int64? {
        let fault = skua_unmap_file(storage, count, JSONByte.readPadding, slot)
        return fault < 0 ? nil : Int64(fault)
    }
}
