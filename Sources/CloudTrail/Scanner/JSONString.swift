/// Decoding of JSON string bodies (the bytes between the quotes), done only for extracted fields.
///
/// Escapes are resolved (`\n`, `\u00e9`, surrogate pairs `\ud83d\ude00`); a lone surrogate and
/// any invalid UTF-8 in the raw bytes become U+FFFD, so every result is valid Unicode and no
/// input can make decoding fail. The body must already have passed the scanner, which checked
/// that every escape is well formed.
public enum JSONString {
    /// Decodes `count` raw bytes at `bytes` to a `String`.
    public static func decode(_ bytes: UnsafePointer<UInt8>, count: Int) -> String {
        let buffer = UnsafeBufferPointer(start: bytes, count: count)
        if !buffer.contains(JSONByte.backslash) {
            return String(decoding: buffer, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(count)
        appendDecoded(bytes, count: count, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the decoded UTF-8 of a raw body to `output` (raw bytes that are not valid UTF-8
    /// are copied as they are; `String(decoding:)` repairs them later).
    public static func appendDecoded(_ bytes: UnsafePointer<UInt8>, count: Int, to output: inout [UInt8]) {
        var i = 0
        while i < count {
            let byte = bytes[i]
            guard byte == JSONByte.backslash, i + 1 < count else {
                output.append(byte)
                i += 1
                continue
            }
            let escape = bytes[i + 1]
            i += 2
            switch escape {
            case 0x62: output.append(0x08)                    // \b
            case JSONByte.lowerF: output.append(0x0C)         // \f
            case JSONByte.lowerN: output.append(0x0A)         // \n
            case 0x72: output.append(0x0D)                    // \r
            case JSONByte.lowerT: output.append(0x09)         // \t
            case JSONByte.lowerU:
                guard let unit = hexUnit(bytes, at: i, count: count) else {
                    appendReplacement(&output)
                    i = count
                    continue
                }
                i += 4
                var scalar: UInt32 = UInt32(unit)
                if (0xD800...0xDBFF).contains(unit) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if i + 6 <= count, bytes[i] == JSONByte.backslash, bytes[i + 1] == JSONByte.lowerU,
                       let low = hexUnit(bytes, at: i + 2, count: count), (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                        i += 6
                    } else {
                        appendReplacement(&output)
                        continue
                    }
                } else if (0xDC00...0xDFFF).contains(unit) {
                    appendReplacement(&output)
                    continue
                }
                appendUTF8(scalar, to: &output)
            default:
                output.append(escape)                         // \" \\ \/
            }
        }
    }

    private static func hexUnit(_ bytes: UnsafePointer<UInt8>, at index: Int, count: Int) -> UInt16? {
        guard index + 4 <= count else { return nil }
        var value: UInt16 = 0
        for k in 0..<4 {
            let byte = bytes[index + k]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func appendReplacement(_ output: inout [UInt8]) {
        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
    }

    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (scalar >> 18)))
            output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
