/// How the ingest runs.
public struct IngestOptions: Sendable {
    /// How gzip files are decompressed.
    public enum Decompression: Sendable, Equatable {
        /// libdeflate in one call for files that fit in memory, zlib streaming for the rest.
        case automatic
        /// zlib streaming for every file (for comparison in benchmarks).
        case zlibStreaming
    }

    /// Files processed at once; by default one per core.
    public var workers: Int
    /// The largest single JSON value (a record, a wrapper scanned as one) held in memory, and
    /// the largest gzip file decompressed in one piece. Bounds memory per worker.
    public var maximumValueBytes: Int
    /// Bytes read per step from a streamed file.
    public var chunkBytes: Int
    public var decompression: Decompression
    /// The smallest piece a large plain file is cut into so several workers walk it at once
    /// (see `IngestPipeline`); files under twice this size are walked whole.
    public var splitBytes: Int

    public init(workers: Int? = nil, maximumValueBytes: Int = 64 << 20, chunkBytes: Int = 4 << 20,
                decompression: Decompression = .automatic, splitBytes: Int = 32 << 20) {
        self.workers = max(1, workers ?? IngestOptions.coreCount)
        self.maximumValueBytes = maximumValueBytes
        self.chunkBytes = min(chunkBytes, maximumValueBytes)
        self.decompression = decompression
        self.splitBytes = max(1, splitBytes)
    }

    /// Cores available to this process.
    public static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}

import Foundation
