import CloudTrail
import Testing

@Suite struct JSONStringTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var raw: [UInt8]
        var decoded: String
        var testDescription: String { String(decoding: raw, as: UTF8.self).debugDescription }
        init(_ raw: String, _ decoded: String) {
            self.raw = Array(raw.utf8)
            self.decoded = decoded
        }
        init(bytes: [UInt8], _ decoded: String) {
            self.raw = bytes
            self.decoded = decoded
        }
    }

    @Test("decodes JSON escapes, surrogate pairs and repairs what is not Unicode", arguments: [
        Case("plain", "plain"),
        Case(#"a\"b"#, "a\"b"),
        Case(#"\\"#, "\\"),
        Case(#"\/"#, "/"),
        Case(#"\b\f\n\r\t"#, "\u{8}\u{C}\n\r\t"),
        Case(#"\u00e9\u00E9"#, "éé"),
        Case(#"\u20ac"#, "€"),
        Case(#"\ud83d\ude00"#, "😀"),
        Case(#"\uD83D\uDE00!"#, "😀!"),
        Case(#"\ud83d"#, "\u{FFFD}"),
        Case(#"\ude00"#, "\u{FFFD}"),
        Case(#"\ud83dx"#, "\u{FFFD}x"),
        Case(#"\ud83d\u0041"#, "\u{FFFD}A"),
        Case(#"\u0000"#, "\u{0}"),
        Case(#"\u0065ventName"#, "eventName"),
        Case(bytes: [0x61, 0xFF, 0x62], "a\u{FFFD}b"),
        Case(bytes: [0xE2, 0x82], "\u{FFFD}"),
        Case(bytes: [0x5C, 0x6E, 0xFF], "\n\u{FFFD}"),
    ])
    func decodes(_ example: Case) {
        let decoded = example.raw.withUnsafeBufferPointer { JSONString.decode($0.baseAddress!, count: $0.count) }
        #expect(decoded == example.decoded)
    }
}
