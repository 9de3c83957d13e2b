import CloudTrail
import Testing

/// Damage: what survives, what is counted, and where the report says it is.
@Suite struct DamageRecoveryTests {
    struct BadLine: CustomTestStringConvertible, Sendable {
        var label: String
        var line: String
        /// 1-based column of the issue on line 2, counted by hand.
        var column: Int
        var testDescription: String { label }
    }

    static let envelopePrefix = #"{"version":"0","detail-type":"AWS API Call via CloudTrail","detail":"#

    @Test("a bad line between good JSON Lines costs one malformed stretch, reported at its line", arguments: [
        BadLine(label: "record missing its closing brace",
                line: #"{"eventVersion":"1.08","eventSource":"s","eventName":"Bad","eventTime":"2024-01-01T00:00:00Z""#, column: 1),
        BadLine(label: "unterminated string", line: #"{"eventVersion":"1.08","eventSource":"s","eventName":"Bad"#, column: 1),
        BadLine(label: "invalid number in a record",
                line: #"{"eventSource":"s","eventName":"x","eventTime":"2024-01-01T00:00:00Z","n":01}"#, column: 1),
        BadLine(label: "plain text", line: "this is not json", column: 1),
        BadLine(label: "a stray bracket", line: "]", column: 1),
        BadLine(label: "broken object that is not a record", line: #"{"broken": }"#, column: 12),
        BadLine(label: "key cut off by the line end", line: #"{"eventSo"#, column: 10),
        BadLine(label: "EventBridge envelope with a broken record inside",
                line: envelopePrefix + #"{"eventVersion":"1.08","eventSource":"s","eventName":"Bad","eventTime":"2024-01-01T00:00:00Z",}}"#,
                column: envelopePrefix.utf8.count + 1),
    ])
    func badLine(_ example: BadLine) {
        let a = record("A"), b = record("B")
        for newline in ["\n", "\r\n"] {
            let text = a + newline + example.line + newline + b + newline
            let run = ingest("lines.jsonl", text)
            #expect(run.names == ["A", "B"], "newline \(newline.debugDescription)")
            #expect(run.report.tally.malformed == 1)
            let issue = run.issues(.malformed).first
            #expect(issue?.file == run.path("lines.jsonl"))
            #expect(issue?.line == 2)
            #expect(issue?.column == example.column)
            #expect(issue?.offset == Int64(a.utf8.count + newline.utf8.count + example.column - 1))
            #expect(run.report.files.first?.outcome == .withRecords)
        }
    }

    @Test("a bad first line of JSON Lines does not hide the lines after it")
    func badFirstLine() {
        let run = ingest("lines.jsonl", #"{"eventSource":"s","eventName":"Bad" "# + "\n" + record("A") + "\n" + record("B") + "\n")
        #expect(run.names == ["A", "B"])
        #expect(run.report.tally.malformed == 1)
        #expect(run.issues(.malformed).first?.line == 1)
    }

    struct Middle: CustomTestStringConvertible, Sendable {
        var label: String
        var bad: String
        var testDescription: String { label }
    }

    @Test("damage in the middle of {\"Records\":[…]} costs one record; the records after it are recovered", arguments: [
        Middle(label: "missing comma", bad: #"{"eventVersion":"1.08" "eventSource":"s","eventName":"Bad","eventTime":"2024-01-01T00:00:00Z"}"#),
        Middle(label: "record cut off, next record follows",
               bad: #"{"eventVersion":"1.08","eventSource":"s","eventName":"Bad","eventTi"#),
        Middle(label: "nested object broken",
               bad: #"{"eventVersion":"1.08","eventSource":"s","eventName":"Bad","userIdentity":{"type":"IAMUser" "arn":"x","more":{"a":1}},"eventTime":"2024-01-01T00:00:00Z"}"#),
        Middle(label: "raw control byte in a string",
               bad: "{\"eventVersion\":\"1.08\",\"eventSource\":\"s\",\"eventName\":\"B\u{0}d\",\"eventTime\":\"2024-01-01T00:00:00Z\"}"),
        Middle(label: "a record whose last value is missing swallows the next one",
               bad: #"{"eventVersion":"1.08","eventSource":"s","eventName":"Bad","x":"#),
        Middle(label: "garbage between records", bad: "garbage!!"),
        Middle(label: "unbalanced brackets", bad: #"{"eventVersion":"1.08","eventSource":"s","eventName":"Bad","r":[1,2}}"#),
    ])
    func middle(_ example: Middle) {
        let a = record("A"), b = record("B"), c = record("C")
        let text = #"{"Records":["# + a + "," + example.bad + "," + b + "," + c + "]}"
        let run = ingest("x.json", text)
        #expect(run.names == ["A", "B", "C"])
        #expect(run.report.tally.malformed == 1)
        let issue = run.issues(.malformed).first
        // The stretch starts at the bad record (or at the first byte that broke).
        let badStart = #"{"Records":["#.utf8.count + a.utf8.count + 1
        #expect(issue.map { $0.offset! >= Int64(badStart) && $0.offset! < Int64(badStart + example.bad.utf8.count + 1) } == true)
        #expect(issue?.line == 1)
        #expect(issue.map { Int64($0.column! - 1) == $0.offset! } == true)
        #expect(run.report.files.first?.outcome == .withRecords)
    }

    @Test("two broken records in a row are two losses")
    func twoBroken() {
        let bad1 = #"{"eventVersion":"1.08" "eventSource":"s","eventName":"Bad1","eventTime":"2024-01-01T00:00:00Z"}"#
        let bad2 = #"{"eventVersion":"1.08","eventSource":"s","eventName":"Bad2","eventTime":"2024-01-01T00:00:00Z",}"#
        let run = ingest("x.json", Envelope.s3([record("A"), bad1, bad2, record("B")]))
        #expect(run.names == ["A", "B"])
        #expect(run.report.tally.malformed == 2)
    }

    @Test("two broken records inside one string are two losses too")
    func twoBrokenInsideString() {
        let bad1 = #"{"eventVersion":"1.08" "eventSource":"s","eventName":"Bad1","eventTime":"2024-01-01T00:00:00Z"}"#
        let bad2 = #"{"eventVersion":"1.08","eventSource":"s","eventName":"Bad2","eventTime":"2024-01-01T00:00:00Z",}"#
        let run = ingest("x.json", #"{"_raw":""# + escaped(bad1 + "\n" + bad2 + "\n" + record("A")) + #""}"#)
        #expect(run.names == ["A"])
        #expect(run.report.tally.malformed == 2)
        #expect(run.issues(.malformed).allSatisfy { $0.offset == 8 && $0.line == 1 && $0.column == 9 })
    }

    @Test("broken documents in neighbouring strings, with no record between them, are each reported at their string")
    func brokenStringsSideBySide() {
        // Two wrapper objects whose raw text mentions record keys but is not JSON (a bare word for
        // a value, a raw newline inside a string), each broken before any record key was read
        // (so neither counts as a broken record of its own), then one good record: two stretches
        // of damage, each bounded by its own string.
        let placeholder = #"{"eventVersion": String, "eventSource": "s"}"#
        let newline = #"{"Name":"a"# + "\n" + #"b","eventVersion":"1.08","eventSource":"s"}"#
        let first = #"{"raw":""# + escaped(placeholder) + #""}"#
        let second = #"{"raw":""# + escaped(newline) + #""}"#
        let text = "[" + first + ",\n" + second + ",\n" + record("A") + "]"
        let run = ingest("blocks.json", text)
        #expect(run.names == ["A"])
        #expect(run.report.tally.malformed == 2)
        // Line 1, column 9: the opening quote of the first string (8 bytes of [{"raw": before it);
        // line 2, column 8: the second string's quote (7 bytes of {"raw": before it).
        #expect(run.issues(.malformed).map { [$0.line, $0.column] } == [[1, 9], [2, 8]])
    }

    @Test("a pretty-printed file reports the line and column of the damage")
    func prettyPrintedPosition() {
        let text = "{\n  \"Records\": [\n    " + record("A") + ",\n    {\"eventVersion\": \"1.08\", \"eventSource\": \"s\", \"eventName\": oops},\n    "
            + record("B") + "\n  ]\n}\n"
        let run = ingest("pretty.json", text)
        #expect(run.names == ["A", "B"])
        let issue = run.issues(.malformed).first
        #expect(issue?.line == 4)
        #expect(issue?.column == 5)
    }

    @Test("a file cut off mid-record keeps the records before the cut")
    func truncatedPlainFile() {
        let run = ingest("cut.json", Envelope.s3([record("A"), record("B")]).dropLast(2) + #",{"eventVersion":"1.08","eventSo"#)
        #expect(run.names == ["A", "B"])
        #expect(run.report.tally.malformed == 1)
        #expect(run.report.files.first?.outcome == .withRecords)
    }

    @Test("a file with nothing but a broken record fails, and says why")
    func nothingUsable() {
        let run = ingest("bad.json", #"{"eventSource":"s","eventName":"x""#)
        #expect(run.records.isEmpty)
        #expect(run.report.tally.malformed == 1)
        #expect(run.report.filesFailed == 1)
        #expect(run.issues(.unreadableFile).count == 1)
    }

    @Test("100 000 nested arrays are counted as damage, not a crash, and a record after them is found")
    func deepArrays() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let alone = ingest("deep.json", deep)
        #expect(alone.records.isEmpty)
        #expect(alone.report.tally.malformed == 1)
        #expect(alone.report.filesFailed == 1)
        #expect(alone.issues(.malformed).first?.reason.contains("nested deeper") == true)

        let after = ingest("deep.json", deep + "\n" + record("A") + "\n")
        #expect(after.names == ["A"])
        #expect(after.report.tally.malformed == 1)

        let inside = ingest("deep.json", Envelope.s3([record("A"), record("X", extra: #""x":"# + deep), record("B")]))
        #expect(inside.names == ["A", "B"])
        #expect(inside.report.tally.malformed == 1)

        let objects = String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        let deepObjects = ingest("deep.json", objects + "\n" + record("A"))
        #expect(deepObjects.names == ["A"])
        #expect(deepObjects.report.tally.malformed == 1)
    }
}

/// The same damage, read through a window that slides every few bytes: what survives and what is
/// counted must not depend on where the chunk boundaries fall.
@Suite struct DamageAcrossChunksTests {
    static let chunks = [1, 7, 64]

    @Test("a bad JSON Lines line costs one stretch at any chunk size", arguments: chunks)
    func badLine(_ chunk: Int) {
        let options = IngestOptions(maximumValueBytes: 4096, chunkBytes: chunk)
        let lines = [record("A"), #"{"eventVersion":"1.08","eventSource":"s","eventName":"Bad"#, "plain text", #"{"broken": }"#, record("B")]
        let run = ingest("l.jsonl", lines.joined(separator: "\n") + "\n", options: options)
        #expect(run.names == ["A", "B"])
        #expect(run.report.tally.malformed == 1)
        #expect(run.issues(.malformed).first?.offset == Int64(record("A").utf8.count + 1))
    }

    @Test("damage inside Records is recovered at any chunk size", arguments: chunks)
    func middle(_ chunk: Int) {
        let options = IngestOptions(maximumValueBytes: 4096, chunkBytes: chunk)
        let bad = #"{"eventVersion":"1.08","eventSource":"s","eventName":"Bad","userIdentity":{"type":"x" "arn":"y"}}"#
        let run = ingest("r.json", Envelope.s3([record("A"), bad, record("B"), bad, bad, record("C")]), options: options)
        #expect(run.names == ["A", "B", "C"])
        #expect(run.report.tally.malformed == 3)
    }
}

/// Inputs built to get past a reader by shape alone.
@Suite struct EvasionTests {
    @Test("a byte-order mark at the start of each concatenated file is not damage")
    func byteOrderMarks() {
        let bom = "\u{FEFF}"
        let run = ingest("boms.jsonl", bom + record("A") + "\n" + bom + record("B") + "\n" + bom + Envelope.s3([record("C")]))
        #expect(run.names == ["A", "B", "C"])
        #expect(run.report.tally.malformed == 0)
    }

    @Test("a wrapper key written with escapes is still a wrapper")
    func escapedWrapperKey() {
        let run = ingest("w.json", #"{"R\u0065cords":["# + record("A") + "," + record("B") + "]}")
        #expect(run.names == ["A", "B"])
    }

    @Test("JSON nested in strings deeper than the reader goes is reported, not silently dropped")
    func deepStringNesting() {
        var text = record("Deep")
        for level in 0..<6 { text = #"{"level\#(level)":""# + escaped(text) + #""}"# }
        let run = ingest("deep.json", text)
        #expect(run.records.isEmpty)
        #expect(run.report.tally.malformed == 1)
        #expect(run.issues(.malformed).first?.reason.contains("nested") == true)

        var shallow = record("Shallow")
        for level in 0..<4 { shallow = #"{"level\#(level)":""# + escaped(shallow) + #""}"# }
        #expect(ingest("shallow.json", shallow).names == ["Shallow"])
    }
}
