@testable import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// Large plain files walked in pieces by several workers: every record once, the same account
/// as one walk, whatever the piece starts hit.
@Suite struct FileSplitTests {
    /// Pieces of at least 8 KiB, so files of a few hundred KiB are cut into many.
    static let splitting = IngestOptions(workers: 4, splitBytes: 8 << 10)
    static let whole = IngestOptions(workers: 1)

    struct Layout: CustomTestStringConvertible, Sendable {
        var label: String
        var shape: PieceShape
        var join: @Sendable ([String]) -> String
        var testDescription: String { label }
    }

    static let layouts = [
        Layout(label: "JSON Lines", shape: .lines) { $0.joined(separator: "\n") + "\n" },
        Layout(label: "JSON Lines with CRLF and blank lines", shape: .lines) { $0.joined(separator: "\r\n\r\n") },
        Layout(label: "{\"Records\":[…]} on one line", shape: .recordsArray) { #"{"Records":["# + $0.joined(separator: ",") + "]}" },
        Layout(label: "{\"Records\":[…]} pretty-printed", shape: .recordsArray) {
            "{\n  \"Records\" : [\n    " + $0.joined(separator: ",\n    ") + "\n  ]\n}\n"
        },
        Layout(label: "bare array", shape: .bareArray) { "[" + $0.joined(separator: ", ") + "]" },
    ]

    /// `count` records named R0000…, each with a distinct eventID, a second apart.
    static func names(_ count: Int) -> [String] { (0..<count).map { "R" + String(format: "%04d", $0) } }

    static func records(_ names: [String], extra: String = "") -> [String] {
        names.enumerated().map { index, name in record(name, second: index % 60, extra: extra) }
    }

    @Test("a large plain file is walked in several pieces and yields every record once, in order", arguments: layouts)
    func everyRecordOnce(_ layout: Layout) throws {
        let folder = TemporaryFolder()
        let expected = FileSplitTests.names(3000)
        let path = folder.write("big.json", layout.join(FileSplitTests.records(expected)))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)

        let split = collect([path], options: FileSplitTests.splitting)
        #expect(split.records.map(\.eventName) == expected)
        let file = try #require(split.report.files.first)
        #expect(file.pieces > 4, "a \(size)-byte file in 8 KiB pieces should be walked in many")
        #expect(file.piecesDropped == 0)
        #expect(file.outcome == .withRecords)
        #expect(file.bytesRead == Int64(size))
        #expect(file.bytesDecoded == Int64(size))
        #expect(split.report.tally.evaluated == 3000)
        #expect(split.report.tally.malformed == 0)
        #expect(split.report.reconciles)

        let one = collect([path], options: FileSplitTests.whole)
        #expect(one.records == split.records, "pieces must yield what one walk yields, locations included")
        #expect(one.report.tally == split.report.tally)
    }

    @Test("piece starts guessed inside strings are dropped; the piece before walks on and nothing is lost")
    func startsInsideStrings() throws {
        // Each record ends with a string holding "},{", so the first "},{" after most cuts is a
        // false boundary inside that string.
        let folder = TemporaryFolder()
        let expected = FileSplitTests.names(3000)
        let records = FileSplitTests.records(expected, extra: #""note":"a},{\"eventVersion\":\"1.08\"},{b""#)
        let path = folder.write("tricky.json", #"{"Records":["# + records.joined(separator: ",") + "]}")

        let split = collect([path], options: FileSplitTests.splitting)
        #expect(split.records.map(\.eventName) == expected)
        let file = try #require(split.report.files.first)
        #expect(file.piecesDropped > 0, "the cuts should have met the strings")
        #expect(split.report.tally.malformed == 0)
        #expect(split.report.issues.isEmpty)
        #expect(split.records == collect([path], options: FileSplitTests.whole).records)
    }

    @Test("damage near piece starts is counted once per stretch, at its offset, as in one walk")
    func damageAcrossPieces() throws {
        // Every 40th line is not JSON; the offsets of those lines are worked out while writing.
        let folder = TemporaryFolder()
        var lines: [String] = []
        var expectedNames: [String] = []
        var badOffsets: [Int64] = []
        var offset: Int64 = 0
        for (index, name) in FileSplitTests.names(3000).enumerated() {
            let line: String
            if index % 40 == 39 {
                line = "garbage line \(index)"
                badOffsets.append(offset)
            } else {
                line = record(name, second: index % 60)
                expectedNames.append(name)
            }
            lines.append(line)
            offset += Int64(line.utf8.count + 1)
        }
        let path = folder.write("damaged.jsonl", lines.joined(separator: "\n") + "\n")

        let split = collect([path], options: FileSplitTests.splitting)
        #expect(split.records.map(\.eventName) == expectedNames)
        #expect(split.report.tally.malformed == badOffsets.count)
        #expect(split.report.issues.filter { $0.kind == .malformed }.map(\.offset) == badOffsets.map { Optional($0) })
        #expect(try #require(split.report.files.first).pieces > 1)
        let one = collect([path], options: FileSplitTests.whole)
        #expect(one.report.tally == split.report.tally)
    }

    @Test("an eventID repeated in two pieces counts as a repeat within the file")
    func repeatsAcrossPieces() throws {
        let folder = TemporaryFolder()
        let names = FileSplitTests.names(3000)
        // Records 0 and 2999 (far apart: different pieces) share an eventID; so do 1 and 1500;
        // and 10 and 11 (neighbours: one piece).
        let ids = [2999: "id-R0000", 1500: "id-R0001", 11: "id-R0010"]
        let lines = names.enumerated().map { index, name in record(name, second: index % 60, id: ids[index]) }
        let path = folder.write("repeats.jsonl", lines.joined(separator: "\n"))
        let split = collect([path], options: FileSplitTests.splitting)
        #expect(try #require(split.report.files.first).pieces > 1)
        #expect(split.report.tally.duplicateEventIDsWithinFiles == 3)
        #expect(split.report.duplicateEventIDsAcrossFilesEstimate == 0)
        let whole = collect([path], options: FileSplitTests.whole)
        #expect(whole.report.tally.duplicateEventIDsWithinFiles == 3)
    }

    @Test("pieces dropped after handing stretches to the sketch do not make their IDs count twice",
          arguments: [50, 400])
    func droppedPiecesSpills(stretch: Int) throws {
        let folder = TemporaryFolder()
        // Every record ends with a string holding "},{", so the cuts the splitter guesses fall
        // inside strings and the pieces starting there are dropped at the join, after they have
        // walked (and handed full stretches of eventIDs to the sketch). Records 2000-2009 repeat
        // the IDs of records 0-9: 10 repeats in all, within the file, none across files.
        let records = (0..<3000).map { index in
            record("R\(index)", second: index % 60, id: index >= 2000 && index < 2010 ? "id-\(index - 2000)" : "id-\(index)",
                   extra: #""note":"},{""#)
        }
        let path = folder.write("tricky.json", #"{"Records":["# + records.joined(separator: ",") + "]}")
        var options = FileSplitTests.splitting
        options.eventIDStretch = stretch
        let split = collect([path], options: options)
        let file = try #require(split.report.files.first)
        #expect(file.piecesDropped > 0)
        #expect(split.records.count == 3000)
        // Repeats between stretches are in the estimate (its false positives: far below 1 here).
        #expect(split.report.tally.duplicateEventIDsWithinFiles + split.report.duplicateEventIDsAcrossFilesEstimate == 10)
        var one = FileSplitTests.whole
        one.eventIDStretch = stretch
        let whole = collect([path], options: one)
        #expect(whole.report.tally.duplicateEventIDsWithinFiles + whole.report.duplicateEventIDsAcrossFilesEstimate == 10)
    }

    @Test("a piece that walks past later pieces' starts takes their share of the stretch")
    func droppedPiecesShareOfStretch() throws {
        let folder = TemporaryFolder()
        // 70,000 records whose strings hold "},{": nearly every guessed cut falls inside a string,
        // so piece 0 walks past the later pieces' starts, over records 0 to past 66,099 (the
        // run keeps at most one more piece). Records 66,000-66,099 repeat the IDs of records
        // 0-99. A piece's share of a stretch of 200,000 is 65,536: on that alone piece 0 would
        // count these 100 repeats between its stretches (the estimate: 0 exact, 100 estimated),
        // while a walk of the whole file counts them exactly. Taking the dropped pieces' shares,
        // piece 0 counts them exactly too.
        // (A long value before the note makes a cut rarely land in the three bytes between the
        // note's "},{" and the record's own end, where it would find a true boundary.)
        let pad = String(repeating: "x", count: 300)
        let records = (0..<70_000).map { index in
            record("R\(index)", second: index % 60, id: index >= 66_000 && index < 66_100 ? "id-\(index - 66_000)" : "id-\(index)",
                   extra: #""pad":"\#(pad)","note":"},{""#)
        }
        let path = folder.write("tricky.json", #"{"Records":["# + records.joined(separator: ",") + "]}")
        var options = FileSplitTests.splitting
        options.eventIDStretch = 200_000
        #expect(options.stretch(pieces: 4) == 65_536)
        let split = collect([path], options: options)
        let file = try #require(split.report.files.first)
        #expect(file.piecesDropped > 0)
        #expect(split.report.tally.duplicateEventIDsWithinFiles == 100)
        #expect(split.report.duplicateEventIDsAcrossFilesEstimate == 0)
    }

    @Test("lookup-events output is cut between its Events, and the records inside their strings are found")
    func lookupEvents() throws {
        let folder = TemporaryFolder()
        let expected = FileSplitTests.names(3000)
        let path = folder.write("lookup.json", #"{"Events":["# + FileSplitTests.records(expected).map {
            // Resources: objects in an array inside each event, so cuts also meet "},{" one level
            // deeper than the Events, where a walk is not between two events.
            #"{"EventId":"x","Resources":[{"ResourceType":"AWS::SNS::Topic","ResourceName":"t"},{"ResourceType":"u"}],"#
                + #""CloudTrailEvent":"\#(escaped($0))"}"#
        }.joined(separator: ",") + "]}")
        let split = collect([path], options: FileSplitTests.splitting)
        #expect(split.records.map(\.eventName) == expected)
        #expect(split.report.tally.malformed == 0)
        #expect(split.report.issues.isEmpty)
        let file = try #require(split.report.files.first)
        #expect(file.pieces > 1)
        #expect(file.piecesDropped > 0, "some cuts should have met the Resources arrays")
        #expect(split.records == collect([path], options: FileSplitTests.whole).records)
    }

    @Test("small files, gzip files and one worker: walked whole")
    func notSplit() throws {
        let folder = TemporaryFolder()
        let lines = FileSplitTests.records(FileSplitTests.names(3000)).joined(separator: "\n")
        let gzip = folder.write("big.json.gz", gzip(lines))
        let small = folder.write("small.jsonl", FileSplitTests.records(FileSplitTests.names(10)).joined(separator: "\n"))
        let plain = folder.write("big.jsonl", lines)
        for path in [gzip, small] {
            let run = collect([path], options: FileSplitTests.splitting)
            #expect(run.report.files.first?.pieces == 1, "\(path)")
            #expect(run.report.tally.evaluated == (path == small ? 10 : 3000), "\(path)")
        }
        var oneWorker = FileSplitTests.splitting
        oneWorker.workers = 1
        #expect(collect([plain], options: oneWorker).report.files.first?.pieces == 1)
    }

    @Test("the shape of a file is sniffed from its head", arguments: [
        ("{\"Records\":[{\"a\":1}]}", PieceShape?.some(.recordsArray)),
        ("\u{FEFF}  { \"Records\" :\n [ {", .some(.recordsArray)),
        ("{\"Events\":[{", .some(.recordsArray)),
        ("[\n {\"a\":1},\n {\"a\":2}]", .some(.bareArray)),
        ("{\"a\":1}\n{\"a\":2}\n", .some(.lines)),
        ("{\"a\":1}\r\n\r\n{\"a\":2}", .some(.lines)),
        ("[1, 2, 3]", nil),
        ("{\"detail\":{\"a\":1}}", nil),
        ("{\"a\":1}\nnot json", nil),
        ("PK\u{03}\u{04}", nil),
    ])
    func sniff(_ head: String, _ shape: PieceShape?) {
        #expect(FileSplitter.sniffShape(Array(head.utf8)) == shape)
    }

    @Test("a boundary is the '{' that starts the next record of the shape")
    func boundaries() {
        let lines = Array("tail of a line\n  \n{\"x\":1}".utf8)
        #expect(FileSplitter.boundary(in: lines, shape: .lines) == 18)
        let array = Array("\"x\":\"}\"}, {\"y\"".utf8)
        #expect(FileSplitter.boundary(in: array, shape: .recordsArray) == 10)
        #expect(FileSplitter.boundary(in: Array("}]}".utf8), shape: .bareArray) == nil)
    }
}
