import AQL
import Testing

@Suite struct PatternMatchingTests {
    typealias Case = ExpressionCase

    @Test("LIKE matches the whole value, % any run, _ one character; ILIKE ignores case", arguments: [
        Case("'SendEmail' LIKE 'Send%'", true), Case("'SendEmail' LIKE 'send%'", false), Case("'SendEmail' ILIKE 'send%'", true),
        Case("'SendEmail' LIKE '%Email'", true), Case("'SendEmail' LIKE '%end%'", true), Case("'SendEmail' LIKE 'Send'", false),
        Case("'SendEmail' LIKE 'Email'", false), Case("'SendEmail' LIKE 'Send_mail'", true), Case("'SendEmail' LIKE 'Send_Email'", false),
        Case("'SendEmail' LIKE '_________'", true), Case("'SendEmail' LIKE '________'", false),
        Case("'SendEmail' LIKE '%'", true), Case("'' LIKE '%'", true), Case("'' LIKE '_'", false), Case("'' LIKE ''", true),
        Case("'a.c' LIKE 'a.c'", true), Case("'abc' LIKE 'a.c'", false), Case("'abc' LIKE 'a[b]c'", false),
        Case("'aXbYb' LIKE 'a%b'", true), Case("'ab' LIKE 'a%b%'", true), Case("'abab' LIKE '%ab%ab%'", true), Case("'aba' LIKE '%ab%ab%'", false),
        Case("'100%' LIKE '100%'", true), Case("'1000' LIKE '100%'", true),
        Case("'é' LIKE '_'", true), Case("'😀' LIKE '_'", true), Case("'a\\b' LIKE 'a\\_'", true), Case("'ÉTÉ' ILIKE 'été'", true), Case("'ÉTÉ' LIKE 'été'", false),
        Case("'SendEmail' NOT LIKE 'Send%'", false), Case("'Publish' NOT LIKE 'Send%'", true),
        Case("\"ErrorCode\" LIKE '%'", nil), Case("\"ErrorCode\" NOT LIKE 'x%'", nil), Case("\"ErrorCode\" ILIKE '%'", nil),
        Case("\"EventName\" LIKE 'Send%'", true), Case("\"UserIdentityArn\" LIKE 'arn:aws:iam::%:user/%'", true),
    ])
    func like(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("MATCHES needs the regular expression to match the whole value; IMATCHES ignores case", arguments: [
        Case("'SendEmail' MATCHES 'Send.*'", true), Case("'SendEmail' MATCHES 'Send'", false), Case("'SendEmail' MATCHES 'end'", false),
        Case("'SendEmail' MATCHES '.*end.*'", true), Case("'SendEmail' MATCHES 'send.*'", false), Case("'SendEmail' IMATCHES 'send.*'", true),
        Case("'SendEmail' MATCHES 'Send(Raw)?Email'", true), Case("'SendRawEmail' MATCHES 'Send(Raw)?Email'", true),
        Case("'abc' MATCHES 'a|abc'", true), Case("'abc' MATCHES 'ab|a'", false),
        Case("'abc\n' MATCHES 'abc'", false), Case("'abc\n' MATCHES 'abc\\s'", true), Case("'abc\nx' MATCHES 'abc.x'", false),
        Case("'SendEmail' NOT MATCHES 'Send.*'", false), Case("'Publish' NOT IMATCHES 'SEND.*'", true),
        Case("\"ErrorCode\" MATCHES '.*'", nil), Case("\"ErrorCode\" NOT MATCHES 'x'", nil),
        Case("sourceip MATCHES '203\\.0\\.113\\.[0-9]+'", true), Case("\"EventName\" IMATCHES 'SENDEMAIL'", true),
    ])
    func matches(_ example: Case) throws {
        #expect(try QueryFixture.value(of: example.expression) == example.expected)
    }

    @Test("a pattern computed per row works like a literal one")
    func dynamicPattern() throws {
        #expect(try QueryFixture.value(of: "'SendEmail' LIKE CONCAT('Send', '%')") == true)
        #expect(try QueryFixture.value(of: "'SendEmail' MATCHES CONCAT(\"EventName\", '')") == true)
        #expect(try QueryFixture.value(of: "'abc\n' MATCHES CONCAT('ab', 'c')") == false)
        #expect(try QueryFixture.value(of: "'SendEmail' LIKE \"ErrorCode\"") == nil)
    }

    @Test("filters rows with LIKE and MATCHES in WHERE")
    func inWhere() throws {
        let records = [
            TrailRecord(time: "2026-01-05T10:00:00Z", name: "SendEmail"),
            TrailRecord(time: "2026-01-05T10:00:01Z", name: "SendRawEmail"),
            TrailRecord(time: "2026-01-05T10:00:02Z", name: "GetSendQuota"),
        ]
        let query = "SELECT \"EventName\" FROM events WHERE "
        #expect(try QueryFixture.rows(query + "\"EventName\" LIKE 'Send%'", over: records) == [["SendEmail"], ["SendRawEmail"]])
        #expect(try QueryFixture.rows(query + "\"EventName\" NOT LIKE 'Send%'", over: records) == [["GetSendQuota"]])
        #expect(try QueryFixture.rows(query + "\"EventName\" MATCHES '.*Send.*'", over: records) == [["SendEmail"], ["SendRawEmail"], ["GetSendQuota"]])
        #expect(try QueryFixture.rows(query + "\"EventName\" IMATCHES 'send(raw)?email'", over: records) == [["SendEmail"], ["SendRawEmail"]])
    }
}
