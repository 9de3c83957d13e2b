/// A stream of (decompressed) bytes that fills an `InputWindow`.
protocol ByteSource {
    /// Reads up to `capacity` bytes into `buffer`.
    mutating func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> ByteSourceResult
    /// Bytes taken from the underlying file so far (compressed bytes for gzip).
    var bytesConsumed: Int64 { get }
}

/// What one `ByteSource.read` produced.
enum ByteSourceResult {
    /// `count` bytes (at least one) were written.
    case bytes(Int)
    /// The stream ended normally.
    case end
    /// The stream broke: what was delivered before stands, nothing more will come.
    case failed(SourceProblem)
}

/// Why a file's bytes could not be read to the end.
public struct SourceProblem: Error, Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// `open` or `read` failed.
        case ioError
        /// The gzip stream ends before its trailer.
        case truncatedGzip
        /// The gzip stream holds invalid compressed data or a bad checksum.
        case corruptGzip
    }
    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// Bytes already in memory (a decompressed buffer, a decoded JSON string, test input).
struct MemorySource: ByteSource {
    var bytesConsumed: Int64 { 0 }
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> ByteSourceResult { .end }
}

/// A plain file read with `read(2)`.
struct FileSource: ByteSource {
    let descriptor: Int32
    private(set) var bytesConsumed: Int64 = 0
    /// Bytes already read while sniffing, delivered before anything else.
    var pending: [UInt8]

    init(descriptor: Int32, pending: [UInt8]) {
        self.descriptor = descriptor
        self.pending = pending
        self.bytesConsumed = Int64(pending.count)
    }

    mutating func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> ByteSourceResult {
        if !pending.isEmpty {
            let count = min(capacity, pending.count)
            pending.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: count) }
            pending.removeFirst(count)
            return .bytes(count)
        }
        while true {
            let count = Glibc.read(descriptor, buffer, capacity)
            if count > 0 {
                bytesConsumed += Int64(count)
                return .bytes(count)
            }
            if count == 0 { return .end }
            if errno == EINTR { continue }
            return .failed(SourceProblem(.ioError, String(cString: strerror(errno))))
        }
    }
}

import Glibc

/// Compressed bytes held in memory, handed out in chunks (the zlib fallback after libdeflate
/// declined a whole file).
final class OwnedBytesSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    var bytesConsumed: Int64 { Int64(position) }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> ByteSourceResult {
        guard position < bytes.count else { return .end }
        let count = min(capacity, bytes.count - position)
        bytes.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress! + position, count: count) }
        position += count
        return .bytes(count)
    }
}
