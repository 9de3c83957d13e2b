import CScanKernels

/*
 The record scanner: one pass over the bytes of a JSON value, validating the grammar, recording
 the kind and byte range of the fields the projection asks for, and building nothing else.

 Example. Projection {eventName, userIdentity.arn}; input (offsets below):

     {"eventName":"Publish","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"},"x":[1,2]}
     0            13        23             38                56    62                    84 87       96

 scanObject(0, root) reads key "eventName" (edge → slot 1), the value at 13 is a string: slot 1 =
 (string, 14..<21). Key "userIdentity" leads to a node with children, and the value is an object,
 so the scan descends with that node: "type" has no edge and is skipped, "arn" fills its slot with
 (string, 63..<84). Key "x" has no edge: skipValue validates [1,2] without recording it. The
 return value is 97, one past the closing brace. Strings are never unescaped here: a slot only
 notes whether its string holds a backslash, and `ScannedRecord` decodes on request.

 Return values of the scanning functions: a position >= 0 (one past the value), or one of
   needMore  (-1): the buffer ended inside the value and more input may follow;
   failed    (-2): the grammar broke; `failure` says where and why;
   wrapper   (-3): (root object only) a key such as "Records" whose value is an array, so the
                    object is a container of records, not a record: the caller walks it instead.

 Safety of the unchecked reads: every buffer handed to the scanner has at least
 JSONByte.readPadding zero bytes after `end`. Each function reads bytes[i] only for i <= end,
 except the sixteen-byte loads in `stringEnd` and the eight-byte key lookup, which start at or
 below `end` and so stay inside the padding. Two loops lean on the padding instead of checking
 `end`: whitespace skipping (a zero byte is not whitespace) and the string body (a zero byte is a
 control character, which stops the sixteen-byte steps); both then compare with `end`. Recursion depth is capped at `maxDepth`, so hostile nesting ends in
 `.nestingTooDeep`, never in a stack overflow.
*/

/// The kind of value a slot holds.
public enum FieldKind: UInt8, Sendable {
    case absent, null, string, number, boolean, object, array
}

/// Where one extracted value sits in the scanned buffer.
public struct FieldSlot: Sendable {
    /// What the value is; `.absent` when the key did not occur.
    public var kind: FieldKind = .absent
    /// For strings: whether the raw text contains a backslash escape.
    public var hasEscapes = false
    /// First byte of the value (for strings: after the opening quote).
    public var start = 0
    /// One past the last byte (for strings: the closing quote's position).
    public var end = 0

    static let absent = FieldSlot()
}

/// Scans JSON values in one buffer, filling projection slots.
struct RecordScanner {
    static let needMore = -1
    static let failed = -2
    static let wrapper = -3
    /// Deepest nesting of arrays and objects accepted inside one value.
    static let maxDepth = 512

    let bytes: UnsafePointer<UInt8>
    /// One past the last valid byte.
    let end: Int
    /// Whether the input ends at `end` (otherwise running out of bytes means "need more").
    let isFinal: Bool
    /// The projection's trie (plain pointers: see `ProjectionTrie`).
    let trie: ProjectionTrie
    let slots: UnsafeMutablePointer<FieldSlot>
    /// Set when a function returns `failed`.
    var failure: (position: Int, reason: ScanFailure.Reason)?
    /// Set by `skipString`: whether the last string scanned held a backslash.
    var lastStringHadEscape = false
    /// Whether a string scanned so far held bytes that are not UTF-8 (they are kept: decoding
    /// shows each as U+FFFD; the ingest report counts the record).
    var sawInvalidUTF8 = false

    init(bytes: UnsafePointer<UInt8>, end: Int, isFinal: Bool, trie: ProjectionTrie,
         slots: UnsafeMutablePointer<FieldSlot>) {
        self.bytes = bytes
        self.end = end
        self.isFinal = isFinal
        self.trie = trie
        self.slots = slots
    }

    // MARK: - Small helpers

    /// The first position at or after `start` that is not whitespace (at most `end`: the zero
    /// padding after the buffer is not whitespace, so no bound check is needed).
    @inline(__always)
    func skipWhitespace(_ start: Int) -> Int {
        var i = start
        while JSONByte.isWhitespace(bytes[i]) { i += 1 }
        return i
    }

    /// Ran out of bytes at `position`: need more input, or fail if there is none.
    @inline(never)
    mutating func outOfInput(_ position: Int) -> Int {
        if isFinal {
            failure = (position, .unexpectedEnd)
            return RecordScanner.failed
        }
        return RecordScanner.needMore
    }

    @inline(never)
    mutating func fail(_ position: Int, _ reason: ScanFailure.Reason) -> Int {
        failure = (position, reason)
        return RecordScanner.failed
    }

    @inline(never)
    mutating func unexpected(_ position: Int, expected: String) -> Int {
        if position >= end { return outOfInput(position) }
        return fail(position, .unexpectedByte(bytes[position], expected: expected))
    }

    // MARK: - Strings

    /// Skips the string whose opening quote is at `start`; returns the position after the closing
    /// quote and sets `lastStringHadEscape`.
    @inline(__always)
    mutating func skipString(_ start: Int) -> Int {
        lastStringHadEscape = false
        return stringEnd(start, tracksEscapes: true)
    }

    /// `skipString` for strings nobody reads (keys and values of skipped containers): escapes are
    /// checked but not noted.
    @inline(__always)
    mutating func skipUnreadString(_ start: Int) -> Int {
        stringEnd(start, tracksEscapes: false)
    }

    @inline(__always)
    private mutating func stringEnd(_ start: Int, tracksEscapes: Bool) -> Int {
        var i = start + 1
        while true {
            // Sixteen bytes at a time (`skua_string_stops16`, C: see CScanKernels) until something
            // other than plain text shows up. No bound check: the zero padding after `end` is a
            // control character, so the loop stops there at the latest, and the check after it
            // sees it is past the end.
            while true {
                let mask = skua_string_stops16(bytes + i)
                if mask == 0 {
                    i &+= 16
                    continue
                }
                i &+= mask.trailingZeroBitCount
                break
            }
            if i >= end { return outOfInput(end) }
            let byte = bytes[i]
            if byte == JSONByte.quote { return i + 1 }
            if byte == JSONByte.backslash {
                if tracksEscapes { lastStringHadEscape = true }
                let next = skipEscape(i)
                if next < 0 { return escapeProblem(i, next) }
                i = next
                continue
            }
            if byte >= 0x80 {
                let next = skipUTF8Sequence(i)
                if next < 0 { return outOfInput(end) }
                i = next
                continue
            }
            return fail(i, .controlCharacterInString(byte))
        }
    }

    /// Steps over the multi-byte UTF-8 sequence whose lead byte is at `start` (RFC 3629: no
    /// overlong forms, no surrogates, nothing above U+10FFFF). A byte that does not start a
    /// valid sequence is stepped over alone and noted in `sawInvalidUTF8`: the bytes after it
    /// are looked at again, so a quote or backslash is never swallowed. `-1` when the buffer
    /// ends inside the sequence.
    @inline(never)
    mutating func skipUTF8Sequence(_ start: Int) -> Int {
        let lead = bytes[start]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF   // allowed range of the first continuation byte
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default:
            sawInvalidUTF8 = true
            return start + 1
        }
        if start + length > end && !isFinal { return -1 }
        for k in 1..<length {
            guard start + k < end else {
                sawInvalidUTF8 = true
                return start + k
            }
            let byte = bytes[start + k]
            let valid = k == 1 ? (low...high).contains(byte) : (0x80...0xBF).contains(byte)
            if !valid {
                sawInvalidUTF8 = true
                return start + 1
            }
        }
        return start + length
    }

    /// Validates the escape at `start` (a backslash); returns the position after it, `-1` when
    /// the buffer ends inside it, `-2` when it is malformed.
    @inline(__always)
    func skipEscape(_ start: Int) -> Int {
        guard start + 1 < end else { return -1 }
        switch bytes[start + 1] {
        case JSONByte.quote, JSONByte.backslash, JSONByte.slash,
             0x62 /* b */, JSONByte.lowerF, JSONByte.lowerN, 0x72 /* r */, JSONByte.lowerT:
            return start + 2
        case JSONByte.lowerU:
            for k in 2..<6 {
                guard start + k < end else { return -1 }
                if !RecordScanner.isHexDigit(bytes[start + k]) { return -2 }
            }
            return start + 6
        default:
            return -2
        }
    }

    @inline(never)
    mutating func escapeProblem(_ position: Int, _ code: Int) -> Int {
        if code == -2 { return fail(position, .invalidEscape) }
        return outOfInput(end)
    }

    @inline(__always)
    static func isHexDigit(_ byte: UInt8) -> Bool {
        JSONByte.isDigit(byte) || (byte | 0x20) &- 0x61 < 6
    }

    // MARK: - Scalars

    /// Skips the number starting at `start`, checking JSON's number grammar.
    mutating func skipNumber(_ start: Int) -> Int {
        var i = start
        if bytes[i] == JSONByte.minus { i += 1 }
        guard i < end else { return outOfInput(i) }
        if bytes[i] == JSONByte.zero {
            i += 1
            // "01": JSON forbids leading zeros; name it a malformed number, not a stray digit.
            if i < end && JSONByte.isDigit(bytes[i]) { return fail(i, .invalidNumber) }
        } else if JSONByte.isDigit(bytes[i]) {
            while i < end && JSONByte.isDigit(bytes[i]) { i += 1 }
        } else {
            return fail(i, .invalidNumber)
        }
        if i < end && bytes[i] == JSONByte.dot {
            i += 1
            guard i < end else { return outOfInput(i) }
            guard JSONByte.isDigit(bytes[i]) else { return fail(i, .invalidNumber) }
            while i < end && JSONByte.isDigit(bytes[i]) { i += 1 }
        }
        if i < end && (bytes[i] == JSONByte.lowerE || bytes[i] == JSONByte.upperE) {
            i += 1
            if i < end && (bytes[i] == JSONByte.plus || bytes[i] == JSONByte.minus) { i += 1 }
            guard i < end else { return outOfInput(i) }
            guard JSONByte.isDigit(bytes[i]) else { return fail(i, .invalidNumber) }
            while i < end && JSONByte.isDigit(bytes[i]) { i += 1 }
        }
        // A number may end exactly at the buffer's end only if the input is over; otherwise more
        // digits could follow.
        if i >= end && !isFinal { return RecordScanner.needMore }
        return i
    }

    private static let trueWord: UInt32 = 0x6575_7274   // "true" little-endian
    private static let nullWord: UInt32 = 0x6C6C_756E   // "null"
    private static let falseWord: UInt32 = 0x6573_6C61  // "alse"

    /// Skips `true`, `false` or `null` starting at `start`.
    @inline(__always)
    mutating func skipLiteral(_ start: Int) -> Int {
        let first = bytes[start]
        let length = first == JSONByte.lowerF ? 5 : 4
        guard start + length <= end else {
            // Compare what we have, so "nope" fails at once instead of waiting for more bytes.
            let expected: [UInt8] = first == JSONByte.lowerF ? Array("false".utf8)
                : first == JSONByte.lowerT ? Array("true".utf8) : Array("null".utf8)
            for k in 0..<(end - start) where bytes[start + k] != expected[k] {
                return fail(start, .invalidLiteral)
            }
            return outOfInput(end)
        }
        let word = UnsafeRawPointer(bytes + start + length - 4).loadUnaligned(as: UInt32.self)
        switch first {
        case JSONByte.lowerT where word == RecordScanner.trueWord: return start + 4
        case JSONByte.lowerN where word == RecordScanner.nullWord: return start + 4
        case JSONByte.lowerF where word == RecordScanner.falseWord: return start + 5
        default: return fail(start, .invalidLiteral)
        }
    }

    // MARK: - Values

    /// Skips a value nobody reads, with the common case (a string: most values in a record are
    /// one) in line. No bound check before the peek: at `end` the zero padding is no quote.
    @inline(__always)
    mutating func skipUnreadValue(_ start: Int, depth: Int) -> Int {
        if bytes[start] == JSONByte.quote { return skipUnreadString(start) }
        return skipValue(start, depth: depth)
    }

    /// Skips any value starting at `start` (which must not be whitespace).
    mutating func skipValue(_ start: Int, depth: Int) -> Int {
        guard start < end else { return outOfInput(start) }
        switch bytes[start] {
        case JSONByte.quote: return skipString(start)
        case JSONByte.openBrace: return skipObject(start, depth: depth + 1)
        case JSONByte.openBracket: return skipArray(start, depth: depth + 1)
        case JSONByte.lowerT, JSONByte.lowerF, JSONByte.lowerN: return skipLiteral(start)
        case JSONByte.minus, JSONByte.zero...JSONByte.nine: return skipNumber(start)
        default: return unexpected(start, expected: "a JSON value")
        }
    }

    mutating func skipObject(_ start: Int, depth: Int) -> Int {
        if depth > RecordScanner.maxDepth { return fail(start, .nestingTooDeep(limit: RecordScanner.maxDepth)) }
        var i = skipWhitespace(start + 1)
        guard i < end else { return outOfInput(i) }
        if bytes[i] == JSONByte.closeBrace { return i + 1 }
        while true {
            guard i < end else { return outOfInput(i) }
            guard bytes[i] == JSONByte.quote else { return unexpected(i, expected: "a key string") }
            i = skipUnreadString(i)
            if i < 0 { return i }
            i = skipWhitespace(i)
            guard i < end, bytes[i] == JSONByte.colon else { return unexpected(i, expected: "':'") }
            i = skipWhitespace(i + 1)
            i = skipUnreadValue(i, depth: depth)
            if i < 0 { return i }
            i = skipWhitespace(i)
            guard i < end else { return outOfInput(i) }
            let byte = bytes[i]
            if byte == JSONByte.comma {
                i = skipWhitespace(i + 1)
            } else if byte == JSONByte.closeBrace {
                return i + 1
            } else {
                return unexpected(i, expected: "',' or '}'")
            }
        }
    }

    mutating func skipArray(_ start: Int, depth: Int) -> Int {
        if depth > RecordScanner.maxDepth { return fail(start, .nestingTooDeep(limit: RecordScanner.maxDepth)) }
        var i = skipWhitespace(start + 1)
        guard i < end else { return outOfInput(i) }
        if bytes[i] == JSONByte.closeBracket { return i + 1 }
        while true {
            i = skipUnreadValue(i, depth: depth)
            if i < 0 { return i }
            i = skipWhitespace(i)
            guard i < end else { return outOfInput(i) }
            let byte = bytes[i]
            if byte == JSONByte.comma {
                i = skipWhitespace(i + 1)
            } else if byte == JSONByte.closeBracket {
                return i + 1
            } else {
                return unexpected(i, expected: "',' or ']'")
            }
        }
    }

    // MARK: - Projection

    /// Clears every slot (call before scanning a candidate record).
    func clearSlots() {
        for slot in 0..<trie.slotCount { slots[slot] = .absent }
    }

    /// Scans the object at `start` (an opening brace), filling the slots below trie `node`.
    ///
    /// At the root (`node == 0`) a wrapper key whose value is an array returns `wrapper`.
    mutating func scanObject(_ start: Int, node: Int32, depth: Int) -> Int {
        if depth > RecordScanner.maxDepth { return fail(start, .nestingTooDeep(limit: RecordScanner.maxDepth)) }
        var i = skipWhitespace(start + 1)
        guard i < end else { return outOfInput(i) }
        if bytes[i] == JSONByte.closeBrace { return i + 1 }
        while true {
            guard i < end else { return outOfInput(i) }
            guard bytes[i] == JSONByte.quote else { return unexpected(i, expected: "a key string") }
            let keyStart = i + 1
            i = skipString(i)
            if i < 0 { return i }
            let keyEscaped = lastStringHadEscape
            let keyLength = i - 1 - keyStart
            i = skipWhitespace(i)
            guard i < end, bytes[i] == JSONByte.colon else { return unexpected(i, expected: "':'") }
            i = skipWhitespace(i + 1)
            guard i < end else { return outOfInput(i) }

            let edge = keyEscaped
                ? escapedKeyEdge(node: node, start: keyStart, length: keyLength)
                : trie.edge(from: node, key: bytes + keyStart, length: keyLength)
            let valueStart = i
            if edge < 0 {
                i = skipUnreadValue(i, depth: depth)
            } else {
                let child = trie.edgeChild[edge]
                if child < 0 {
                    // A wrapper key ("Records", …) at the root.
                    if bytes[i] == JSONByte.openBracket { return RecordScanner.wrapper }
                    i = skipValue(i, depth: depth)
                } else {
                    let low = Int(trie.nodeDescendantLow[Int(child)])
                    let high = Int(trie.nodeDescendantHigh[Int(child)])
                    if low < high {
                        // Duplicate keys: the last one wins, so forget what an earlier one set.
                        for slot in low..<high { slots[slot] = .absent }
                        if bytes[i] == JSONByte.openBrace {
                            i = scanObject(i, node: child, depth: depth + 1)
                        } else {
                            i = skipValue(i, depth: depth)
                        }
                    } else {
                        i = skipValue(i, depth: depth)
                    }
                    if i < 0 { return i }
                    let slot = Int(trie.nodeSlot[Int(child)])
                    if slot >= 0 { record(slot: slot, valueStart: valueStart, valueEnd: i) }
                }
            }
            if i < 0 { return i }
            i = skipWhitespace(i)
            guard i < end else { return outOfInput(i) }
            let byte = bytes[i]
            if byte == JSONByte.comma {
                i = skipWhitespace(i + 1)
            } else if byte == JSONByte.closeBrace {
                return i + 1
            } else {
                return unexpected(i, expected: "',' or '}'")
            }
        }
    }

    @inline(__always)
    func record(slot: Int, valueStart: Int, valueEnd: Int) {
        let kind: FieldKind
        var start = valueStart
        var stop = valueEnd
        var escaped = false
        switch bytes[valueStart] {
        case JSONByte.quote:
            kind = .string
            start += 1
            stop -= 1
            escaped = lastStringHadEscape
        case JSONByte.openBrace: kind = .object
        case JSONByte.openBracket: kind = .array
        case JSONByte.lowerN: kind = .null
        case JSONByte.lowerT, JSONByte.lowerF: kind = .boolean
        default: kind = .number
        }
        slots[slot] = FieldSlot(kind: kind, hasEscapes: escaped, start: start, end: stop)
    }

    /// Looks up a key written with escapes (`"\u0065ventName"`) by decoding it first: JSON says
    /// it is the same key, and a scanner that missed it would be trivial to evade.
    @inline(never)
    func escapedKeyEdge(node: Int32, start: Int, length: Int) -> Int {
        let decoded = JSONString.decode(bytes + start, count: length)
        var padded = Array(decoded.utf8)
        let count = padded.count
        padded.append(contentsOf: repeatElement(0, count: 8))
        return padded.withUnsafeBufferPointer { trie.edge(from: node, key: $0.baseAddress!, length: count) }
    }
}
