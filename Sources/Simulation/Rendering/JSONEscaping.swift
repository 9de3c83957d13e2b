/// JSON string escaping for everything the simulator writes between quotes.
///
/// RFC 8259 requires escaping only `"`, `\` and the control characters U+0000…U+001F. This
/// escaper writes `\"`, `\\`, the short forms `\b \f \n \r \t`, and `\u00XX` for the other
/// control characters; every other byte, including multi-byte UTF-8 and U+007F, is copied as it
/// is (the input is a Swift `String` or simulator-made ASCII, so it is valid UTF-8). That is
/// also how CloudTrail writes attacker-supplied text such as user agents.
enum JSONEscaping {
    /// Whether a byte must be escaped inside a JSON string.
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the escaped form of `count` bytes at `bytes` (no quotes) to `output`.
    static func appendEscaped(_ bytes: UnsafePointer<UInt8>, count: Int, to output: inout [UInt8]) {
        var runStart = 0
        var index = 0
        while index < count {
            let byte = bytes[index]
            if !needsEscape(byte) {
                index += 1
                continue
            }
            if runStart < index {
                output.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: index - runStart))
            }
            appendEscape(of: byte, to: &output)
            index += 1
            runStart = index
        }
        if runStart < count {
            output.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: count - runStart))
        }
    }

    /// The escape sequence of one byte that `needsEscape`; kept out of the copying loop.
    @inline(never)
    static func appendEscape(of byte: UInt8, to output: inout [UInt8]) {
        output.append(0x5C)
        switch byte {
        case 0x22: output.append(0x22)
        case 0x5C: output.append(0x5C)
        case 0x08: output.append(0x62)  // b
        case 0x0C: output.append(0x66)  // f
        case 0x0A: output.append(0x6E)  // n
        case 0x0D: output.append(0x72)  // r
        case 0x09: output.append(0x74)  // t
        default:
            output.append(contentsOf: [0x75, 0x30, 0x30])  // u00
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    /// The escaped form of `text`, without quotes (for tests and cold paths).
    static func escaped(_ text: String) -> String {
        var output: [UInt8] = []
        var copy = text
        copy.withUTF8 { utf8 in
            if let base = utf8.baseAddress { appendEscaped(base, count: utf8.count, to: &output) }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
