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
        Case(text: "\rcmd", number: .integer(7), expected: "\"'\rcmd\",7", testDescription: "CR: neutralised and quoted"),
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

    @Test("one header row, then one CRLF-terminated row per finding, in order")
    func rows() {
        let text = CSVWriter.write(Self.report([("first", .integer(1)), ("-second", .integer(-2)), ("third,3", .decimal(3.5))]))
        #expect(text == "agent,delta\r\nfirst,1\r\n'-second,-2\r\n\"third,3\",3.5\r\n")
    }
}
