import Glibc

/// The state a walk is in between two records of a file, which a piece of a split file starts in.
enum PieceShape: Sendable, Equatable {
    /// Between lines of JSON Lines (one value per line).
    case lines
    /// Between two elements of a top-level array: `[{…},{…}]`.
    case bareArray
    /// Between two elements of the array under a root key such as `Records`: `{"Records":[{…},{…}]}`.
    case recordsArray
}

/// Where one large plain file is cut into pieces that workers walk at once.
struct FileSplit: Sendable, Equatable {
    var shape: PieceShape
    /// Byte offsets where pieces start, ascending; the first is 0 (the file's own start).
    var starts: [Int64]
}

/// Plans pieces for a large plain (not gzip) file, so one file can keep every worker busy.
///
/// The shape is sniffed from the file's first 64 KiB, and each piece start is the first record
/// boundary of that shape after an even cut: for JSON Lines a `{` that begins a line (a raw
/// newline never occurs inside a JSON string, so this is nearly always right), for arrays a `{`
/// after `}` and `,` (which may sit inside a string). Every start is a guess that the walk of the
/// piece before verifies (`ContainerWalker`, "Pieces"); a wrong guess costs time, never a record.
/// Gzip files are not split: a deflate stream cannot be entered in the middle.
enum FileSplitter {
    /// Bytes sniffed at the head, and read per step while looking for a boundary.
    static let blockBytes = 1 << 16
    /// How far past an even cut a boundary is looked for before the cut is given up.
    static let searchLimit: Int64 = 16 << 20

    /// Pieces for `input` (`count` of them at most), or `nil` when the file is not worth
    /// splitting or its shape is not one a piece can start in.
    static func split(_ input: InputFile, into count: Int) -> FileSplit? {
        guard count >= 2, input.kind == .readable else { return nil }
        let descriptor = open(input.readPath ?? input.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int64(info.st_size)
        guard let head = readBlock(descriptor, at: 0), let shape = sniffShape(head) else { return nil }

        var starts: [Int64] = [0]
        for piece in 1..<count {
            let cut = size * Int64(piece) / Int64(count)
            guard cut > starts.last!, let boundary = boundary(after: cut, shape: shape, descriptor: descriptor, size: size),
                  boundary > starts.last! else { continue }
            starts.append(boundary)
        }
        return starts.count >= 2 ? FileSplit(shape: shape, starts: starts) : nil
    }

    /// The shape of a plain JSON file from its first bytes; `nil` for gzip, ZIP or anything else.
    static func sniffShape(_ head: [UInt8]) -> PieceShape? {
        var index = 0
        if head.count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF { index = 3 }
        index = skipWhitespace(head, from: index)
        guard index < head.count else { return nil }
        if head[index] == JSONByte.openBracket {
            let next = skipWhitespace(head, from: index + 1)
            return next < head.count && head[next] == JSONByte.openBrace ? .bareArray : nil
        }
        guard head[index] == JSONByte.openBrace else { return nil }
        // {"Records": [   (whitespace allowed between the tokens)
        var cursor = skipWhitespace(head, from: index + 1)
        for key in ProjectionTable.wrapperKeys {
            let quoted = Array("\"\(key)\"".utf8)
            if cursor + quoted.count <= head.count && Array(head[cursor..<cursor + quoted.count]) == quoted {
                cursor = skipWhitespace(head, from: cursor + quoted.count)
                guard cursor < head.count, head[cursor] == JSONByte.colon else { return nil }
                cursor = skipWhitespace(head, from: cursor + 1)
                return cursor < head.count && head[cursor] == JSONByte.openBracket ? .recordsArray : nil
            }
        }
        // One object per line: a later line that starts with `{`.
        var position = index
        while let newline = head[position...].firstIndex(of: JSONByte.newline) {
            let next = skipWhitespace(head, from: newline + 1)
            if next < head.count { return head[next] == JSONByte.openBrace ? .lines : nil }
            position = newline + 1
            if position >= head.count { break }
        }
        return nil
    }

    /// The first boundary of `shape` at or after `offset`: the offset of the `{` that would start
    /// the next record. Looks at most `searchLimit` bytes ahead.
    static func boundary(after offset: Int64, shape: PieceShape, descriptor: Int32, size: Int64) -> Int64? {
        // Blocks overlap by a little, so a boundary split across two blocks is still seen.
        let overlap = 64
        var blockStart = offset
        while blockStart < size && blockStart - offset < searchLimit {
            guard let block = readBlock(descriptor, at: blockStart) else { return nil }
            if let found = boundary(in: block, shape: shape) { return blockStart + Int64(found) }
            if block.count < blockBytes { return nil }
            blockStart += Int64(block.count - overlap)
        }
        return nil
    }

    /// Index in `block` of the `{` that starts a record after a boundary of `shape`.
    static func boundary(in block: [UInt8], shape: PieceShape) -> Int? {
        var index = 0
        while index < block.count {
            switch shape {
            case .lines:
                guard let newline = block[index...].firstIndex(of: JSONByte.newline) else { return nil }
                let next = skipWhitespace(block, from: newline + 1)
                if next < block.count && block[next] == JSONByte.openBrace { return next }
                index = newline + 1
            case .bareArray, .recordsArray:
                guard let close = block[index...].firstIndex(of: JSONByte.closeBrace) else { return nil }
                let comma = skipWhitespace(block, from: close + 1)
                if comma < block.count && block[comma] == JSONByte.comma {
                    let next = skipWhitespace(block, from: comma + 1)
                    if next < block.count && block[next] == JSONByte.openBrace { return next }
                }
                index = close + 1
            }
        }
        return nil
    }

    private static func skipWhitespace(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count && JSONByte.isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    private static func readBlock(_ descriptor: Int32, at offset: Int64) -> [UInt8]? {
        var block = [UInt8](repeating: 0, count: blockBytes)
        var filled = 0
        while filled < blockBytes {
            let count = block.withUnsafeMutableBufferPointer {
                pread(descriptor, $0.baseAddress! + filled, blockBytes - filled, off_t(offset) + off_t(filled))
            }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            filled += count
        }
        block.removeSubrange(filled...)
        return block
    }
}
