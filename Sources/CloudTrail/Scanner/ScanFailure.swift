/// Why a stretch of input is not valid JSON, and where.
public struct ScanFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// What broke the grammar.
    public enum Reason: Equatable, Sendable {
        /// A byte that cannot appear here; `expected` names what could.
        case unexpectedByte(UInt8, expected: String)
        /// The input ended inside a value.
        case unexpectedEnd
        /// A raw control character (below U+0020) inside a string.
        case controlCharacterInString(UInt8)
        /// A backslash followed by something JSON does not allow.
        case invalidEscape
        /// A malformed number such as `01`, `1.` or `-`.
        case invalidNumber
        /// A bare word that is not `true`, `false` or `null`.
        case invalidLiteral
        /// Arrays and objects nested deeper than the limit.
        case nestingTooDeep(limit: Int)
        /// One value larger than the size cap.
        case valueTooLarge(limit: Int)

        public var text: String {
            switch self {
            case .unexpectedByte(let byte, let expected):
                return "unexpected \(ScanFailure.describe(byte)), expected \(expected)"
            case .unexpectedEnd:
                return "input ends inside a value"
            case .controlCharacterInString(let byte):
                return "raw control character \(ScanFailure.describe(byte)) inside a string"
            case .invalidEscape:
                return "invalid escape sequence in a string"
            case .invalidNumber:
                return "malformed number"
            case .invalidLiteral:
                return "unknown bare word (only true, false and null are allowed)"
            case .nestingTooDeep(let limit):
                return "arrays and objects nested deeper than \(limit) levels"
            case .valueTooLarge(let limit):
                return "a single value larger than \(ScanFailure.describeSize(limit))"
            }
        }
    }

    /// Byte offset of the failure in the (decompressed) stream.
    public var offset: Int64
    public var reason: Reason

    public init(offset: Int64, reason: Reason) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(reason.text) at byte \(offset)" }

    /// A byte count for messages: whole MiB when it is one ("64 MiB"), else bytes ("512 bytes"),
    /// so a small limit is never printed as "0 MiB".
    static func describeSize(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x20...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }
}
