import Foundation
import SkuaTestSupport
import Testing

/// What a newcomer meets first: errors before any work, and help.
@Suite struct HelpAndErrorTests {
    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        /// The three lines on standard error: the reason, the usage, where to read more.
        var lines: [String]
        var testDescription: String
    }

    static let rootUsage = "Usage: skua <subcommand> [<options>]"
    static let rootMore = "  See 'skua help' for more information."

    @Test("errors before any work: the reason, the usage, and the help command to read, named whole", arguments: [
        ErrorCase(arguments: ["frobnicate"], lines: ["Error: unknown subcommand 'frobnicate'", rootUsage, rootMore],
                  testDescription: "an unknown subcommand, nothing near it"),
        ErrorCase(arguments: ["help", "bogus"], lines: ["Error: unknown subcommand 'bogus'", rootUsage, rootMore],
                  testDescription: "help for an unknown subcommand"),
        ErrorCase(arguments: ["validat"], lines: ["Error: unknown subcommand 'validat'; did you mean 'validate'?", rootUsage, rootMore],
                  testDescription: "one letter short: suggested"),
        ErrorCase(arguments: ["-q", "logs/"],
                  lines: ["Error: '-q' is an option of 'hunt' and 'aql': options go after the subcommand, as in 'skua hunt -q …'",
                          rootUsage, rootMore],
                  testDescription: "an option before the subcommand"),
        ErrorCase(arguments: ["--since=2026-01-05", "logs/"],
                  lines: ["Error: '--since' is an option of 'hunt': options go after the subcommand, as in 'skua hunt --since …'",
                          rootUsage, rootMore],
                  testDescription: "an option with its value before the subcommand"),
        ErrorCase(arguments: ["--bogus"],
                  lines: ["Error: unknown option '--bogus': skua's first argument is a subcommand (hunt, aql, simulate, validate, version, help)",
                          rootUsage, rootMore],
                  testDescription: "an option no subcommand has"),
        ErrorCase(arguments: ["hunt", "--quite", "x"],
                  lines: ["Error: unknown option '--quite'; did you mean '--quiet'?", "Usage: skua hunt [<options>] <path> ...",
                          "  See 'skua help hunt' for more information."],
                  testDescription: "a subcommand's error points to its own help"),
        ErrorCase(arguments: ["hunt", "--bogus", "x"],
                  lines: ["Error: unknown option '--bogus'", "Usage: skua hunt [<options>] <path> ...",
                          "  See 'skua help hunt' for more information."],
                  testDescription: "no option near '--bogus': no guess"),
        ErrorCase(arguments: ["simulate", "bogus", "--out", "/nonexistent/x"],
                  lines: ["Error: unknown scenario 'bogus' (see 'skua simulate --list')", "Usage: skua simulate [<options>] [<scenario> ...]",
                          "  See 'skua help simulate' for more information."],
                  testDescription: "a scenario four edits from 'noise' is not 'noise'"),
        ErrorCase(arguments: ["simulate", "bedrock-invoke-burst-scaleed", "--output", "/nonexistent/x"],
                  lines: ["Error: unknown scenario 'bedrock-invoke-burst-scaleed'; did you mean 'bedrock-invoke-burst-scaled'?",
                          "Usage: skua simulate [<options>] [<scenario> ...]", "  See 'skua help simulate' for more information."],
                  testDescription: "a long scenario id one letter off: suggested"),
        ErrorCase(arguments: ["aql", "--file"],
                  lines: ["Error: missing value for '--file <file>'", "Usage: skua aql [<options>] (<query> | --file <file>) <path> ...",
                          "  See 'skua help aql' for more information."],
                  testDescription: "aql's usage shows the query is an argument or --file"),
    ])
    func errors(_ example: ErrorCase) throws {
        let output = try SkuaBinary.run(example.arguments)
        #expect(output.status == 2)
        #expect(output.standardError.components(separatedBy: "\n") == example.lines + [""])
        #expect(output.standardOutput.isEmpty)
    }

    struct ExitCase: CustomTestStringConvertible, Sendable {
        var command: String
        var codes: [String]
        var testDescription: String { command }
    }

    /// The codes listed under EXIT STATUS, in order.
    static func exitCodes(_ help: String) throws -> [String] {
        let lines = help.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "EXIT STATUS:"))
        return lines[(start + 1)...].prefix { !$0.isEmpty }.compactMap { line in
            line.hasPrefix("  ") && !line.hasPrefix("     ") ? String(line.dropFirst(2).prefix { $0 != " " }) : nil
        }
    }

    @Test("help lists only the exit statuses the command can return", arguments: [
        ExitCase(command: "hunt", codes: ["0", "1", "2", "3", "4"]),
        ExitCase(command: "aql", codes: ["0", "1", "2", "3", "4"]),
        ExitCase(command: "simulate", codes: ["0", "2"]),
        ExitCase(command: "validate", codes: ["0", "2", "5"]),
    ])
    func exitStatuses(_ example: ExitCase) throws {
        let help = try SkuaBinary.run(["help", example.command])
        #expect(help.status == 0)
        #expect(try Self.exitCodes(help.standardOutput) == example.codes)
    }

    @Test("the discussion's paragraphs are separated by a blank line")
    func paragraphs() throws {
        let hunt = try SkuaBinary.run(["hunt", "--help"]).standardOutput
        // The first paragraph ends with "runs unchanged."; the second begins "Reads files".
        #expect(hunt.contains("runs unchanged.\n\nReads files and folders recursively"))
        let aql = try SkuaBinary.run(["aql", "--help"]).standardOutput
        #expect(aql.contains("counts as a finding for the exit status.\n\nThe query is either the first argument or the contents of --file"))
        #expect(aql.contains("\nUSAGE: skua aql [<options>] (<query> | --file <file>) <path> ...\n"))
    }

    @Test("every command with an output option takes both -o/--output and --out; help shows --output and names the alias")
    func outputSpellings() throws {
        let input = TemporaryFolder()
        input.write("events.jsonl", CommandLineTests.quiet.joined(separator: "\n") + "\n")
        for spelling in ["--out", "--output", "-o"] {
            let target = input.path + "/hunt\(spelling).txt"
            #expect(try SkuaBinary.run(["hunt", "-q", spelling, target, input.path + "/events.jsonl"]).status == 0)
            #expect(FileManager.default.fileExists(atPath: target), "hunt \(spelling)")
            let rows = input.path + "/aql\(spelling).txt"
            #expect(try SkuaBinary.run(["aql", "-q", spelling, rows, "SELECT COUNT(*) FROM events", input.path + "/events.jsonl"]).status == 1)
            #expect(FileManager.default.fileExists(atPath: rows), "aql \(spelling)")
            let folder = input.path + "/simulated\(spelling)"
            #expect(try SkuaBinary.run(["simulate", "noise", "--hours", "1", "--noise", "1", spelling, folder]).status == 0)
            #expect(FileManager.default.fileExists(atPath: folder + "/AWSLogs"), "simulate \(spelling)")
        }
        for command in ["hunt", "aql"] {
            #expect(try SkuaBinary.run(["help", command]).standardOutput.contains(
                "  -o, --output <file>     Write the results to a file instead of standard\n                          output. (also --out)\n"))
        }
        // The format follows -o's extension unless given, and help says so.
        #expect(try SkuaBinary.run(["help", "hunt"]).standardOutput.contains(
            "  -f, --format <format>   Output format. (values: table, json, jsonl, csv)\n"
                + "                          (default: table, or what the -o file's extension\n"
                + "                          names: .json, .jsonl/.ndjson, .csv)\n"))
        #expect(try SkuaBinary.run(["help", "simulate"]).standardOutput.contains(
            "  -o, --output <folder>   Folder to write into (created when missing). (also\n                          --out)\n"))
    }
}
