import CZlib

/// Streaming gzip decompression with zlib: any size, several members, and a clean stop at a
/// truncation or a corrupt block with everything before it delivered.
///
/// Members: `cat a.gz b.gz` is a valid gzip file whose output is both inputs; after each member's
/// end the next member starts if the following bytes are a gzip header. Trailing zero bytes (tape
/// and block padding) are ignored; other trailing bytes are reported as corrupt data.
final class GzipStreamSource: ByteSource {
    // A class, not a struct: z_stream holds pointers into itself and must not move; `deinit`
    // frees zlib's state.
    private var stream = z_stream()
    private var input: UnsafeMutablePointer<UInt8>
    private let inputCapacity: Int
    private var upstream: any ByteSource
    private var upstreamEnded = false
    private var memberEnded = false
    private var finished = false
    private var initialized = false

    var bytesConsumed: Int64 { upstream.bytesConsumed }

    /// Decompresses what `upstream` delivers (a `FileSource`, or memory holding compressed bytes).
    init(upstream: any ByteSource, inputCapacity: Int = 1 << 20) {
        self.upstream = upstream
        self.inputCapacity = inputCapacity
        self.input = .allocate(capacity: inputCapacity)
        // 15 + 16: a gzip wrapper with the largest window.
        initialized = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if initialized { inflateEnd(&stream) }
        input.deallocate()
    }

    /// Moves more compressed bytes into the input buffer; false when upstream is exhausted.
    private func fillInput() -> SourceProblem? {
        if stream.avail_in > 0 || upstreamEnded { return nil }
        switch upstream.read(into: input, capacity: inputCapacity) {
        case .bytes(let count):
            stream.next_in = input
            stream.avail_in = UInt32(count)
        case .end:
            upstreamEnded = true
        case .failed(let problem):
            upstreamEnded = true
            return problem
        }
        return nil
    }

    /// A problem met after some output of the same call: reported by the next call, so the
    /// bytes before it are never lost.
    private var pendingProblem: SourceProblem?

    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> ByteSourceResult {
        if let problem = pendingProblem {
            pendingProblem = nil
            return .failed(problem)
        }
        guard initialized else {
            finished = true
            return .failed(SourceProblem(.corruptGzip, "zlib could not start"))
        }
        if finished { return .end }
        stream.next_out = buffer
        stream.avail_out = UInt32(min(capacity, Int(UInt32.max)))
        var problem: SourceProblem?
        let truncated = SourceProblem(.truncatedGzip, "gzip stream ends before its end marker (file truncated?)")
        work: while stream.avail_out > 0 {
            if let failure = fillInput() {
                problem = failure
                break work
            }
            if memberEnded {
                // Between members: skip zero padding, then expect another gzip header.
                while stream.avail_in > 0 && stream.next_in.pointee == 0 {
                    stream.next_in += 1
                    stream.avail_in -= 1
                }
                if stream.avail_in == 0 {
                    if upstreamEnded {
                        finished = true
                        break work
                    }
                    continue
                }
                if stream.next_in.pointee != 0x1F {
                    problem = SourceProblem(.corruptGzip, "bytes after the end of the gzip stream are not another gzip member")
                    break work
                }
                inflateReset(&stream)
                memberEnded = false
            }
            if stream.avail_in == 0 && upstreamEnded {
                problem = truncated
                break work
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                memberEnded = true
            case Z_BUF_ERROR:
                // No progress possible: it needs input (the loop refills) or output (the loop ends).
                if stream.avail_in == 0 && upstreamEnded {
                    problem = truncated
                    break work
                }
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                problem = SourceProblem(.corruptGzip, "corrupt gzip data: \(detail)")
                break work
            }
        }
        let produced = capacity - Int(stream.avail_out)
        if let problem {
            finished = true
            if produced > 0 {
                pendingProblem = problem
                return .bytes(produced)
            }
            return .failed(problem)
        }
        return produced > 0 ? .bytes(produced) : .end
    }
}
