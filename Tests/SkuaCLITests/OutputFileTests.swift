import Foundation
import SkuaTestSupport
import Testing

/// Where the results go: a document even when there is nothing to read, the format a file name
/// asks for, and one line saying what was written.
@Suite struct OutputFileTests {
    /// A folder with one file that is not CloudTrail: nothing to hunt over (exit 2).
    static func unreadable() -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("notes.txt", "not CloudTrail")
        return folder
    }

    static let noInput = "no readable input: none of the 1 file found could be read (see the ingest report)"

    @Test("no readable input, --format json: the document anyway (error, empty findings, the whole ingest report), exit 2, one error line")
    func jsonWithoutInput() throws {
        let input = Self.unreadable()
        for command in [["hunt", "-q", "--format", "json", input.path],
                        ["aql", "-q", "--format", "json", "SELECT COUNT(*) AS n FROM events LAST 1 HOURS", input.path]] {
            let output = try SkuaBinary.run(command)
            #expect(output.status == 2)
            #expect(output.standardError == "Error: \(Self.noInput)\n")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
            #expect(document["error"] as? String == Self.noInput)
            #expect((document["findings"] as? [Any])?.isEmpty == true)
            let ingest = try #require(document["ingest"] as? [String: Any])
            let files = try #require(ingest["files"] as? [String: Any])
            #expect(files["discovered"] as? Int == 1 && files["failed"] as? Int == 1)
            let issues = try #require(ingest["issues"] as? [[String: Any]])
            #expect(issues.map { $0["file"] as? String } == [input.path + "/notes.txt"])
        }
    }

    @Test("no readable input with -o FILE: the file is created; jsonl holds no line, csv its header row; the ingest report is on standard error")
    func dataFormatsWithoutInput() throws {
        let input = Self.unreadable()
        let out = TemporaryFolder()
        let json = try SkuaBinary.run(["hunt", "-q", "--format", "json", "-o", out.path + "/f.json", input.path])
        #expect(json.status == 2)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out.path + "/f.json"))) as? [String: Any])
        #expect(document["error"] as? String == Self.noInput)

        let lines = try SkuaBinary.run(["hunt", "-q", "--format", "jsonl", "-o", out.path + "/f.jsonl", input.path])
        #expect(lines.status == 2)
        #expect(try String(contentsOfFile: out.path + "/f.jsonl", encoding: .utf8) == "")
        #expect(lines.standardError.contains("\nIngest report\n"))
        #expect(lines.standardError.hasSuffix("\nError: \(Self.noInput)\n"))

        let csv = try SkuaBinary.run(["aql", "-q", "--format", "csv", "SELECT \"EventName\" AS name, COUNT(*) AS n FROM events GROUP BY \"EventName\"", input.path])
        #expect(csv.status == 2)
        #expect(csv.standardOutput == "name,n\r\n")
        #expect(csv.standardError.hasSuffix("\nError: \(Self.noInput)\n"))
    }

    @Test("no files at all under the paths: the same document, with that reason")
    func emptyFolder() throws {
        let empty = TemporaryFolder()
        let output = try SkuaBinary.run(["hunt", "-q", "--format", "json", empty.path])
        #expect(output.status == 2)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(document["error"] as? String == "no readable input: no files found under the paths given")
        #expect(output.standardError == "Error: no readable input: no files found under the paths given\n")
    }

    struct InferenceCase: CustomTestStringConvertible, Sendable {
        var file: String
        var options: [String] = []
        var format: String
        var note: String
        var testDescription: String { file + (options.isEmpty ? "" : " " + options.joined(separator: " ")) }
    }

    @Test("without --format the -o file's extension chooses the format; one line on standard error says what was written", arguments: [
        InferenceCase(file: "findings.json", format: "json", note: " (json, from the file's extension)"),
        InferenceCase(file: "findings.JSONL", format: "jsonl", note: " (jsonl, from the file's extension)"),
        InferenceCase(file: "findings.ndjson", format: "jsonl", note: " (jsonl, from the file's extension)"),
        InferenceCase(file: "findings.csv", format: "csv", note: " (csv, from the file's extension)"),
        InferenceCase(file: "findings.txt", format: "table", note: ""),
        InferenceCase(file: "findings", format: "table", note: ""),
        InferenceCase(file: "findings.json", options: ["--format", "csv"], format: "csv", note: ""),
    ])
    func inferredFormat(_ example: InferenceCase) throws {
        let input = TemporaryFolder()
        input.write("events.jsonl", CommandLineTests.burst.joined(separator: "\n") + "\n")
        let out = TemporaryFolder()
        let target = out.path + "/" + example.file
        let output = try SkuaBinary.run(["hunt"] + example.options + ["-o", target, input.path])
        #expect(output.status == 1)
        let text = try String(contentsOfFile: target, encoding: .utf8)
        switch example.format {
        case "json":
            let document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            #expect((document?["findings"] as? [Any])?.count == 2)
        case "jsonl":
            #expect(text.split(separator: "\n").count == 2)
            #expect(text.hasPrefix("{\"rule_id\":\"t1496.004-published\""))
        case "csv":
            #expect(text.hasPrefix("rule_id,rule_title,"))
        default:
            #expect(text.hasPrefix("skua hunt  (skua "))
        }
        // Two findings: the published rule's and the tuned rule's (no allowlist given).
        let wrote = "wrote 2 findings to \(target)\(example.note)\n"
        if example.format == "table" || example.format == "json" {
            #expect(output.standardError == wrote)
        } else {
            #expect(output.standardError.hasSuffix("\n" + wrote))
        }
        #expect(output.standardOutput.isEmpty)
    }

    @Test("--quiet leaves out the 'wrote' line; aql counts rows")
    func wroteLine() throws {
        let input = TemporaryFolder()
        input.write("events.jsonl", CommandLineTests.burst.joined(separator: "\n") + "\n")
        let out = TemporaryFolder()
        let quiet = try SkuaBinary.run(["hunt", "-q", "-o", out.path + "/a.json", input.path])
        #expect(quiet.standardError.isEmpty)
        let rows = try SkuaBinary.run(["aql", "-o", out.path + "/b.json", "SELECT COUNT(*) AS n FROM events", input.path])
        #expect(rows.standardError == "wrote 1 row to \(out.path)/b.json (json, from the file's extension)\n")
    }
}
