/// Named byte values of JSON's grammar, and the padding every scanned buffer carries.
///
/// The scanner reads up to sixteen bytes at once (the string step in `CScanKernels`, the
/// eight-byte key lookup). That relies on a fact every buffer in this module guarantees: at
/// least `JSONByte.readPadding` zero bytes follow the last valid byte, so a load that starts
/// before the end never leaves the allocation. A zero byte is a control character, so the
/// string scanner stops on the padding and then notices it is past the end.
enum JSONByte {
    static let quote: UInt8 = 0x22          // "
    static let backslash: UInt8 = 0x5C      // \
    static let slash: UInt8 = 0x2F          // /
    static let openBrace: UInt8 = 0x7B      // {
    static let closeBrace: UInt8 = 0x7D     // }
    static let openBracket: UInt8 = 0x5B    // [
    static let closeBracket: UInt8 = 0x5D   // ]
    static let colon: UInt8 = 0x3A          // :
    static let comma: UInt8 = 0x2C          // ,
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let minus: UInt8 = 0x2D          // -
    static let plus: UInt8 = 0x2B           // +
    static let dot: UInt8 = 0x2E            // .
    static let zero: UInt8 = 0x30           // 0
    static let nine: UInt8 = 0x39           // 9
    static let lowerE: UInt8 = 0x65         // e
    static let upperE: UInt8 = 0x45         // E
    static let lowerT: UInt8 = 0x74         // t
    static let lowerF: UInt8 = 0x66         // f
    static let lowerN: UInt8 = 0x6E         // n
    static let lowerU: UInt8 = 0x75         // u

    /// Zero bytes every scanned buffer carries after its last valid byte.
    static let readPadding = 16

    /// Whether `byte` is one of JSON's four whitespace bytes.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        // One comparison rejects every byte above the space, which is nearly every byte we meet.
        byte <= space && (byte == space || byte == newline || byte == carriageReturn || byte == tab)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }
}
