import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// The command line as a user meets it: help, errors, exit codes, formats.
@Suite struct CommandLineTests {
    struct UsageCase: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var message: String
        var testDescription: String
    }

    @Test("usage errors: a one-line reason, the usage, exit 2", arguments: [
        UsageCase(arguments: ["hunt"], message: "Error: missing expected argument '<path> ...'", testDescription: "hunt without a path"),
        UsageCase(arguments: ["hunt", "--frmat", "json", "x"], message: "Error: unknown option '--frmat'; did you mean '--format'?", testDescription: "misspelt option"),
        UsageCase(arguments: ["hunt", "--format", "xml", "x"], message: "Error: 'xml' is not a valid value for '--format'; use one of: table, json, jsonl, csv", testDescription: "bad format"),
        UsageCase(arguments: ["hunt", "x", "--format"], message: "Error: missing value for '--format <format>'", testDescription: "option without a value"),
        UsageCase(arguments: ["hunt", "--since", "yesterday", "x"], message: "Error: --since 'yesterday' is not a time: use RFC 3339 (2026-01-05T10:00:00Z), a date and time (2026-01-05 10:00, in the --timezone zone), a date (2026-01-05) or epoch milliseconds", testDescription: "bad time"),
        UsageCase(arguments: ["hunt", "--workers", "0", "x"], message: "Error: --workers takes a number from 1 to 512", testDescription: "zero workers"),
        UsageCase(arguments: ["hunt", "--timezone", "Mars/Olympus", "x"], message: "Error: unknown time zone 'Mars/Olympus': use an IANA name such as UTC or America/New_York", testDescription: "bad zone"),
        UsageCase(arguments: ["aql"], message: "Error: missing expected argument '<query>' (or --file)", testDescription: "aql without a query"),
        UsageCase(arguments: ["aql", "SELECT * FROM events"], message: "Error: missing expected argument '<path> ...'", testDescription: "aql without a path"),
        UsageCase(arguments: ["hunt", "--property", "foo", "x"],
                  message: "Error: --property: \"foo\" is not NAME=JSONPATH (for example Bucket=requestParameters.bucketName)",
                  testDescription: "--property without '=': the option named once"),
        UsageCase(arguments: ["hnt", "x"], message: "Error: unknown subcommand 'hnt'; did you mean 'hunt'?", testDescription: "misspelt subcommand"),
    ])
    func usageErrors(_ example: UsageCase) throws {
        let output = try SkuaBinary.run(example.arguments)
        #expect(output.status == 2)
        let lines = output.standardError.split(separator: "\n").map(String.init)
        #expect(lines.first == example.message)
        #expect(lines.count >= 2 && lines[1].hasPrefix("Usage: skua"))
        #expect(output.standardOutput.isEmpty)
    }

    @Test("help: overview, usage, arguments, options, examples; the same from 'help CMD' and 'CMD --help'", arguments: ["hunt", "aql"])
    func help(_ command: String) throws {
        let viaHelp = try SkuaBinary.run(["help", command])
        let viaFlag = try SkuaBinary.run([command, "--help"])
        #expect(viaHelp.status == 0 && viaFlag.status == 0)
        #expect(viaHelp.standardOutput == viaFlag.standardOutput)
        for heading in ["OVERVIEW:", "USAGE: skua \(command)", "ARGUMENTS:", "OPTIONS:", "EXAMPLES:", "--format", "EXIT STATUS:"] {
            #expect(viaHelp.standardOutput.contains(heading), "\(heading) missing from help for \(command)")
        }
    }

    @Test("root help lists the subcommands; version prints the version")
    func rootHelpAndVersion() throws {
        let help = try SkuaBinary.run(["--help"])
        #expect(help.status == 0)
        for name in ["hunt", "aql", "simulate", "validate", "version", "help"] { #expect(help.standardOutput.contains("  \(name)")) }
        let version = try SkuaBinary.run(["version"])
        #expect(version.status == 0 && version.standardOutput.hasPrefix("skua "))
    }

    func folder(_ lines: [String]) -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("events.jsonl", lines.joined(separator: "\n") + "\n")
        return folder
    }

    static let mallory = CloudTrailJSON.Caller.user("mallory")
    static let quiet = CloudTrailJSON.burst(count: 3, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish", caller: mallory)
    static let burst = CloudTrailJSON.burst(count: 201, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish", caller: mallory)

    @Test("exit status: 0 clean, 1 findings, 3 input problems only, 4 both, 2 no readable input")
    func exitStatus() throws {
        let clean = folder(CommandLineTests.quiet)
        #expect(try SkuaBinary.run(["hunt", "-q", clean.path]).status == 0)
        let findings = folder(CommandLineTests.burst)
        #expect(try SkuaBinary.run(["hunt", "-q", findings.path]).status == 1)
        let damaged = folder(CommandLineTests.quiet + ["{\"eventSource\": broken"])
        #expect(try SkuaBinary.run(["hunt", "-q", damaged.path]).status == 3)
        let both = folder(CommandLineTests.burst + ["{\"eventSource\": broken"])
        #expect(try SkuaBinary.run(["hunt", "-q", both.path]).status == 4)
        let nothing = TemporaryFolder()
        nothing.write("notes.txt", "not CloudTrail")
        let unreadable = try SkuaBinary.run(["hunt", "-q", nothing.path])
        #expect(unreadable.status == 2)
        #expect(unreadable.standardError.hasSuffix("Error: no readable input: none of the 1 file found could be read (see the ingest report)\n"))
        #expect(try SkuaBinary.run(["hunt", "-q", "/nonexistent/path"]).status == 2)
    }

    @Test("a truncated gzip alone: the records before the cut are hunted (exit 4), and the report says the file was cut")
    func truncatedGzipAlone() throws {
        let folder = TemporaryFolder()
        // 300 SNS Publish records, over the published threshold of 200 even after losing a quarter.
        let lines = CloudTrailJSON.burst(count: 300, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish",
                                         caller: CommandLineTests.mallory)
        let compressed = GzipEncoder.compress(Array(("{\"Records\":[" + lines.joined(separator: ",") + "]}").utf8))
        let path = folder.write("cut.json.gz", Array(compressed.prefix(compressed.count * 3 / 4)))
        for command in [["hunt", "-q", "--format", "json", path],
                        ["aql", "-q", "--format", "json", "SELECT COUNT(*) AS n FROM events", path]] {
            let output = try SkuaBinary.run(command)
            #expect(output.status == 4, "\(command[0]): \(output.standardError)")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
            let findings = try #require(document["findings"] as? [[String: Any]])
            #expect(!findings.isEmpty, "\(command[0])")
            let files = try #require((document["ingest"] as? [String: Any])?["files"] as? [String: Any])
            #expect(files["failed"] as? Int == 1)
            #expect(files["failed_with_records_kept"] as? Int == 1)
        }
    }

    @Test("input that holds no CloudTrail record at all is not a clean run: exit 2", arguments: ["empty stdin", "digests only"])
    func nothingToHunt(_ kind: String) throws {
        let folder = TemporaryFolder()
        folder.write("AWSLogs/1/CloudTrail-Digest/us-east-1/2026/01/05/d.json.gz", "{}")
        folder.write("other/digest.json", #"{"awsAccountId":"1","digestStartTime":"2026-01-05T00:00:00Z","logFiles":[]}"#)
        let output = kind == "empty stdin" ? try SkuaBinary.run(["hunt", "-q", "-"], input: "")
            : try SkuaBinary.run(["hunt", "-q", folder.path])
        #expect(output.status == 2)
        #expect(output.standardError.contains("Error: no readable input: no CloudTrail records in"))
    }

    @Test("aql: every returned row is a finding; no rows is clean")
    func aqlExitStatus() throws {
        let input = folder(CommandLineTests.quiet)
        #expect(try SkuaBinary.run(["aql", "-q", "SELECT COUNT(*) FROM events", input.path]).status == 1)
        #expect(try SkuaBinary.run(["aql", "-q", "SELECT * FROM events WHERE \"EventName\" = 'Nothing'", input.path]).status == 0)
    }

    @Test("a syntax error shows line:column, the line and a caret, and exits 2")
    func syntaxError() throws {
        let input = folder(CommandLineTests.quiet)
        let output = try SkuaBinary.run(["aql", "SELECT COUNT(*\nFROM events", input.path])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("query:2:1: error: expected ',' or ')' to close COUNT(, found FROM\nFROM events\n^^^^"))
    }

    @Test("jsonl: findings on standard output, header and ingest report on standard error")
    func jsonLines() throws {
        let input = folder(CommandLineTests.burst)
        let output = try SkuaBinary.run(["hunt", "-q", "--format", "jsonl", input.path])
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)   // the published rule and the tuned one (no allowlists given)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect((object?["EventCount"] as? NSNumber)?.intValue == 201)
        }
        #expect(output.standardError.contains("Ingest report"))
        #expect(output.standardError.contains("skua hunt"))
    }

    @Test("--output writes the file; piped output has no colour")
    func outputFile() throws {
        let input = folder(CommandLineTests.burst)
        let target = input.path + "/findings.csv"
        let output = try SkuaBinary.run(["hunt", "-q", "--format", "csv", "-o", target, input.path])
        #expect(output.status == 1)
        #expect(output.standardOutput.isEmpty)
        let csv = try String(contentsOfFile: target, encoding: .utf8)
        #expect(csv.components(separatedBy: "\r\n").count == 4)   // header, two findings, final empty
        let table = try SkuaBinary.run(["hunt", "-q", input.path])
        #expect(!table.standardOutput.contains("\u{1B}["))
    }

    @Test("aql defaults now to the newest event and says so; --now far ahead leaves events out with a notice")
    func aqlNow() throws {
        let input = folder(CommandLineTests.burst)
        let query = "SELECT COUNT(*) AS n FROM events LAST 1 HOURS"
        let byDefault = try SkuaBinary.run(["aql", "-q", "--format", "json", query, input.path])
        let document = try JSONSerialization.jsonObject(with: Data(byDefault.standardOutput.utf8)) as? [String: Any]
        let header = document?["header"] as? [String: Any]
        // 201 events one second apart from 10:00:00: the newest is 10:03:20.
        #expect(header?["now"] as? String == "2026-01-05T10:03:20Z")
        #expect(header?["now_source"] as? String == "the newest event in the input")
        #expect(((document?["findings"] as? [[String: Any]])?.first?["n"] as? NSNumber)?.intValue == 201)

        let later = try SkuaBinary.run(["aql", "-q", "--now", "2026-01-06T00:00:00Z", query, input.path])
        #expect(later.standardOutput.contains("left out 201 of 201 events"))
        #expect(later.standardOutput.contains("--now 2026-01-05T10:03:20Z"))
    }

    @Test("standard input is read with '-', also when aql needs two passes")
    func standardInput() throws {
        let output = try SkuaBinary.run(["aql", "-q", "SELECT COUNT(*) AS n FROM events LAST 10 MINUTES", "-"],
                                        input: CommandLineTests.burst.joined(separator: "\n"))
        #expect(output.status == 1)
        #expect(output.standardOutput.contains("201"))
    }
}

/// Hostile names and values on their way to a terminal or a CSV file, through the binary.
@Suite struct HostileTextTests {
    @Test("a file whose name holds an escape sequence and a line break is named as it is in the ingest report")
    func hostileFileName() throws {
        let folder = TemporaryFolder()
        folder.write("events.jsonl", CommandLineTests.quiet.joined(separator: "\n") + "\n")
        folder.write("evil\u{1B}[31mname\nfake line.json", "not CloudTrail")
        let output = try SkuaBinary.run(["hunt", "-q", folder.path])
        #expect(output.status == 3)
        #expect(output.standardOutput.contains("/evil" + #"\u{1b}[31mname\u{a}fake line.json  unreadable-file"#))
        #expect(!output.standardOutput.contains("\u{1B}"))
    }

    @Test("CSV on standard output carries no escape sequence, bare CR or BEL from a hostile value")
    func hostileCSV() throws {
        let folder = TemporaryFolder()
        // 201 publishes whose user agent sets the window title, recolours, and hides text with a CR.
        let agent = "\u{1B}]0;owned\u{07}\u{1B}[31mred\rgone"
        let lines = (0..<201).map { index in
            CloudTrailJSON.record(time: EventTime.rfc3339(EventTime.parse("2026-01-05T10:00:00Z")! + Int64(index) * 1000),
                                  source: "sns.amazonaws.com", name: "Publish", caller: CommandLineTests.mallory, userAgent: agent)
        }
        folder.write("events.jsonl", lines.joined(separator: "\n") + "\n")
        let query = "SELECT \"UserAgent\" AS agent, COUNT(*) AS n FROM events GROUP BY \"UserAgent\""
        let output = try SkuaBinary.run(["aql", "-q", "--format", "csv", query, folder.path])
        #expect(output.status == 1)
        #expect(output.standardOutput == "agent,n\r\n" + #"\u{1b}]0;owned\u{7}\u{1b}[31mred\u{d}gone"# + ",201\r\n")
    }
}
