import AQL
import CloudTrail
import Testing

/// Expressions evaluated for the standard record: an SES `SendEmail` by alice from 203.0.113.7
/// in us-east-1, no `errorCode` (so `"ErrorCode"` is NULL), `userAgent` `''`, `requestParameters`
/// JSON null.
@Suite struct ExpressionEvaluationTests {
    typealias Case = ExpressionCase

    /// Conditions that are true, false and NULL for the standard record.
    static let T = "1 = 1", F = "1 = 0", N = "\"ErrorCode\" = 'x'"

    @Test("computes + - * / % with Java's integer rules; NULL when dividing by zero", arguments: [
        Case("7 + 2", 9), Case("7 - 9", -2), Case("6 * 7", 42),
        Case("7 / 2", 3), Case("-7 / 2", -3), Case("7 / -2", -3), Case("-7 / -2", 3),
        Case("7 % 3", 1), Case("-7 % 3", -1), Case("7 % -3", 1), Case("-7 % -3", -1),
        Case("7.0 / 2", 3.5), Case("1 / 4.0", 0.25), Case("1 + 0.5", 1.5), Case("7.5 % 2", 1.5), Case("2.5 * 2", 5.0),
        Case("7 / 0", nil), Case("7 % 0", nil), Case("7.5 / 0", nil), Case("0 / 0", nil),
        Case("2 * 3 + 4", 10), Case("2 + 3 * 4", 14), Case("(2 + 3) * 4", 20), Case("20 / 2 / 5", 2), Case("-(2 - 5)", 3),
        Case("1 + NULL", nil), Case("1 + \"ErrorCode\"", nil), Case("NULL * 0", nil),
    ])
    func arithmetic(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("compares numbers numerically and strings by UTF-8 bytes; NULL with a NULL side", arguments: [
        Case("1 = 1", true), Case("1 = 2", false), Case("1 <> 2", true), Case("1 != 1", false), Case("1 <> 1", false),
        Case("2 < 10", true), Case("10 <= 10", true), Case("3 > 4", false), Case("3 >= 4", false), Case("4 >= 4", true),
        Case("1 = 1.0", true), Case("0.5 < 1", true),
        Case("'2' < '10'", false), Case("'b' > 'a'", true), Case("'Z' < 'a'", true), Case("'é' > 'z'", true), Case("'a' = 'a'", true),
        Case("'abc' < 'abcd'", true),
        Case("'42' = 42", true), Case("42 = '42'", true), Case("'abc' = 42", nil), Case("'7' < 10", true),
        Case("NULL = NULL", nil), Case("\"ErrorCode\" = 'x'", nil), Case("'a' <> NULL", nil), Case("\"ErrorCode\" <> 'x'", nil),
        Case("\"EventName\" = 'SendEmail'", true), Case("\"EventName\" = 'sendemail'", false),
    ])
    func comparison(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("applies three-valued NOT, AND, OR", arguments: [
        Case("NOT (\(T))", false), Case("NOT (\(F))", true), Case("NOT (\(N))", nil), Case("NOT (\"ErrorCode\" = 'a')", nil),
        Case("\(T) AND \(T)", true), Case("\(T) AND \(F)", false), Case("\(F) AND \(N)", false), Case("\(N) AND \(F)", false),
        Case("\(T) AND \(N)", nil), Case("\(N) AND \(N)", nil),
        Case("\(F) OR \(F)", false), Case("\(T) OR \(N)", true), Case("\(N) OR \(T)", true), Case("\(F) OR \(N)", nil),
        Case("\(N) OR \(N)", nil),
    ])
    func logic(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("[NOT] IN is true on a match, else NULL when NULL is involved", arguments: [
        Case("'a' IN ('b', 'a')", true), Case("'a' IN ('b', 'c')", false), Case("'a' IN ('b', NULL)", nil),
        Case("'a' IN ('a', NULL)", true), Case("'a' IN (NULL, 'a')", true), Case("'a' NOT IN ('b', 'c')", true),
        Case("'a' NOT IN ('b', NULL)", nil), Case("'a' NOT IN ('a', 'b')", false),
        Case("\"ErrorCode\" IN ('x', 'y')", nil), Case("\"ErrorCode\" NOT IN ('x', 'y')", nil),
        Case("3 IN (1, 2, 3)", true), Case("3 IN ('3')", true), Case("\"AWSRegion\" IN ('us-east-1')", true),
    ])
    func inList(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("[NOT] BETWEEN includes both ends", arguments: [
        Case("5 BETWEEN 1 AND 5", true), Case("1 BETWEEN 1 AND 5", true), Case("0 BETWEEN 1 AND 5", false),
        Case("6 BETWEEN 1 AND 5", false), Case("5 NOT BETWEEN 1 AND 4", true), Case("3 NOT BETWEEN 1 AND 4", false),
        Case("'m' BETWEEN 'a' AND 'z'", true), Case("\"ErrorCode\" BETWEEN 'a' AND 'z'", nil),
        Case("2.5 BETWEEN 2 AND 3", true), Case("9 BETWEEN 1 AND NULL", nil), Case("0 BETWEEN 1 AND NULL", false),
    ])
    func between(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("IS [NOT] NULL: absent and JSON null are NULL, '' is not", arguments: [
        Case("\"ErrorCode\" IS NULL", true), Case("\"ErrorCode\" IS NOT NULL", false),
        Case("\"RequestParameters\" IS NULL", true), Case("\"UserAgent\" IS NULL", false), Case("\"UserAgent\" IS NOT NULL", true),
        Case("\"UserAgent\" = ''", true), Case("\"ErrorCode\" = ''", nil), Case("NULL IS NULL", true),
        Case("(\"ErrorCode\" = 'x') IS NULL", true), Case("sourceip IS NULL", false),
    ])
    func isNull(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("CASE picks the first true branch, or compares its subject", arguments: [
        Case("CASE WHEN 1 = 0 THEN 'a' WHEN 2 = 2 THEN 'b' WHEN 3 = 3 THEN 'c' ELSE 'd' END", "b"),
        Case("CASE WHEN 1 = 0 THEN 'a' ELSE 'd' END", "d"),
        Case("CASE WHEN 1 = 0 THEN 'a' END", nil),
        Case("CASE WHEN \(N) THEN 'null is not true' ELSE 'else' END", "else"),
        Case("CASE \"AWSRegion\" WHEN 'eu-west-1' THEN 1 WHEN 'us-east-1' THEN 2 ELSE 3 END", 2),
        Case("CASE \"ErrorCode\" WHEN NULL THEN 1 ELSE 2 END", 2),
        Case("CASE 1 WHEN 2 THEN 'x' END", nil),
        Case("CASE 10 / 4 WHEN 2 THEN 'truncated' WHEN 2.5 THEN 'exact' END", "truncated"),
    ])
    func caseExpression(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("reads strings with '' and numbers as written", arguments: [
        Case("'it''s'", "it's"), Case("''", ""), Case("86400000", 86_400_000), Case("0.5", 0.5), Case("-12", -12),
    ])
    func literals(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("reads properties by bare or double-quoted name, in any case, spaces allowed")
    func names() throws {
        #expect(try QueryFixture.value(of: "eventname") == "SendEmail")
        #expect(try QueryFixture.value(of: "\"EventName\"") == "SendEmail")
        #expect(try QueryFixture.value(of: "\"EVENTSOURCE\"") == "ses.amazonaws.com")
        #expect(try QueryFixture.value(of: "sourceip") == "203.0.113.7")
        let options = try QueryFixture.options(userProperties: ["Event Source Copy=eventSource"])
        #expect(try QueryFixture.value(of: "\"Event Source Copy\"", options: options) == "ses.amazonaws.com")
        #expect(try QueryFixture.value(of: "\"event source copy\"", options: options) == "ses.amazonaws.com")
    }

    @Test("reads text properties as decoded strings, or other JSON values as their text")
    func textProperties() throws {
        let record = TrailRecord(time: "2026-01-05T10:00:00Z", raw: [
            "userAgent": "\"say \\\"hi\\\" \\u00e9\"", "readOnly": "true", "requestParameters": "{\"size\": [1, 2]}",
            "eventVersion": "1.08", "errorMessage": "null",
        ])
        #expect(try QueryFixture.value(of: "\"UserAgent\"", in: record) == "say \"hi\" é")
        #expect(try QueryFixture.value(of: "\"ReadOnly\"", in: record) == "true")
        #expect(try QueryFixture.value(of: "\"RequestParameters\"", in: record) == "{\"size\": [1, 2]}")
        #expect(try QueryFixture.value(of: "\"EventVersion\"", in: record) == "1.08")
        #expect(try QueryFixture.value(of: "\"ErrorMessage\"", in: record) == nil)
        #expect(try QueryFixture.value(of: "starttime = devicetime", in: record) == true)
        #expect(try QueryFixture.value(of: "starttime", in: record) == .integer(QueryFixture.now - 2 * 3_600_000))
    }

    @Test("keeps in WHERE only rows whose condition is true, not false or NULL")
    func whereKeepsTrue() throws {
        let records = [
            TrailRecord(time: "2026-01-05T10:00:00Z", name: "A", errorCode: nil),
            TrailRecord(time: "2026-01-05T10:00:01Z", name: "B", errorCode: "AccessDenied"),
            TrailRecord(time: "2026-01-05T10:00:02Z", name: "C", errorCode: "Throttling"),
        ]
        let query = "SELECT \"EventName\" FROM events WHERE "
        #expect(try QueryFixture.rows(query + "NOT (\"ErrorCode\" = 'AccessDenied')", over: records) == [["C"]])
        #expect(try QueryFixture.rows(query + "\"ErrorCode\" NOT IN ('AccessDenied')", over: records) == [["C"]])
        #expect(try QueryFixture.rows(query + "\"ErrorCode\" <> 'AccessDenied'", over: records) == [["C"]])
        #expect(try QueryFixture.rows(query + "\"ErrorCode\" IS NULL OR \"ErrorCode\" = 'Throttling'", over: records) == [["A"], ["C"]])
        #expect(try QueryFixture.rows(query + "\"ErrorCode\" IN ('AccessDenied', NULL)", over: records) == [["B"]])
        #expect(try QueryFixture.rows(query + "NOT (\"ErrorCode\" IN ('AccessDenied', NULL))", over: records) == [])
    }

    @Test("reads sourceip as the canonical address, NULL when sourceIPAddress is not one")
    func sourceIP() throws {
        let records = [
            TrailRecord(time: "2026-01-05T10:00:00Z", name: "A", ip: "AWS Internal"),
            TrailRecord(time: "2026-01-05T10:00:01Z", name: "B", ip: "ses.amazonaws.com"),
            TrailRecord(time: "2026-01-05T10:00:02Z", name: "C", ip: "2001:DB8:0:0:0:0:0:1"),
            TrailRecord(time: "2026-01-05T10:00:03Z", name: "D", ip: "035.1.2.3"),
            TrailRecord(time: "2026-01-05T10:00:04Z", name: "E", ip: nil),
        ]
        #expect(try QueryFixture.rows("SELECT \"EventName\", sourceip FROM events", over: records) == [
            ["A", nil], ["B", nil], ["C", "2001:db8::1"], ["D", nil], ["E", nil],
        ])
    }
}
