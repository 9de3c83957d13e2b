import AQL
import CloudTrail
import Testing

/// Row functions, evaluated for the standard record (SES `SendEmail` by alice from 203.0.113.7,
/// us-east-1, account 111122223333, no `errorCode`).
@Suite struct ScalarFunctionTests {
    typealias Case = ExpressionCase

    @Test("LOWER, UPPER, STR, LONG, CONCAT, SUBSTRING (from 0) and STRLEN (UTF-16 units)", arguments: [
        Case("LOWER('SendEmail')", "sendemail"), Case("UPPER('SendEmail')", "SENDEMAIL"), Case("LOWER('ÀÉÎ')", "àéî"),
        Case("UPPER('straße')", "STRASSE"), Case("LOWER(\"ErrorCode\")", nil), Case("upper(\"AWSRegion\")", "US-EAST-1"),
        Case("STR(42)", "42"), Case("STR(-7)", "-7"), Case("STR(2.5)", "2.5"), Case("STR('x')", "x"), Case("STR(\"ErrorCode\")", nil),
        Case("STR(7 / 2)", "3"), Case("STR(2.0)", "2.0"), Case("STR(0.1)", "0.1"), Case("STR(7.0 / 2)", "3.5"),
        Case("LONG(7)", 7), Case("LONG(3.9)", 3), Case("LONG(-3.9)", -3), Case("LONG('42')", 42), Case("LONG('4.5')", 4),
        Case("LONG('7.9')", 7), Case("LONG('-7.9')", -7), Case("LONG('abc')", nil), Case("LONG(\"ErrorCode\")", nil), Case("LONG(starttime) = starttime", true),
        Case("CONCAT('a', 'b')", "ab"), Case("CONCAT('a', NULL, 'b')", "ab"), Case("CONCAT(\"EventName\", '@', \"AWSRegion\")", "SendEmail@us-east-1"),
        Case("CONCAT('n=', 42)", "n=42"), Case("CONCAT(\"ErrorCode\", 'x')", "x"), Case("'a' || 'b' || 'c'", "abc"),
        Case("SUBSTRING('SendEmail', 0, 4)", "Send"), Case("SUBSTRING('SendEmail', 4, 5)", "Email"), Case("SUBSTRING('SendEmail', 4, 100)", "Email"),
        Case("SUBSTRING('SendEmail', 8, 1)", "l"), Case("SUBSTRING('SendEmail', 9, 1)", ""), Case("SUBSTRING('abc', 5, 2)", ""),
        Case("SUBSTRING('SendEmail', 0, 0)", ""), Case("SUBSTRING('SendEmail', 4)", "Email"), Case("SUBSTRING('a😀b', 1, 2)", "😀"),
        Case("SUBSTRING('a😀b', 0, 2)", "a\u{FFFD}"), Case("SUBSTRING('a😀b', 3)", "b"), Case("SUBSTRING(\"EventName\", 1, 3)", "end"), Case("SUBSTRING(\"ErrorCode\", 0, 1)", nil),
        Case("STRLEN('SendEmail')", 9), Case("STRLEN('')", 0), Case("STRLEN('é')", 1), Case("STRLEN('😀')", 2), Case("STRLEN('a😀b')", 4),
        Case("STRLEN(\"ErrorCode\")", nil), Case("STRLEN(\"UserAgent\")", 0), Case("STRLEN(12345)", 5),
    ])
    func strings(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    /// Expected texts are what Java 17's `Double.toString` printed for the same doubles.
    @Test("STR of a decimal is Java's Double.toString: plain in [0.001, 10^7), else d.dddE±n", arguments: [
        Case("STR(1e7)", "1.0E7"), Case("STR(9999999.999)", "9999999.999"), Case("STR(12345678.9)", "1.23456789E7"),
        Case("STR(123456789.0)", "1.23456789E8"), Case("STR(1767239984000 * 1.0)", "1.767239984E12"), Case("STR(1e16)", "1.0E16"),
        Case("STR(-1e21)", "-1.0E21"), Case("STR(1.7976931348623157e308)", "1.7976931348623157E308"),
        Case("STR(0.001)", "0.001"), Case("STR(0.000999)", "9.99E-4"), Case("STR(0.0005)", "5.0E-4"), Case("STR(-2.5e-7)", "-2.5E-7"),
        Case("STR(0.1 + 0.2)", "0.30000000000000004"), Case("STR(100.0)", "100.0"), Case("STR(1234567.5)", "1234567.5"),
        Case("STR(-0.0)", "-0.0"), Case("STR(3.5)", "3.5"), Case("CONCAT('avg ', 2e7 / 2)", "avg 1.0E7"),
    ])
    func decimalText(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("INCIDR tests IPv4 and IPv6 blocks; NULL for a NULL or non-address", arguments: [
        Case("INCIDR('10.0.0.0/8', '10.1.2.3')", true), Case("INCIDR('10.0.0.0/8', '11.0.0.1')", false),
        Case("INCIDR('10.0.0.0/8', '10.255.255.255')", true), Case("INCIDR('203.0.113.0/24', sourceip)", true),
        Case("INCIDR('203.0.113.0/25', sourceip)", true), Case("INCIDR('203.0.113.8/29', sourceip)", false),
        Case("INCIDR('203.0.113.7', sourceip)", true), Case("INCIDR('203.0.113.7/32', '203.0.113.8')", false),
        Case("INCIDR('0.0.0.0/0', '192.0.2.1')", true),
        Case("INCIDR('2001:db8::/32', '2001:db8:0:1::5')", true), Case("INCIDR('2001:db8::/32', '2001:db9::1')", false),
        Case("INCIDR('2001:db8::/32', '2001:DB8:0:0:0:0:0:1')", true), Case("INCIDR('2001:db8:abcd::/48', '2001:db8:abcd:ffff::1')", true),
        Case("INCIDR('10.0.0.0/8', '2001:db8::1')", false), Case("INCIDR('10.0.0.0/8', '::ffff:10.0.0.1')", false),
        Case("INCIDR('::ffff:0:0/96', '::ffff:10.0.0.1')", true), Case("INCIDR('2001:db8::/32', '10.0.0.1')", false),
        Case("INCIDR('10.0.0.0/8', \"ErrorCode\")", nil), Case("INCIDR('10.0.0.0/8', 'AWS Internal')", nil),
        Case("INCIDR('10.0.0.0/8', 'ses.amazonaws.com')", nil),
    ])
    func incidr(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("LOGSOURCETYPENAME(devicetype) is 'Amazon AWS CloudTrail'; LOGSOURCENAME names the account", arguments: [
        Case("devicetype", 347), Case("LOGSOURCETYPENAME(devicetype)", "Amazon AWS CloudTrail"),
        Case("LOGSOURCETYPENAME(devicetype) = 'Amazon AWS CloudTrail'", true), Case("LOGSOURCETYPENAME(12)", nil),
        Case("LOGSOURCETYPENAME(347)", "Amazon AWS CloudTrail"),
        Case("LOGSOURCENAME(logsourceid)", "CloudTrail @ 111122223333"),
    ])
    func logSources(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("QIDNAME(qid) is the event name; qid is one number per source and name")
    func qid() throws {
        let records = [
            TrailRecord(time: "2026-01-05T10:00:00Z", source: "ses.amazonaws.com", name: "SendEmail"),
            TrailRecord(time: "2026-01-05T10:00:01Z", source: "ses.amazonaws.com", name: "SendEmail"),
            TrailRecord(time: "2026-01-05T10:00:02Z", source: "ses.amazonaws.com", name: "GetSendQuota"),
            TrailRecord(time: "2026-01-05T10:00:03Z", source: "sns.amazonaws.com", name: "SendEmail"),
        ]
        #expect(try QueryFixture.rows("SELECT QIDNAME(qid) FROM events", over: records) == [["SendEmail"], ["SendEmail"], ["GetSendQuota"], ["SendEmail"]])
        #expect(try QueryFixture.rows("SELECT UNIQUECOUNT(qid) AS kinds FROM events", over: records) == [[3]])
        #expect(try QueryFixture.rows("SELECT QIDNAME(qid) AS name, COUNT(*) FROM events GROUP BY qid ORDER BY COUNT(*) DESC LIMIT 1", over: records)
            == [["SendEmail", 2]])
    }

    @Test("LOGSOURCETYPENAME in WHERE keeps every CloudTrail event")
    func logSourceFilter() throws {
        let records = [TrailRecord(time: "2026-01-05T10:00:00Z"),
                       TrailRecord(time: "2026-01-05T10:00:01Z", source: "iam.amazonaws.com", name: "CreateUser", arn: nil, identityType: nil)]
        #expect(try QueryFixture.rows("SELECT COUNT(*) FROM events WHERE LOGSOURCETYPENAME(devicetype) = 'Amazon AWS CloudTrail'", over: records) == [[2]])
    }
}
