import Synchronization

/// Counters a progress display reads while the pipeline runs.
public final class IngestProgress: Sendable {
    /// Files in the run (known after discovery).
    public let totalFiles = Atomic<Int>(0)
    /// Bytes on disk in the run (0 for standard input and FIFOs, whose size is unknown).
    public let totalBytes = Atomic<Int64>(0)
    public let filesDone = Atomic<Int>(0)
    /// Bytes taken from disk so far (compressed bytes for gzip).
    public let bytesDone = Atomic<Int64>(0)

    public init() {}

    func add(bytes: Int64) {
        if bytes > 0 { bytesDone.add(bytes, ordering: .relaxed) }
    }
}
