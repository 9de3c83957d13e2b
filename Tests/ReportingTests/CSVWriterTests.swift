import AQL
import CloudTrail
import Detection
import Foundation
import Reporting
import Testing

/// `--format csv` over a hand-built aql report: formula neutralisation of text cells, numbers
/// left alone, RFC 4180 quoting, CRLF line ends.
@Suite struct CSVWriterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var number: AQLValue
        var expected: String
        var testDescription: String
    }

    static func report(_ rows: [(String, AQLValue)]) -> RunReport {
        let columns = ["agent", "delta"]
        let findings = rows.map { text, number in
            Finding(rule: nil, columns: columns, values: [.string(text), number], firstEventTime: nil, lastEventTime: nil, eventCount: 1)
        }
        let section = RunReport.Section(rule: nil, columns: columns, findings: findings, window: "no time clause", replacedWindow: [],
                                        lint: [], warnings: [], statistics: AQLStatistics())
        return RunReport(command: .aql, version: "0.1.0", now: 0, nowSource: "--now", timeZone: "UTC", sections: [section],
                         ingest: IngestReport())
    }

    /// Each row of a two-column CSV: a text cell, then a numeric one.
    @Test("a text cell starting with = + - @ tab or CR gets a leading ' ; numbers never do; RFC 4180 quoting", arguments: [
        Case(text: "=HYPERLINK(\"http://evil.example\",\"x\")", number: .integer(-3),
             expected: "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",-3",
             testDescription: "= formula with quotes and a comma: neutralised, then quoted with quotes doubled"),
        Case(text: "+1+1", number: .decimal(-2.5), expected: "'+1+1,-2.5", testDescription: "+ and a negative decimal"),
        Case(text: "-2+3", number: .integer(-1), expected: "'-2+3,-1", testDescription: "- in text, a negative integer left a number"),
        Case(text: "-5", number: .integer(-5), expected: "'-5,-5", testDescription: "the same '-5' as text and as a number"),
        Case(text: "@SUM(A1:A9)", number: .integer(0), expected: "'@SUM(A1:A9),0", testDescription: "@"),
        Case(text: "\tcmd", number: .null, expected: "'\tcmd,", testDescription: "tab; NULL is an empty cell"),
        // A bare CR is neutralised (it starts the cell) and, as it is not part of a CR LF line
        // end, written out: nothing left to quote.
        Case(text: "\rcmd", number: .integer(7), expected: #"'\u{d}cmd,7"#, testDescription: "CR: neutralised and written out"),
        Case(text: "a=b", number: .integer(1), expected: "a=b,1", testDescription: "= later in the cell is harmless"),
        Case(text: "Mozilla/5.0 (X11, Linux)", number: .integer(2), expected: "\"Mozilla/5.0 (X11, Linux)\",2", testDescription: "comma"),
        Case(text: "say \"hi\"", number: .integer(3), expected: "\"say \"\"hi\"\"\",3", testDescription: "quotes"),
        Case(text: "two\nlines", number: .integer(4), expected: "\"two\nlines\",4", testDescription: "LF"),
        Case(text: "crlf\r\nend", number: .integer(5), expected: "\"crlf\r\nend\",5", testDescription: "CRLF inside a cell"),
        Case(text: "", number: .boolean(true), expected: ",true", testDescription: "empty text, a boolean"),
    ])
    func row(_ example: Case) {
        let text = CSVWriter.write(Self.report([(example.text, example.number)]))
        #expect(text == "agent,delta\r\n" + example.expected + "\r\n")
    }

    @Test("no cell can drive a terminal: control characters other than tab, LF and CR LF are written out as \\u{…}", arguments: [
        Case(text: "\u{1B}]0;pwned\u{07}ok", number: .integer(1), expected: #"\u{1b}]0;pwned\u{7}ok,1"#,
             testDescription: "OSC window title: ESC and BEL written out"),
        Case(text: "a\u{1B}[31m,b", number: .integer(2), expected: #""a\u{1b}[31m,b",2"#,
             testDescription: "CSI colour, then a comma: written out, then quoted"),
        Case(text: "ok\rEVIL", number: .integer(3), expected: #"ok\u{d}EVIL,3"#,
             testDescription: "a bare CR inside a cell would let EVIL overwrite ok on screen"),
        Case(text: "x\u{9B}2Jy", number: .integer(4), expected: #"x\u{9b}2Jy,4"#, testDescription: "C1 CSI"),
        Case(text: "a\u{00}b\u{7F}", number: .integer(5), expected: #"a\u{0}b\u{7f},5"#, testDescription: "NUL and DEL"),
        Case(text: "user\u{202E}gnp.exe", number: .integer(6), expected: #"user\u{202e}gnp.exe,6"#,
             testDescription: "bidi override (Trojan Source)"),
        Case(text: "=\u{1B}[2J", number: .integer(7), expected: #"'=\u{1b}[2J,7"#,
             testDescription: "a formula that clears the screen: neutralised and written out"),
        Case(text: "a\tb", number: .integer(8), expected: "a\tb,8", testDescription: "a tab inside a cell stays"),
        Case(text: "one\r\ntwo\nthree", number: .integer(9), expected: "\"one\r\ntwo\nthree\",9",
             testDescription: "CR LF and LF stay, quoted"),
    ])
    func controlCharacters(_ example: Case) {
        let text = CSVWriter.write(Self.report([(example.text, example.number)]))
        #expect(text == "agent,delta\r\n" + example.expected + "\r\n")
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E })
    }

    @Test("one header row, then one CRLF-terminated row per finding, in order")
    func rows() {
        let text = CSVWriter.write(Self.report([("first", .integer(1)), ("-second", .integer(-2)), ("third,3", .decimal(3.5))]))
        #expect(text == "agent,delta\r\nfirst,1\r\n'-second,-2\r\n\"third,3\",3.5\r\n")
    }
}
