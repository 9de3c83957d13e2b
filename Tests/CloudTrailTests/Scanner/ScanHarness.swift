@testable import CloudTrail

/// One candidate scan of `text` with `RecordScanner`, as the container walker runs it.
struct CandidateScan {
    var result: Int
    var failure: (position: Int, reason: ScanFailure.Reason)?
    var table: ProjectionTable
    var slots: [FieldSlot]
    var bytes: [UInt8]

    init(_ text: String, paths: [String] = [], isFinal: Bool = true) {
        self.init(bytes: Array(text.utf8), paths: paths, isFinal: isFinal)
    }

    init(bytes input: [UInt8], paths: [String] = [], isFinal: Bool = true) {
        let table = ProjectionTable(paths: paths.map { PropertyPath(parsing: $0)! })
        let padded = input + [UInt8](repeating: 0, count: JSONByte.readPadding)
        let slotCount = max(table.slotCount, 1)
        let slotBuffer = UnsafeMutablePointer<FieldSlot>.allocate(capacity: slotCount)
        slotBuffer.initialize(repeating: .absent, count: slotCount)
        defer { slotBuffer.deallocate() }
        var outcome = 0
        var failure: (position: Int, reason: ScanFailure.Reason)?
        padded.withUnsafeBufferPointer { buffer in
            var scanner = RecordScanner(bytes: buffer.baseAddress!, end: input.count, isFinal: isFinal,
                                        trie: table.trie, slots: slotBuffer)
            scanner.clearSlots()
            outcome = scanner.scanObject(0, node: 0, depth: 0)
            failure = scanner.failure
        }
        self.table = table
        self.bytes = input
        self.result = outcome
        self.failure = failure
        self.slots = Array(UnsafeBufferPointer(start: slotBuffer, count: table.slotCount))
    }

    func slot(_ path: String) -> FieldSlot {
        guard let index = table.slot(for: PropertyPath(parsing: path)!) else { return .absent }
        return slots[index]
    }

    /// The value as `ScannedRecord.text` gives it: decoded strings, raw text for other kinds.
    func text(_ path: String) -> String? {
        let field = slot(path)
        switch field.kind {
        case .absent, .null: return nil
        case .string:
            return bytes.withUnsafeBufferPointer { JSONString.decode($0.baseAddress! + field.start, count: field.end - field.start) }
        default:
            return String(decoding: bytes[field.start..<field.end], as: UTF8.self)
        }
    }
}
