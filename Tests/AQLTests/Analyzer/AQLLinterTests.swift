import AQL
import Testing

@Suite struct AQLLinterTests {
    struct LintCase: CustomTestStringConvertible, Sendable {
        var name: String
        var query: String
        var codes: [String]
        var testDescription: String { name }
    }

    @Test("notes what a query probably does not do as meant", arguments: [
        LintCase(name: "nothing to say", query: "SELECT \"EventName\", COUNT(*) FROM events WHERE \"EventSource\" = 'ses.amazonaws.com' GROUP BY \"EventName\"",
                 codes: []),
        LintCase(name: "YYYY beside MM and dd", query: "SELECT DATEFORMAT(starttime, 'YYYY-MM-dd') AS d FROM events", codes: ["week-year"]),
        LintCase(name: "yyyy is the calendar year", query: "SELECT DATEFORMAT(starttime, 'yyyy-MM-dd') AS d FROM events", codes: []),
        LintCase(name: "YYYY with the week number is meant", query: "SELECT DATEFORMAT(starttime, 'YYYY-ww') AS d FROM events", codes: []),
        LintCase(name: "YYYY in GROUP BY only", query: "SELECT COUNT(*) FROM events GROUP BY DATEFORMAT(starttime, 'YYYY-MM-dd')",
                 codes: ["week-year"]),
        LintCase(name: "UNIQUECOUNT of a grouped column", query: "SELECT sourceip, UNIQUECOUNT(sourceip) FROM events GROUP BY sourceip",
                 codes: ["uniquecount-grouped"]),
        LintCase(name: "UNIQUECOUNT of another column", query: "SELECT \"EventName\", UNIQUECOUNT(sourceip) FROM events GROUP BY \"EventName\"",
                 codes: []),
        LintCase(name: "bedrock-runtime as an event source", query: "SELECT COUNT(*) FROM events WHERE \"EventSource\" = 'bedrock-runtime.amazonaws.com'",
                 codes: ["unknown-event-source"]),
        LintCase(name: "bedrock-runtime in an IN list",
                 query: "SELECT COUNT(*) FROM events WHERE \"EventSource\" IN ('sns.amazonaws.com', 'bedrock-runtime.amazonaws.com')",
                 codes: ["unknown-event-source"]),
        LintCase(name: "SES send actions", query: "SELECT COUNT(*) FROM events WHERE \"EventName\" IN ('SendEmail', 'SendRawEmail')",
                 codes: ["ses-sends-not-logged"]),
        LintCase(name: "SNS Publish", query: "SELECT COUNT(*) FROM events WHERE \"EventName\" = 'Publish'", codes: ["data-events"]),
        LintCase(name: "InvokeAgent", query: "SELECT COUNT(*) FROM events WHERE 'InvokeAgent' = \"EventName\"", codes: ["data-events"]),
        LintCase(name: "InvokeModel without Converse", query: "SELECT COUNT(*) FROM events WHERE \"EventName\" = 'InvokeModel'",
                 codes: ["converse-missing"]),
        LintCase(name: "InvokeModel with Converse", query: "SELECT COUNT(*) FROM events WHERE \"EventName\" IN ('InvokeModel', 'Converse', 'ConverseStream')",
                 codes: []),
        LintCase(name: "hourly clock buckets", query: "SELECT DATEFORMAT(starttime, 'yyyy-MM-dd HH:00') AS h, COUNT(*) FROM events GROUP BY DATEFORMAT(starttime, 'yyyy-MM-dd HH:00')",
                 codes: ["clock-hour-buckets"]),
        LintCase(name: "only successful calls", query: "SELECT COUNT(*) FROM events WHERE \"ErrorCode\" IS NULL", codes: ["failures-dropped"]),
        LintCase(name: "only failed calls", query: "SELECT COUNT(*) FROM events WHERE \"ErrorCode\" IS NOT NULL", codes: []),
    ])
    func lint(_ example: LintCase) throws {
        let plan = try AQLAnalyzer.plan(example.query, options: try QueryFixture.options())
        #expect(plan.lint.map(\.code) == example.codes)
    }

    @Test("never stops a query from running")
    func notFatal() throws {
        let run = try QueryFixture.run("SELECT DATEFORMAT(starttime, 'YYYY-MM-dd') AS d FROM events WHERE \"EventSource\" = 'bedrock-runtime.amazonaws.com'",
                                       over: [.standard])
        #expect(run.plan.lint.map(\.code) == ["unknown-event-source", "week-year"])
        #expect(run.result.rows.isEmpty)
    }

    @Test("explains the week year with the late-December example")
    func weekYearMessage() throws {
        let plan = try AQLAnalyzer.plan("SELECT DATEFORMAT(starttime, 'YYYY-MM-dd HH:00:00') AS d FROM events", options: try QueryFixture.options())
        let note = try #require(plan.lint.first { $0.code == "week-year" })
        #expect(note.message.contains("2025-12-28"))
        #expect(note.message.contains("2026-12-28"))
        #expect(note.message.contains("yyyy"))
    }
}
