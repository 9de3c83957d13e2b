import CloudTrail
import Testing

/// Every delivery layout, sniffed from content: each case holds records A and B (or only A) and
/// must yield exactly those, in input order, with nothing reported as lost.
@Suite struct ContainerShapeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var fileName: String = "input"
        var text: String
        var names: [String]
        var testDescription: String { label }
    }

    static let a = record("A", second: 1)
    static let b = record("B", second: 2)

    static func wrapped(_ key: String, _ record: String, asString: Bool) -> String {
        asString ? #"{"\#(key)":""# + escaped(record) + #""}"# : #"{"\#(key)":"# + record + "}"
    }

    static let cases: [Case] = {
        var cases = [
            Case(label: "S3 {\"Records\":[…]}", fileName: "x.json.gz", text: Envelope.s3([a, b]), names: ["A", "B"]),
            Case(label: "Records with other keys first", text: #"{"meta":{"eventSource":"not a record"},"Records":["# + a + "," + b + "]}", names: ["A", "B"]),
            Case(label: "pretty-printed Records", text: "{\n  \"Records\": [\n    " + a + ",\n    " + b + "\n  ]\n}\n", names: ["A", "B"]),
            Case(label: "empty Records", text: #"{"Records":[]}"#, names: []),
            Case(label: "bare array", fileName: "x.txt", text: "[" + a + "," + b + "]", names: ["A", "B"]),
            Case(label: "bare array with whitespace", text: " [\n\t" + a + " ,\r\n " + b + "\n] ", names: ["A", "B"]),
            Case(label: "byte-order mark", text: "\u{FEFF}" + Envelope.s3([a, b]), names: ["A", "B"]),
            Case(label: "JSON Lines", fileName: "x.jsonl", text: a + "\n" + b + "\n", names: ["A", "B"]),
            Case(label: "JSON Lines without a final newline", text: a + "\n" + b, names: ["A", "B"]),
            Case(label: "JSON Lines with blank lines and CRLF", text: "\r\n" + a + "\r\n\r\n   \r\n" + b + "\r\n\r\n", names: ["A", "B"]),
            Case(label: "concatenated values without separators", text: a + b, names: ["A", "B"]),
            Case(label: "concatenated S3 objects", text: Envelope.s3([a]) + Envelope.s3([b]), names: ["A", "B"]),
            Case(label: "single record", text: a, names: ["A"]),
            Case(label: "lookup-events output", text: Envelope.lookupEvents([("A", a), ("B", b)]), names: ["A", "B"]),
            Case(label: "EventBridge event alone", text: Envelope.eventBridge(a), names: ["A"]),
            Case(label: "EventBridge events in an array", text: "[" + Envelope.eventBridge(a) + "," + Envelope.eventBridge(b) + "]", names: ["A", "B"]),
            Case(label: "EventBridge events one per line", text: Envelope.eventBridge(a) + "\n" + Envelope.eventBridge(b) + "\n", names: ["A", "B"]),
            Case(label: "CloudWatch Logs subscription", text: Envelope.cloudWatch([a, b]), names: ["A", "B"]),
            Case(label: "CloudWatch Logs payloads one per line", text: Envelope.cloudWatch([a]) + "\n" + Envelope.cloudWatch([b]), names: ["A", "B"]),
            Case(label: "SIEM input.message", text: #"{"input":{"message":""# + escaped(a) + #""}}"#, names: ["A"]),
            Case(label: "string pretty-printed with a leading escaped newline",
                 text: #"{"message":"\n  "# + escaped(a) + #""}"#, names: ["A"]),
            Case(label: "array of strings", text: #"[""# + escaped(a) + #"",""# + escaped(b) + #""]"#, names: ["A", "B"]),
            Case(label: "one string holding JSON Lines", text: #"{"_raw":""# + escaped(a + "\n" + b) + #""}"#, names: ["A", "B"]),
            Case(label: "a string inside a string", text: wrapped("message", wrapped("_raw", a, asString: true), asString: true), names: ["A"]),
            Case(label: "deep search-engine export",
                 text: #"{"hits":{"total":1,"hits":[{"_index":"ct","_source":{"data":{"log":""# + escaped(a) + #""}}},{"_source":{"aws":{"cloudtrail":"# + b + "}}}]}}", names: ["A", "B"]),
        ]
        for key in ["_raw", "aws.cloudtrail", "data", "log", "message"] {
            cases.append(Case(label: "\(key) holding an object", text: wrapped(key, a, asString: false), names: ["A"]))
            cases.append(Case(label: "\(key) holding a JSON string", text: wrapped(key, a, asString: true), names: ["A"]))
            cases.append(Case(label: "\(key) three levels down, in an array",
                              text: #"{"x":[{"y":"# + wrapped(key, a, asString: true) + "}," + wrapped(key, b, asString: false) + "]}", names: ["A", "B"]))
        }
        return cases
    }()

    @Test("finds the records of every delivery layout", arguments: cases)
    func shapes(_ example: Case) {
        let run = ingest(example.fileName, example.text)
        #expect(run.names == example.names)
        #expect(run.records.map(\.eventTime) == example.names.map { recordMillis(second: $0 == "A" ? 1 : 2) })
        #expect(run.records.allSatisfy { $0.eventSource == "sns.amazonaws.com" })
        #expect(run.report.tally.evaluated == example.names.count)
        #expect(run.report.tally.malformed == 0)
        #expect(run.report.tally.untimed == 0)
        #expect(run.report.issues.isEmpty, "\(run.report.issues)")
        #expect(run.report.filesDiscovered == 1)
        #expect(run.report.files.first?.outcome == (example.names.isEmpty ? .withoutEvents : .withRecords))
    }

    @Test("the same layouts are found inside gzip, whatever the file is called", arguments: cases)
    func gzipShapes(_ example: Case) {
        let run = ingest([("no-extension", gzip(example.text))])
        #expect(run.names == example.names)
        #expect(run.report.files.first?.isGzip == true)
        #expect(run.report.tally.malformed == 0)
    }

    @Test("records inside one string keep input order by rank")
    func ordinals() {
        let run = ingest("input", #"{"_raw":""# + escaped(ContainerShapeTests.a + "\n" + ContainerShapeTests.b) + #""}"#)
        #expect(run.records.map(\.location.offset) == [8, 8])
        #expect(run.records.map(\.location.ordinal) == [0, 1])
    }

    @Test("a record's location is its byte offset in the decompressed file")
    func offsets() {
        let a = ContainerShapeTests.a
        let run = ingest("input", "[" + a + ",\n " + ContainerShapeTests.b + "]")
        // "[" then A, then ",\n " (3 bytes): B starts at 1 + len(A) + 3.
        #expect(run.records.map(\.location.offset) == [1, Int64(1 + a.utf8.count + 3)])
        #expect(run.records.map(\.location.ordinal) == [0, 0])
    }
}

@Suite struct SpecialRecordTests {
    @Test("a file under CloudTrail-Digest/ is counted without being read")
    func digestByPath() {
        let run = ingest([("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/01/d.json.gz", Array("not even JSON".utf8)),
                          ("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/r.json", Array(Envelope.s3([record("A")]).utf8))])
        #expect(run.names == ["A"])
        #expect(run.report.filesDiscovered == 2)
        #expect(run.report.filesWithoutEvents == 1)
        #expect(run.report.digestFilesByPath == 1)
        #expect(run.report.files[0].bytesDecoded == 0)
        #expect(run.report.issues.isEmpty)
    }

    @Test("a digest found by its digestStartTime is counted, not an error")
    func digestByContent() {
        let run = ingest("digest.json", Envelope.digest)
        #expect(run.report.tally.digestObjects == 1)
        #expect(run.report.tally.wellFormed == 0)
        #expect(run.report.filesWithoutEvents == 1)
        #expect(run.report.digestFilesByPath == 0)
        #expect(run.report.files.first?.note == "CloudTrail digest")
        #expect(run.report.issues.isEmpty)
    }

    @Test("Insight records are counted as insight, not evaluated and not errors")
    func insight() {
        let run = ingest("insight.json", Envelope.s3([Envelope.insight, record("A"), Envelope.insight]))
        #expect(run.names == ["A"])
        #expect(run.report.tally.insight == 2)
        #expect(run.report.tally.wellFormed == 3)
        #expect(run.report.tally.evaluated == 1)
        #expect(run.report.issues.isEmpty)
        #expect(run.report.filesWithRecords == 1)
    }

    @Test("objects with eventSource but no time or version are fragments, not records")
    func fragments() {
        let run = ingest("partial.json", #"[{"eventSource":"s3.amazonaws.com","eventName":"GetObject"},"# + record("A") + "]")
        #expect(run.names == ["A"])
        #expect(run.report.tally.fragments == 1)
        #expect(run.report.tally.wellFormed == 1)
    }

    @Test("a record with eventVersion but no usable eventTime is untimed, with its position")
    func untimed() {
        let missing = #"{"eventVersion":"1.08","eventSource":"s","eventName":"NoTime"}"#
        let garbled = #"{"eventVersion":"1.08","eventSource":"s","eventName":"BadTime","eventTime":"yesterday"}"#
        let numeric = #"{"eventVersion":"1.08","eventSource":"s","eventName":"NumberTime","eventTime":1704067200}"#
        let text = record("A") + "\n" + missing + "\n" + garbled + "\n" + numeric + "\n"
        let run = ingest("untimed.jsonl", text)
        #expect(run.names == ["A"])
        #expect(run.report.tally.untimed == 3)
        let issues = run.issues(.untimed)
        let lineStarts = [record("A"), missing, garbled].reduce(into: [0]) { $0.append($0.last! + $1.utf8.count + 1) }
        #expect(issues.map(\.offset) == lineStarts[1...3].map { Int64($0) })
        #expect(issues.map(\.line) == [2, 3, 4])
        #expect(issues.map(\.column) == [1, 1, 1])
        #expect(issues.allSatisfy { $0.file == run.path("untimed.jsonl") })
        #expect(issues[1].reason.contains("\"yesterday\""))
    }
}
