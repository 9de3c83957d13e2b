import Reporting
import Testing

/// Attacker-controlled text on its way out: one escaping rule per format.
@Suite struct TerminalTextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        var expected: String
        var testDescription: String
    }

    @Test("strips control characters and escape sequences", arguments: [
        Case(input: "plain aws-cli/2.0", expected: "plain aws-cli/2.0", testDescription: "plain text is kept"),
        Case(input: "red\u{1B}[31mALERT\u{1B}[0m", expected: "redALERT", testDescription: "CSI colour sequences"),
        Case(input: "a\u{1B}[2J\u{1B}[Hb", expected: "ab", testDescription: "clear screen and cursor home"),
        Case(input: "t\u{1B}]0;owned\u{07}x", expected: "tx", testDescription: "OSC window title ended by BEL"),
        Case(input: "t\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\", expected: "tlink", testDescription: "OSC 8 hyperlink ended by ST"),
        Case(input: "x\u{9B}31my", expected: "xy", testDescription: "C1 CSI"),
        Case(input: "bell\u{07}null\u{00}del\u{7F}", expected: "bellnulldel", testDescription: "BEL, NUL, DEL"),
        Case(input: "line1\nline2\tcol\rend", expected: "line1 line2 col end", testDescription: "newline, tab, CR become spaces"),
        Case(input: "user\u{202E}gnp.exe", expected: "usergnp.exe", testDescription: "bidi override (Trojan Source)"),
        Case(input: "a\u{2066}b\u{2069}c", expected: "abc", testDescription: "bidi isolates"),
        Case(input: "café ☕ 日本", expected: "café ☕ 日本", testDescription: "ordinary Unicode is kept"),
    ])
    func sanitize(_ example: Case) {
        #expect(TerminalText.sanitize(example.input) == example.expected)
    }

    @Test("shortens in the middle, keeping the telling end")
    func shorten() {
        let arn = "arn:aws:sts::111122223333:assumed-role/ml-pipeline/run-42"   // 56 characters
        // Width 30: one ellipsis, two thirds of the other 29 (19) for the end, 10 for the start.
        #expect(TerminalText.shortenMiddle(arn, to: 30) == "arn:aws:st…/ml-pipeline/run-42")
        #expect(TerminalText.shortenMiddle("short", to: 30) == "short")
    }

    @Test("shortens an ARN in its resource, keeping arn:partition:service:region:account: whole")
    func shortenARN() {
        // 48 characters: the head 'arn:aws:iam::381492761055:' (26) and 'user/smtp-relay-legacy' (22).
        let arn = "arn:aws:iam::381492761055:user/smtp-relay-legacy"
        // Width 44 leaves 18 for the resource: (18 - 1) * 2 / 3 = 11 of its end, 6 of its start.
        #expect(TerminalText.shortenARN(arn, to: 44) == "arn:aws:iam::381492761055:user/s…elay-legacy")
        #expect(TerminalText.shortenARN(arn, to: 48) == arn)
        // Too narrow for the head and four characters of resource: the middle goes.
        #expect(TerminalText.shortenARN(arn, to: 20) == "arn:aws…relay-legacy")
        #expect(TerminalText.shortenARN("not-an-arn-but-long-text", to: 10) == "not…g-text")
        #expect(TerminalText.arnHead("arn:aws-us-gov:s3:::bucket/key") == "arn:aws-us-gov:s3:::")
        #expect(TerminalText.shortenEnd("SMS Pumping or Bulk Spam", to: 16) == "SMS Pumping or…")
    }
}

@Suite struct CSVFieldTests {
    @Test("RFC 4180 quoting and formula neutralisation", arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", #"'\u{d}cmd"#),
        ("\u{1B}[2J", #"\u{1b}[2J"#),
        ("a=b", "a=b"),
    ])
    func text(_ input: String, _ expected: String) {
        #expect(CSVField.text(input) == expected)
    }

    @Test("numbers are never neutralised")
    func numbers() {
        #expect(CSVField.plain("-5") == "-5")
    }
}

@Suite struct VisibleTextTests {
    @Test("control characters and bidi controls are written out as \\u{hex}; everything else stays", arguments: [
        ("plain café ☕", "plain café ☕"),
        ("evil\u{1B}[31mname\nfake line.json", #"evil\u{1b}[31mname\u{a}fake line.json"#),
        ("t\u{1B}]0;owned\u{07}", #"t\u{1b}]0;owned\u{7}"#),
        ("\u{00}\u{7F}\u{85}\u{9B}", #"\u{0}\u{7f}\u{85}\u{9b}"#),
        ("a\tb\rc", #"a\u{9}b\u{d}c"#),
        ("user\u{202E}gnp.exe\u{2066}", #"user\u{202e}gnp.exe\u{2066}"#),
        (#"back\slash"#, #"back\slash"#),
    ])
    func escaped(_ input: String, _ expected: String) {
        #expect(VisibleText.escaped(input) == expected)
    }
}

@Suite struct JSONTextTests {
    @Test("escapes quotes, backslashes, controls, and U+2028/2029", arguments: [
        ("plain", "\"plain\""),
        ("q\"b\\", "\"q\\\"b\\\\\""),
        ("a\nb\tc", "\"a\\nb\\tc\""),
        ("\u{1B}[31m", "\"\\u001b[31m\""),
        ("\u{00}", "\"\\u0000\""),
        ("x\u{2028}y", "\"x\\u2028y\""),
        ("é😀", "\"é😀\""),
    ])
    func escape(_ input: String, _ expected: String) {
        #expect(JSONText.quoted(input) == expected)
    }

    @Test("objects keep key order; numbers are JSON numbers")
    func objects() {
        let value = JSONValue.object([("z", .integer(1)), ("a", .double(2.5)), ("n", .null), ("b", .bool(true)), ("l", .array([.string("x")]))])
        #expect(value.text() == #"{"z":1,"a":2.5,"n":null,"b":true,"l":["x"]}"#)
        #expect(JSONValue.double(.nan).text() == "null")
        #expect(JSONValue.double(3).text() == "3.0")
    }
}

@Suite struct NameSuggestionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var typed: String
        var candidates: [String]
        var expected: String?
        var testDescription: String
    }

    static let subcommands = ["hunt", "aql", "simulate", "validate", "version", "help"]

    @Test("offers a name only when it is plausibly what was meant", arguments: [
        Case(typed: "hnt", candidates: subcommands, expected: "hunt", testDescription: "1 edit in 3 letters"),
        Case(typed: "validat", candidates: subcommands, expected: "validate", testDescription: "a letter missing"),
        Case(typed: "frobnicate", candidates: subcommands, expected: nil, testDescription: "nothing near"),
        Case(typed: "-q", candidates: subcommands, expected: nil, testDescription: "2 edits from 'aql' in a 1-letter name"),
        Case(typed: "bogus", candidates: ["noise", "seed-ses-send"], expected: nil, testDescription: "4 edits in 5 letters"),
        Case(typed: "--frmat", candidates: ["--format", "--file"], expected: "--format", testDescription: "dashes do not count"),
        Case(typed: "allowedcallers", candidates: ["AllowedCallers", "AllowedRoles"], expected: "AllowedCallers",
             testDescription: "the same name in another case"),
        Case(typed: "AllowedRole", candidates: ["AllowedCallers", "AllowedRoles"], expected: "AllowedRoles", testDescription: "a letter short"),
        Case(typed: "--quite", candidates: ["--quiet", "--output"], expected: "--quiet", testDescription: "two letters swapped: one edit"),
        Case(typed: "Typo", candidates: ["AllowedCallers", "AllowedRoles"], expected: nil, testDescription: "another word"),
    ])
    func nearest(_ example: Case) {
        #expect(NameSuggestion.nearest(to: example.typed, among: example.candidates) == example.expected)
    }
}
