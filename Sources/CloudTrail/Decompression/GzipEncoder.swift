import CZlib

/// Writes gzip with zlib, for the simulator and the tests: CloudTrail as AWS delivers it.
///
/// The header's modification time is fixed by the caller (0 by default) and the OS byte is
/// zlib's, so the same input and level give the same bytes on every run.
public enum GzipEncoder {
    /// One gzip member holding `data`, compressed at `level` (1 fastest … 9 smallest).
    public static func compress(_ data: [UInt8], level: Int32 = 6, modificationTime: UInt32 = 0) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: gzip wrapper, largest window; 8: zlib's default memory level.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var header = gz_header()
        header.time = uLong(modificationTime)
        header.os = 3  // Unix, whatever the build machine, so output does not depend on it
        deflateSetHeader(&stream, &header)
        let bound = Int(deflateBound(&stream, uLong(data.count))) + 64
        var output = [UInt8](repeating: 0, count: bound)
        var input = data
        let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer -> Int in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                let status = deflate(&stream, Z_FINISH)
                return status == Z_STREAM_END ? outputBuffer.count - Int(stream.avail_out) : -1
            }
        }
        guard produced >= 0 else { return [] }
        output.removeSubrange(produced...)
        return output
    }
}
