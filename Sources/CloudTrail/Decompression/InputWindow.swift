/// A sliding window over a byte stream: the scanner sees one contiguous, zero-padded buffer, and
/// asks for more when a value runs past its end.
///
/// The window keeps only what the caller still needs (`refill(keepingFrom:)` drops everything
/// before that index), so memory is bounded by the largest single value scanned, capped at
/// `maximumCapacity`, never by the size of the file.
struct InputWindow {
    /// The bytes; `storage[count..<count + JSONByte.readPadding]` are always zero.
    private(set) var storage: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Valid bytes in `storage`.
    private(set) var count: Int
    /// Stream offset of `storage[0]`.
    private(set) var base: Int64 = 0
    /// No more bytes will come.
    private(set) var isFinal: Bool
    /// Why the stream ended early, if it did.
    private(set) var problem: SourceProblem?
    let maximumCapacity: Int
    private var source: any ByteSource
    /// Decompressed bytes delivered so far.
    private(set) var bytesDelivered: Int64 = 0
    /// Where to report bytes taken from disk, for the progress line.
    var progress: IngestProgress?
    private var consumedReported: Int64 = 0
    /// Whether `release` frees `storage` (false for a buffer borrowed from `ReadBuffers`).
    private var ownsStorage = true

    /// A window that reads from `source` in steps of `chunk` bytes; `base` is the stream offset
    /// of the source's first byte (non-zero for a piece of a file).
    init(source: any ByteSource, chunk: Int = 4 << 20, maximumCapacity: Int, base: Int64 = 0) {
        self.source = source
        self.base = base
        self.capacity = chunk
        self.maximumCapacity = max(maximumCapacity, chunk)
        self.storage = .allocate(capacity: chunk + JSONByte.readPadding)
        self.count = 0
        self.isFinal = false
        // Only the padding after the (empty) content must be zero; the rest is written before it
        // is read. Zeroing the whole chunk cost 4 MiB of memset per file: a tenth of the run on
        // S3-sized objects.
        storage.initialize(repeating: 0, count: JSONByte.readPadding)
    }

    /// A final window over a copy of `bytes`.
    init(copying bytes: UnsafeBufferPointer<UInt8>) {
        self.source = MemorySource()
        self.capacity = bytes.count
        self.maximumCapacity = bytes.count
        self.storage = .allocate(capacity: bytes.count + JSONByte.readPadding)
        if let base = bytes.baseAddress { storage.initialize(from: base, count: bytes.count) }
        (storage + bytes.count).initialize(repeating: 0, count: JSONByte.readPadding)
        self.count = bytes.count
        self.isFinal = true
        self.bytesDelivered = Int64(bytes.count)
    }

    /// A final window that takes ownership of `storage` (allocated with room for the padding).
    init(adopting storage: UnsafeMutablePointer<UInt8>, count: Int) {
        self.source = MemorySource()
        self.storage = storage
        self.capacity = count
        self.maximumCapacity = count
        self.count = count
        self.isFinal = true
        self.bytesDelivered = Int64(count)
        (storage + count).initialize(repeating: 0, count: JSONByte.readPadding)
    }

    /// A final window over `count` bytes in `storage`, which stays the caller's (it must have
    /// room for the padding, and outlive the window).
    init(borrowing storage: UnsafeMutablePointer<UInt8>, count: Int) {
        self.init(adopting: storage, count: count)
        ownsStorage = false
    }

    /// Frees the buffer, if the window owns it. Call once, when the walk is over.
    func release() {
        if ownsStorage { storage.deallocate() }
    }

    var bytesConsumed: Int64 { source.bytesConsumed }

    /// What a refill achieved.
    enum Refill {
        /// Indices moved down by `shift` (subtract it from every index you hold); more bytes
        /// arrived, or the window became final.
        case progressed(shift: Int)
        /// The value that starts at the kept index does not fit in `maximumCapacity`.
        case full
        /// Nothing more will come (the window was already final).
        case exhausted
    }

    /// Reads more, dropping the bytes before `keep` only when the buffer is full (so a file that
    /// fits stays whole, with line numbers for its issues, and bytes move rarely).
    mutating func refill(keepingFrom keep: Int) -> Refill {
        if isFinal { return .exhausted }
        var shift = 0
        if count == capacity && keep > 0 {
            shift = keep
            let remaining = count - shift
            if remaining > 0 { storage.update(from: storage + shift, count: remaining) }
            count = remaining
            base += Int64(shift)
        }
        if count == capacity {
            guard capacity < maximumCapacity else { return .full }
            let grown = min(capacity * 2, maximumCapacity)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown + JSONByte.readPadding)
            bigger.update(from: storage, count: count)
            storage.deallocate()
            storage = bigger
            capacity = grown
        }
        switch source.read(into: storage + count, capacity: capacity - count) {
        case .bytes(let read):
            count += read
            bytesDelivered += Int64(read)
        case .end:
            isFinal = true
        case .failed(let failure):
            isFinal = true
            problem = failure
        }
        (storage + count).initialize(repeating: 0, count: JSONByte.readPadding)
        if let progress {
            let consumed = source.bytesConsumed
            progress.add(bytes: consumed - consumedReported)
            consumedReported = consumed
        }
        return .progressed(shift: shift)
    }

    /// 1-based line and column of `index`, when the window still starts at the stream's first
    /// byte (small files, and the first window of a large one); `nil` otherwise.
    func lineAndColumn(of index: Int) -> (line: Int, column: Int)? {
        guard base == 0, index <= count else { return nil }
        var line = 1
        var lineStart = 0
        for position in 0..<index where storage[position] == JSONByte.newline {
            line += 1
            lineStart = position + 1
        }
        return (line, index - lineStart + 1)
    }
}
