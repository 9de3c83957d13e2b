import CloudTrail
import Testing

/// Records that straddle the sliding window's chunk boundary, at every chunk size that matters:
/// one byte (every token straddles), odd sizes, and sizes around one record.
@Suite struct ChunkBoundaryTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var layout: String
        var chunk: Int
        var gzip: Bool
        var testDescription: String { "\(layout), \(chunk)-byte chunks\(gzip ? ", gzip" : "")" }
    }

    static let names = (0..<12).map { "Event\($0)" }
    static let records = names.enumerated().map { index, name in
        record(name, second: index, extra: #""userAgent":"agent \"\#(index)\" \u00e9","n":\#(index)"#)
    }

    static func text(_ layout: String) -> String {
        switch layout {
        case "Records": return Envelope.s3(records)
        case "pretty": return "{\n  \"Records\" : [\n" + records.map { "    " + $0 }.joined(separator: " ,\n") + "\n  ]\n}\n"
        case "array": return "[" + records.joined(separator: ",") + "]"
        case "lines": return records.joined(separator: "\r\n") + "\r\n"
        case "lookup-events": return Envelope.lookupEvents(Array(zip(names, records)))
        case "CloudWatch": return Envelope.cloudWatch(records)
        default: return records.map(Envelope.eventBridge).joined(separator: "\n")
        }
    }

    static let cases: [Case] = ["Records", "pretty", "array", "lines", "lookup-events", "CloudWatch", "EventBridge"].flatMap { layout in
        [1, 7, 64, 100, 333].flatMap { chunk in [false, true].map { Case(layout: layout, chunk: chunk, gzip: $0) } }
    }

    @Test("every record is found whole, wherever the chunk boundary falls", arguments: cases)
    func straddling(_ example: Case) {
        let text = ChunkBoundaryTests.text(example.layout)
        let bytes = example.gzip ? gzip(text) : Array(text.utf8)
        let options = IngestOptions(maximumValueBytes: 4096, chunkBytes: example.chunk,
                                    decompression: example.gzip ? .zlibStreaming : .automatic)
        let run = ingest([("input", bytes)], extra: [PropertyPath(keys: ["userAgent"]), PropertyPath(keys: ["n"])], options: options)
        #expect(run.names == ChunkBoundaryTests.names)
        #expect(run.records.map { $0.extra } == (0..<12).map { ["agent \"\($0)\" é", "\($0)"] })
        #expect(run.records.map(\.eventTime) == (0..<12).map { recordMillis(second: $0) })
        #expect(run.report.issues.isEmpty, "\(run.report.issues)")
    }

    @Test("record offsets stay exact after the window slides")
    func offsetsAfterSliding() {
        let text = ChunkBoundaryTests.text("array")
        var expected: [Int64] = []
        var offset = 1
        for record in ChunkBoundaryTests.records {
            expected.append(Int64(offset))
            offset += record.utf8.count + 1
        }
        for chunk in [1, 64, 1 << 20] {
            let run = ingest("a.json", text, options: IngestOptions(maximumValueBytes: 4096, chunkBytes: chunk))
            #expect(run.records.map(\.location.offset) == expected, "chunk \(chunk)")
        }
    }

    @Test("a record larger than the value limit is skipped and counted, its neighbours kept", arguments: [64, 100])
    func oversizedRecord(_ chunk: Int) {
        // 40 members of about 20 bytes: over 800 bytes, with no single long string.
        let members = (0..<40).map { #""field\#($0)":"value-\#($0)""# }.joined(separator: ",")
        let big = record("Big", extra: members)
        let layouts = [
            Envelope.s3([record("A"), big, record("B")]),
            record("A") + "\n" + big + "\n" + record("B") + "\n",
            "[" + record("A") + "," + Envelope.eventBridge(big) + "," + record("B") + "]",
        ]
        for text in layouts {
            let run = ingest("o.json", text, options: IngestOptions(maximumValueBytes: 512, chunkBytes: chunk))
            #expect(run.names == ["A", "B"])
            #expect(run.report.tally.malformed == 1)
            let issue = run.issues(.malformed).first
            #expect(issue?.offset == byteOffset(of: #"{"eventVersion":"1.08","eventSource":"sns.amazonaws.com","eventName":"Big""#, in: text))
            #expect(issue?.reason.contains("512 bytes") == true, "\(issue?.reason ?? "")")
        }
    }

    @Test("an object over the value limit that is not a record is walked, not counted")
    func oversizedContainer() {
        let meta = "{" + (0..<60).map { #""k\#($0)":"v\#($0)""# }.joined(separator: ",") + "}"
        let text = #"{"meta":"# + meta + #","Records":["# + record("A") + "]}"
        let run = ingest("c.json", #"{"x":"# + text + "}", options: IngestOptions(maximumValueBytes: 256, chunkBytes: 64))
        #expect(run.names == ["A"])
        #expect(run.report.tally.malformed == 0)
    }
}
