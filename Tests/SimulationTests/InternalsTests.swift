import Foundation
@testable import Simulation
import Testing

@Suite("Generator internals")
struct InternalsTests {
    @Test("SplitMix64 gives the published sequence for seed 0")
    func splitMixReference() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("bounded draws stay in range and reach both ends")
    func boundedDraws() {
        var random = SplitMix64(seed: 1)
        var seen = Set<Int>()
        for _ in 0..<2_000 {
            let value = random.below(7)
            #expect((0..<7).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 7)
    }

    struct EscapeCase: CustomTestStringConvertible, Sendable {
        var text: String
        var escaped: String
        var testDescription: String { escaped }
    }

    static let escapes: [EscapeCase] = [
        .init(text: "plain", escaped: "plain"),
        .init(text: "say \"hi\"", escaped: #"say \"hi\""#),
        .init(text: #"C:\tools"#, escaped: #"C:\\tools"#),
        .init(text: "a\tb\nc\rd", escaped: #"a\tb\nc\rd"#),
        .init(text: "\u{08}\u{0C}", escaped: #"\b\f"#),
        .init(text: "\u{01}\u{1F}", escaped: #"\u0001\u001f"#),
        .init(text: "✉ é \u{7F}", escaped: "✉ é \u{7F}"),
        .init(text: "", escaped: ""),
    ]

    @Test("escapes quotes, backslashes and control characters, nothing else", arguments: escapes)
    func escaping(_ testCase: EscapeCase) throws {
        #expect(JSONEscaping.escaped(testCase.text) == testCase.escaped)
        // And the result is a JSON string that decodes back to the text.
        let decoded = try JSONDecoder().decode(String.self, from: Data(("\"" + testCase.escaped + "\"").utf8))
        #expect(decoded == testCase.text)
    }

    @Test("every byte value round-trips through the escaper")
    func allBytes() throws {
        let text = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self) + "ünïcödé ✓ 🙂"
        var buffer = JSONBuffer()
        buffer.string(text)
        let decoded = try JSONDecoder().decode(String.self, from: Data(buffer.bytes))
        #expect(decoded == text)
    }

    @Test("formats times, integers and UUIDs as CloudTrail does")
    func formatting() {
        var buffer = JSONBuffer()
        buffer.isoTime(1_767_571_200_000 + 10 * 3_600_000 + 11 * 60_000 + 12_000)
        buffer.byte(0x20)
        buffer.isoTimeBody(1_767_571_200_000, offsetMinutes: -300)
        buffer.byte(0x20)
        buffer.integer(0)
        buffer.byte(0x20)
        buffer.integer(1_234_567)
        buffer.byte(0x20)
        buffer.integer(-45)
        buffer.byte(0x20)
        buffer.uuid(high: 0, low: 0)
        #expect(String(decoding: buffer.bytes, as: UTF8.self)
            == "\"2026-01-05T10:11:12Z\" 2026-01-04T19:00:00-05:00 0 1234567 -45 00000000-0000-4000-8000-000000000000")
        var expiration = JSONBuffer()
        RecordRenderer.writeExpiration(1_767_571_200_000 + 13 * 3_600_000 + 5 * 60_000, into: &expiration)
        #expect(String(decoding: expiration.bytes, as: UTF8.self) == "Jan 5, 2026, 1:05:00 PM")
    }
}
