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
    /// Whether plain files that are read whole (from `mappingThreshold` up to `chunkBytes`) are
    /// mapped into memory rather than copied with `read(2)`. Mapping saves the kernel's copy (a
    /// third of the time on plain JSON on some virtual machines); a file truncated by another
    /// process while it is mapped is caught (see `FileMapping`) and reported as damaged. Off
    /// only to compare the two paths (tests, benchmarks).
    public var mapsFiles: Bool
    /// Plain files smaller than this are copied: for them `mmap` and `munmap` cost more than
    /// the copy does.
    public static let mappingThreshold = 64 << 10
    /// The smallest piece a large plain file is cut into so several workers walk it at once
    /// (see `IngestPipeline`); files under twice this size are walked whole.
    public var splitBytes: Int
    /// EventIDs whose repeats are counted exactly within one file: a stretch.
    ///
    /// Memory must not grow with the size of a file, and exact counting over a whole file would
    /// (8 to 16 bytes an ID: a 4 GB file of three million records held 64 MB of hashes, and its
    /// pieces as much again). So a file with more IDs than this is counted exactly within each
    /// stretch of that many records (repeats included: the log of a stretch, 8 bytes an ID, is
    /// what is held, see `EventIDLog`), and each full stretch's distinct IDs join the run's
    /// fixed-size cross-file sketch: repeats between stretches of one file are then part of the
    /// cross-file estimate, and a notice says so. A stretch holds at most 8 MiB of hashes, and
    /// as much again while its repeats are found. A file walked in pieces shares its stretch
    /// among them (`stretch(pieces:)`), since their logs are held until joined; a piece whose
    /// walk goes past a later piece's start (that piece is then dropped) takes its share.
    /// Smaller only in tests.
    public var eventIDStretch: Int
    public static let defaultEventIDStretch = 1_000_000

    /// The stretch of each of `pieces` pieces of one file.
    func stretch(pieces: Int) -> Int {
        pieces <= 1 ? eventIDStretch : max(min(eventIDStretch, 65_536), eventIDStretch / pieces)
    }

    public init(workers: Int? = nil, maximumValueBytes: Int = 64 << 20, chunkBytes: Int = 4 << 20,
                decompression: Decompression = .automatic, splitBytes: Int = 32 << 20,
                eventIDStretch: Int = IngestOptions.defaultEventIDStretch, mapsFiles: Bool = true) {
        self.mapsFiles = mapsFiles
        self.eventIDStretch = max(1, eventIDStretch)
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
