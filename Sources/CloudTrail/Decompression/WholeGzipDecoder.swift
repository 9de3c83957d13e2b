import CDeflate

/// Whole-buffer gzip decompression with libdeflate, for files that fit in memory.
///
/// libdeflate inflates a whole buffer about twice as fast as zlib's streaming `inflate`
/// (docs/decompression.md has our measurements), but it needs the output size up front and does
/// not stream. The gzip trailer's ISIZE gives the size of a single-member file; anything this
/// decoder cannot finish in one call — several members, truncation, corruption, a size over the
/// limit — returns `nil` and goes to the zlib streaming path, which handles all of those.
final class WholeGzipDecoder {
    // A class: owns a libdeflate decompressor, freed in deinit. One per worker, never shared.
    private let decompressor: OpaquePointer?

    /// Largest output this path takes on; larger files stream.
    let maximumOutput: Int

    init(maximumOutput: Int) {
        self.maximumOutput = maximumOutput
        decompressor = libdeflate_alloc_decompressor()
    }

    deinit {
        if let decompressor { libdeflate_free_decompressor(decompressor) }
    }

    /// The decompressed bytes, in a padded buffer from `buffers` (freed by the caller when
    /// `isOwned`), or `nil`.
    func decompress(_ input: UnsafeRawBufferPointer, buffers: ReadBuffers)
        -> (storage: UnsafeMutablePointer<UInt8>, count: Int, isOwned: Bool)? {
        guard let decompressor, input.count >= 18, let base = input.baseAddress else { return nil }
        let trailer = input.count - 4
        let size = Int(input[trailer]) | Int(input[trailer + 1]) << 8 | Int(input[trailer + 2]) << 16 | Int(input[trailer + 3]) << 24
        // Deflate cannot expand less than 1:1032 ... nor compress below ~1/1032; a claimed size
        // outside what the input could produce means several members or damage.
        guard size > 0, size <= maximumOutput, size <= input.count &* 1032 else { return nil }
        let (storage, isOwned) = buffers.buffer(.decoded, count: size)
        var consumed = 0
        var produced = 0
        let result = libdeflate_gzip_decompress_ex(decompressor, base, input.count, storage, size, &consumed, &produced)
        guard result == LIBDEFLATE_SUCCESS, consumed == input.count, produced == size else {
            if isOwned { storage.deallocate() }
            return nil
        }
        return (storage, produced, isOwned)
    }
}
