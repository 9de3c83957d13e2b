import CloudTrail
import Testing

/// Field values as a sink sees them, through the whole pipeline.
@Suite struct FieldExtractionTests {
    static let arn = PropertyPath(keys: ["userIdentity", "arn"])
    static let userAgent = PropertyPath(keys: ["userAgent"])
    static let readOnly = PropertyPath(keys: ["readOnly"])
    static let requestParameters = PropertyPath(keys: ["requestParameters"])

    @Test("userIdentity as a string or null keeps the record, with userIdentity.arn NULL")
    func userIdentityDrift() {
        let text = [
            record("String", extra: #""userIdentity":"arn:aws:iam::111122223333:root""#),
            record("Null", extra: #""userIdentity":null"#),
            record("Number", extra: #""userIdentity":7"#),
            record("Object", extra: #""userIdentity":{"arn":"arn:aws:iam::1:user/a"}"#),
        ].joined(separator: "\n")
        let run = ingest("drift.jsonl", text, extra: [FieldExtractionTests.arn])
        #expect(run.names == ["String", "Null", "Number", "Object"])
        #expect(run.records.map { $0.extra[0] } == [nil, nil, nil, "arn:aws:iam::1:user/a"])
        #expect(run.report.issues.isEmpty)
    }

    @Test("numbers where strings are expected read as the number's text")
    func numbersForStrings() {
        let text = #"{"eventVersion":1.08,"eventSource":7,"eventName":-42.5e1,"eventTime":"2024-01-01T00:00:00Z","userAgent":0,"readOnly":1}"#
        let run = ingest("n.json", text, extra: [FieldExtractionTests.userAgent, FieldExtractionTests.readOnly])
        #expect(run.records.count == 1)
        #expect(run.records.first?.eventSource == "7")
        #expect(run.records.first?.eventName == "-42.5e1")
        #expect(run.records.first?.extra == ["0", "1"])
    }

    @Test("readOnly and requestParameters keep their drifting types")
    func typeDrift() {
        let text = [
            record("Bool", extra: #""readOnly":true,"requestParameters":{"bucketName":"b", "key": "k/1"}"#),
            record("Text", extra: #""readOnly":"true","requestParameters":null"#),
            record("Missing"),
        ].joined(separator: "\n")
        let run = ingest("t.jsonl", text, extra: [FieldExtractionTests.readOnly, FieldExtractionTests.requestParameters])
        #expect(run.records.map(\.extra) == [["true", #"{"bucketName":"b", "key": "k/1"}"#], ["true", nil], [nil, nil]])
    }

    @Test("duplicate keys: the last one wins, also for a nested object given twice")
    func duplicateKeys() {
        let text = #"{"eventVersion":"1.08","eventSource":"s","eventName":"First","userIdentity":{"arn":"arn:first","userName":"u"},"eventTime":"2024-01-01T00:00:00Z","eventName":"Second","userIdentity":{"type":"Root"}}"#
        let run = ingest("dup.json", text, extra: [FieldExtractionTests.arn, PropertyPath(keys: ["userIdentity", "type"])])
        #expect(run.names == ["Second"])
        #expect(run.records.first?.extra == [nil, "Root"])
    }

    @Test("escapes and surrogate pairs are decoded in extracted fields; escaped keys still match")
    func escapes() {
        let text = #"{"eventVersion":"1.08","\u0065ventSource":"s","eventName":"Put\u004fbject","eventTime":"2024-01-01T00:00:00\u005a","userAgent":"\"quoted\" \\ \/ \ud83d\ude00 caf\u00e9 \ud800","user\u0041gent":"second"}"#
        let run = ingest("e.json", text, extra: [FieldExtractionTests.userAgent])
        #expect(run.records.first?.eventName == "PutObject")
        #expect(run.records.first?.eventSource == "s")
        #expect(run.records.first?.eventTime == 1_704_067_200_000)
        // "user\u0041gent" is "userAgent": a duplicate key, and the last one wins.
        #expect(run.records.first?.extra == ["second"])
        let single = ingest("e.json", #"{"eventVersion":"1","eventSource":"s","eventName":"n","eventTime":"2024-01-01T00:00:00Z","userAgent":"\"quoted\" \\ \/ \ud83d\ude00 caf\u00e9 \ud800"}"#,
                            extra: [FieldExtractionTests.userAgent])
        #expect(single.records.first?.extra == ["\"quoted\" \\ / 😀 café \u{FFFD}"])
    }

    @Test("invalid UTF-8 inside strings keeps the record and decodes to U+FFFD")
    func invalidUTF8() {
        let bytes = Array(#"{"eventVersion":"1.08","eventSource":"s","eventName":"Get"#.utf8) + [0xC0, 0xAF, 0xFF]
            + Array(#"Object","eventTime":"2024-01-01T00:00:00Z","userAgent":"ok"}"#.utf8)
        let run = ingest([("u.json", bytes)], extra: [FieldExtractionTests.userAgent])
        #expect(run.records.count == 1)
        #expect(run.records.first?.eventName == "Get\u{FFFD}\u{FFFD}\u{FFFD}Object")
        #expect(run.records.first?.extra == ["ok"])
        #expect(run.report.tally.malformed == 0)
        // Counted and named, not "input that could not be used".
        #expect(run.report.tally.invalidUTF8 == 1)
        #expect(run.report.unusableInput == 0)
        let notice = run.report.issues.first { $0.kind == .notice }
        #expect(notice?.offset == 0 && notice?.reason.contains("not UTF-8") == true)
    }

    struct UTF8Case: CustomTestStringConvertible, Sendable {
        var label: String
        var bytes: [UInt8]
        var isValid: Bool
        var testDescription: String { label }
    }

    // RFC 3629, table 3-7 of the Unicode standard: each case by hand.
    @Test("each string's bytes are checked as UTF-8, in a value nobody reads as well", arguments: [
        UTF8Case(label: "é, two bytes", bytes: [0xC3, 0xA9], isValid: true),
        UTF8Case(label: "€, three bytes", bytes: [0xE2, 0x82, 0xAC], isValid: true),
        UTF8Case(label: "😀, four bytes", bytes: [0xF0, 0x9F, 0x98, 0x80], isValid: true),
        UTF8Case(label: "U+10FFFF, the last scalar", bytes: [0xF4, 0x8F, 0xBF, 0xBF], isValid: true),
        UTF8Case(label: "a lone continuation byte", bytes: [0x80], isValid: false),
        UTF8Case(label: "overlong '/' (C0 AF)", bytes: [0xC0, 0xAF], isValid: false),
        UTF8Case(label: "overlong three-byte (E0 80 AF)", bytes: [0xE0, 0x80, 0xAF], isValid: false),
        UTF8Case(label: "a surrogate (ED A0 80)", bytes: [0xED, 0xA0, 0x80], isValid: false),
        UTF8Case(label: "above U+10FFFF (F4 90 80 80)", bytes: [0xF4, 0x90, 0x80, 0x80], isValid: false),
        UTF8Case(label: "a sequence cut short by the closing quote", bytes: [0xE2, 0x82], isValid: false),
        UTF8Case(label: "FF", bytes: [0xFF], isValid: false),
    ])
    func utf8Validity(_ example: UTF8Case) {
        // In eventName (read) and in a member of an object nobody reads; 20 ASCII bytes before
        // each, so the sixteen-byte steps meet the sequence mid-word.
        let pad = Array("abcdefghijklmnopqrst".utf8)
        let bytes = Array(#"{"eventVersion":"1.08","eventSource":"s","eventName":""#.utf8) + pad + example.bytes
            + Array(#"","x":{"y":""#.utf8) + pad + example.bytes + Array(#""},"eventTime":"2024-01-01T00:00:00Z"}"#.utf8)
        let run = ingest([("u.json", bytes)])
        #expect(run.records.count == 1)
        #expect(run.report.tally.malformed == 0)
        #expect(run.report.tally.invalidUTF8 == (example.isValid ? 0 : 1))
        let name = String(decoding: pad + example.bytes, as: UTF8.self)
        #expect(run.records.first?.eventName == name)
    }

    @Test("a 50 MB string inside a record is read whole")
    func fiftyMegabyteString() {
        let size = 50_000_000
        var bytes = Array(#"{"eventVersion":"1.08","eventSource":"s","eventName":"Big","eventTime":"2024-01-01T00:00:00Z","userAgent":""#.utf8)
        bytes.reserveCapacity(bytes.count + size + 200)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: size - 1))
        bytes.append(UInt8(ascii: "y"))
        bytes.append(contentsOf: Array(#""}"#.utf8) + [0x0A] + Array(record("After").utf8))
        let folder = SkuaTestSupport.TemporaryFolder()
        let path = folder.write("big.json", bytes)
        let (records, report) = collect([path], extra: [FieldExtractionTests.userAgent], options: IngestOptions(workers: 1))
        checkAccount(report, records: records)
        #expect(records.map(\.eventName) == ["Big", "After"])
        let agent = records.first?.extra.first ?? nil
        #expect(agent?.utf8.count == size)
        #expect(agent?.hasSuffix("xxy") == true)
        #expect(records.last?.location.offset == Int64(bytes.count - record("After").utf8.count))
    }

    @Test("a string larger than the value limit is stepped over, and its record reported as skipped")
    func stringOverLimit() {
        let long = String(repeating: "z", count: 5000)
        let text = record("A") + "\n" + record("Huge", extra: #""userAgent":""# + long + #"""#) + "\n" + record("B") + "\n"
        let run = ingest("h.jsonl", text, extra: [FieldExtractionTests.userAgent],
                         options: IngestOptions(maximumValueBytes: 1024, chunkBytes: 64))
        #expect(run.names == ["A", "B"])
        #expect(run.report.tally.malformed == 1)
        let skipped = run.issues(.malformed).first
        #expect(skipped?.offset == Int64(record("A").utf8.count + 1))
        #expect(skipped?.reason.contains("larger than") == true)
        #expect(run.issues(.notice).count == 1)
    }
}

import SkuaTestSupport
