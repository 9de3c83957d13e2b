import Foundation
import SkuaTestSupport
import Testing

/// What `skua` writes when a person is watching: colour and the progress line, checked on a real
/// pseudo-terminal, and their absence on pipes and files.
@Suite struct TerminalOutputTests {
    static let escape = "\u{1B}"
    static let burst = CloudTrailJSON.burst(count: 201, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com",
                                            name: "Publish", caller: .user("mallory"))

    static func input() -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("events.jsonl", burst.joined(separator: "\n") + "\n")
        return folder
    }

    struct ColourCase: CustomTestStringConvertible, Sendable {
        var noColor: String?
        var coloured: Bool
        var testDescription: String
    }

    static let colourCases = [
        ColourCase(noColor: nil, coloured: true, testDescription: "NO_COLOR unset"),
        ColourCase(noColor: "1", coloured: false, testDescription: "NO_COLOR=1"),
        ColourCase(noColor: "", coloured: true, testDescription: "NO_COLOR empty (does not count, as no-color.org says)"),
    ]

    @Test("the table on a terminal is coloured unless NO_COLOR is set", arguments: colourCases)
    func tableOnTerminal(_ example: ColourCase) throws {
        let folder = Self.input()
        let output = try PseudoTerminal.run(["hunt", "-q", folder.path], standardOutput: .terminal, standardError: .file,
                                            environment: ["NO_COLOR": example.noColor])
        #expect(output.status == 1)
        if example.coloured {
            // The title in bold (ESC[1m … ESC[0m), a rule with findings in red (ESC[31m).
            #expect(output.transcript.hasPrefix("\u{1B}[1mskua hunt\u{1B}[0m"))
            #expect(output.transcript.contains("\u{1B}[31m1 finding (201 of 201 events passed WHERE)\u{1B}[0m"))
        } else {
            #expect(!output.transcript.contains(Self.escape))
            #expect(output.transcript.hasPrefix("skua hunt  (skua "))
            #expect(output.transcript.contains("  1 finding (201 of 201 events passed WHERE)\n"))
        }
    }

    @Test("jsonl on a terminal: the side text on standard error is coloured unless NO_COLOR is set; the data never is",
          arguments: colourCases)
    func sideTextOnTerminal(_ example: ColourCase) throws {
        let folder = Self.input()
        let output = try PseudoTerminal.run(["hunt", "-q", "--format", "jsonl", folder.path], standardOutput: .file,
                                            standardError: .terminal, environment: ["NO_COLOR": example.noColor])
        #expect(output.status == 1)
        #expect(!output.standardOutput.contains(Self.escape))
        #expect(output.standardOutput.split(separator: "\n").count == 2)
        if example.coloured {
            #expect(output.transcript.contains("\u{1B}[1mIngest report\u{1B}[0m"))
        } else {
            #expect(!output.transcript.contains(Self.escape))
            #expect(output.transcript.contains("\nIngest report\n"))
        }
    }

    @Test("no colour when standard output is a pipe or a file, even with a terminal beside it")
    func noColourOffTerminal() throws {
        let folder = Self.input()
        let piped = try PseudoTerminal.run(["hunt", "-q", folder.path], standardOutput: .file, standardError: .terminal)
        #expect(piped.status == 1)
        #expect(piped.standardOutput.hasPrefix("skua hunt  (skua "))
        #expect(!piped.standardOutput.contains(Self.escape))

        let target = folder.path + "/findings.txt"
        let written = try PseudoTerminal.run(["hunt", "-q", "-o", target, folder.path], standardOutput: .terminal, standardError: .terminal)
        #expect(written.status == 1)
        let file = try String(contentsOfFile: target, encoding: .utf8)
        #expect(file.hasPrefix("skua hunt  (skua "))
        #expect(!file.contains(Self.escape))
        #expect(written.transcript.isEmpty)
    }

    struct ProgressCase: CustomTestStringConvertible, Sendable {
        var quiet: Bool
        var standardError: PseudoTerminal.Stream
        var shown: Bool
        var testDescription: String
    }

    /// Feeds the burst on standard input and holds it open for three seconds, so the run lasts
    /// longer than the progress line's one-second delay (the time is a floor for the run, not
    /// something the test measures).
    static func slowFeed(_ handle: FileHandle) {
        handle.write(Data((burst.joined(separator: "\n") + "\n").utf8))
        Thread.sleep(forTimeInterval: 3)
    }

    @Test("a run longer than a second draws a progress line on standard error, clears it at the end; not with --quiet or off a terminal",
          arguments: [
              ProgressCase(quiet: false, standardError: .terminal, shown: true, testDescription: "terminal"),
              ProgressCase(quiet: true, standardError: .terminal, shown: false, testDescription: "terminal, --quiet"),
              ProgressCase(quiet: false, standardError: .file, shown: false, testDescription: "standard error to a file"),
          ])
    func progressLine(_ example: ProgressCase) throws {
        try progressLine(example, command: ["hunt"])
    }

    @Test("aql draws the same progress line (with --now it reads the input once)")
    func aqlProgressLine() throws {
        try progressLine(ProgressCase(quiet: false, standardError: .terminal, shown: true, testDescription: "terminal"),
                         command: ["aql", "SELECT COUNT(*) AS n FROM events LAST 1 HOURS"], findings: 1)
    }

    func progressLine(_ example: ProgressCase, command: [String], findings: Int = 2) throws {
        let arguments = command + ["--format", "json", "--now", "2026-01-06T00:00:00Z"] + (example.quiet ? ["-q"] : []) + ["-"]
        let output = try PseudoTerminal.run(arguments, standardOutput: .file, standardError: example.standardError, feed: Self.slowFeed)
        #expect(output.status == 1)
        // The data is whole whatever the progress line did.
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect((document["findings"] as? [Any])?.count == findings)

        let stderr = example.standardError == .terminal ? output.transcript : output.standardError
        if example.shown {
            // Each draw returns to the line's start and erases it (CR, ESC[2K); the run ends
            // with an erase, so nothing is left on screen.
            let clear = "\r\u{1B}[2K"
            #expect(stderr.hasPrefix(clear + "files 0/1 · "))
            #expect(stderr.hasSuffix(clear))
            let draws = stderr.components(separatedBy: clear).filter { !$0.isEmpty }
            #expect(!draws.isEmpty)
            // Standard input has no known size: files, megabytes and rate, no total, no ETA, and
            // not "(on disk)".
            let form = #/files [01]/1 · \d+\.\d MB · \d+ MB/s/#
            for draw in draws {
                #expect(try form.wholeMatch(in: draw) != nil, "\(draw.debugDescription)")
            }
        } else {
            #expect(!stderr.contains("files "))
            #expect(!stderr.contains("MB/s"))
            #expect(!stderr.contains(Self.escape))
        }
    }
}
