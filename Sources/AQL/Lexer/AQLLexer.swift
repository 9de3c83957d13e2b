/// Splits AQL text into tokens.
///
/// Comments (`-- to end of line`, `/* … */`) and whitespace are skipped. A trailing `;` ends the
/// query. Errors (an unterminated string, a stray character) carry their position.
public struct AQLLexer {
    private let bytes: [UInt8]
    private var index = 0

    public init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// All tokens, ending with `.end`.
    public mutating func tokenize() throws(AQLSyntaxError) -> [AQLToken] {
        var tokens: [AQLToken] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws(AQLSyntaxError) -> AQLToken {
        skipTrivia()
        let start = index
        let position = SourcePosition(offset: start)
        guard index < bytes.count else { return AQLToken(kind: .end, position: position, length: 0) }
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "'"):
            return try stringLiteral(start)
        case UInt8(ascii: "\""):
            return try quotedName(start)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number(start)
        case UInt8(ascii: "."):
            if index + 1 < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + 1]) {
                return try number(start)
            }
            index += 1
            return AQLToken(kind: .symbol("."), position: position, length: 1)
        case _ where AQLLexer.isWordStart(byte):
            while index < bytes.count && AQLLexer.isWordPart(bytes[index]) { index += 1 }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            return AQLToken(kind: .word(word), position: position, length: index - start)
        default:
            let two = index + 1 < bytes.count ? String(decoding: bytes[index...index + 1], as: UTF8.self) : ""
            if ["<>", "!=", "<=", ">=", "||"].contains(two) {
                index += 2
                return AQLToken(kind: .symbol(two), position: position, length: 2)
            }
            let one = String(decoding: [byte], as: UTF8.self)
            if ["(", ")", ",", "*", "+", "-", "/", "%", "=", "<", ">", ";"].contains(one) {
                index += 1
                if one == ";" {
                    skipTrivia()
                    guard index >= bytes.count else {
                        throw AQLSyntaxError(.textAfterSemicolon, at: SourcePosition(offset: index), length: 1, found: "text after ';'")
                    }
                    return AQLToken(kind: .end, position: position, length: 1)
                }
                return AQLToken(kind: .symbol(one), position: position, length: 1)
            }
            // A whole UTF-8 character for the message.
            var end = index + 1
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
            let character = String(decoding: bytes[index..<end], as: UTF8.self)
            throw AQLSyntaxError(.unexpectedCharacter, at: position, length: end - index, found: character)
        }
    }

    private mutating func skipTrivia() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if byte == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                while index < bytes.count && bytes[index] != 0x0A { index += 1 }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index + 1 < bytes.count && !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                index = min(index + 2, bytes.count)
            } else {
                return
            }
        }
    }

    private mutating func stringLiteral(_ start: Int) throws(AQLSyntaxError) -> AQLToken {
        index += 1
        var content: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "'") {
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "'") {
                    content.append(byte)
                    index += 2
                    continue
                }
                index += 1
                return AQLToken(kind: .string(String(decoding: content, as: UTF8.self)), position: SourcePosition(offset: start), length: index - start)
            }
            content.append(byte)
            index += 1
        }
        throw AQLSyntaxError(.unterminatedString, at: SourcePosition(offset: start), length: bytes.count - start, found: "'")
    }

    private mutating func quotedName(_ start: Int) throws(AQLSyntaxError) -> AQLToken {
        index += 1
        var content: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                    content.append(byte)
                    index += 2
                    continue
                }
                index += 1
                guard !content.isEmpty else {
                    throw AQLSyntaxError(.emptyQuotedName, at: SourcePosition(offset: start), length: 2, found: "\"\"")
                }
                return AQLToken(kind: .quotedName(String(decoding: content, as: UTF8.self)), position: SourcePosition(offset: start), length: index - start)
            }
            content.append(byte)
            index += 1
        }
        throw AQLSyntaxError(.unterminatedQuotedName, at: SourcePosition(offset: start), length: bytes.count - start, found: "\"")
    }

    private mutating func number(_ start: Int) throws(AQLSyntaxError) -> AQLToken {
        while index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        var isDecimal = false
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            isDecimal = true
            index += 1
            while index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            var probe = index + 1
            if probe < bytes.count && (bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-")) { probe += 1 }
            if probe < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[probe]) {
                isDecimal = true
                index = probe
                while index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if index < bytes.count && AQLLexer.isWordStart(bytes[index]) {
            var end = index
            while end < bytes.count && AQLLexer.isWordPart(bytes[end]) { end += 1 }
            throw AQLSyntaxError(.malformedNumber, at: SourcePosition(offset: start), length: end - start,
                                 found: String(decoding: bytes[start..<end], as: UTF8.self))
        }
        let position = SourcePosition(offset: start)
        if isDecimal {
            guard let value = Double(text) else { throw AQLSyntaxError(.malformedNumber, at: position, length: text.utf8.count, found: text) }
            return AQLToken(kind: .decimal(value), position: position, length: index - start)
        }
        guard let value = Int64(text) else { throw AQLSyntaxError(.numberTooLarge, at: position, length: text.utf8.count, found: text) }
        return AQLToken(kind: .integer(value), position: position, length: index - start)
    }

    static func isWordStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    static func isWordPart(_ byte: UInt8) -> Bool {
        isWordStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
