@testable import AQL
import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// The cheap prefilters: top-level `WHERE` conditions of a text property against string literals
/// (`"EventSource" IN (…)`, `"EventName" = '…'`), compared as bytes with the scanned slot before
/// any property is decoded. They must reject records early, and never a record the full
/// `WHERE` would keep.
@Suite struct PrefilterTests {
    /// One hand-written record: `eventSource`, `eventName` and `awsRegion` as raw JSON (escapes
    /// and all); `awsRegion` may be absent (`nil`). (Without `eventSource` or `eventName` an
    /// object is not a CloudTrail record at all.)
    struct Record: CustomTestStringConvertible, Sendable {
        var id: String
        var source: String
        var name = "\"SendEmail\""
        var region: String? = "\"us-east-1\""
        var time = "2026-01-05T10:00:00Z"

        var jsonLine: String {
            var fields = ["\"eventTime\":\"\(time)\"", "\"eventID\":\"\(id)\"", "\"userAgent\":\"aws-cli/2.15.0\"",
                          "\"eventSource\":" + source, "\"eventName\":" + name]
            if let region { fields.append("\"awsRegion\":" + region) }
            return "{" + fields.joined(separator: ",") + "}"
        }
        var testDescription: String { id }
    }

    /// What `Self.query` does with each record, worked out by hand from docs/aql.md: a text
    /// property is the decoded string, or the JSON text of a number or boolean; IN and = compare
    /// strings by their bytes (so case counts); an absent or null field is NULL, which IN never
    /// keeps. `passesSource` and `passesRegion` are what the EventSource and AWSRegion
    /// prefilters must answer: they may only reject a string that is none of the values, or an
    /// absent or null field; anything else goes on to WHERE.
    static let records: [(record: Record, kept: Bool, passesSource: Bool)] = [
        (Record(id: "plain", source: "\"ses.amazonaws.com\""), true, true),
        (Record(id: "escaped-letter", source: "\"\\u0073es.amazonaws.com\""), true, true),
        (Record(id: "escaped-dots", source: "\"ses\\u002Eamazonaws\\u002ecom\""), true, true),
        (Record(id: "escaped-name", source: "\"ses.amazonaws.com\"", name: "\"Send\\u0045mail\""), true, true),
        (Record(id: "upper-case", source: "\"SES.amazonaws.com\""), false, false),
        (Record(id: "escaped-upper-case", source: "\"\\u0053ES.amazonaws.com\""), false, false),
        (Record(id: "trailing-space", source: "\"ses.amazonaws.com \""), false, false),
        (Record(id: "prefix", source: "\"ses.amazonaws.co\""), false, false),
        (Record(id: "null", source: "null"), false, false),
        (Record(id: "empty-string", source: "\"\""), true, true),
        (Record(id: "number", source: "42"), true, true),
        (Record(id: "number-written-otherwise", source: "42.0"), false, true),
        (Record(id: "escaped-digits", source: "\"4\\u0032\""), true, true),
        (Record(id: "boolean", source: "true"), true, true),
        (Record(id: "object", source: "{\"a\":1}"), false, true),
        (Record(id: "region-absent", source: "\"ses.amazonaws.com\"", region: nil), false, true),
        (Record(id: "region-null", source: "\"ses.amazonaws.com\"", region: "null"), false, true),
        (Record(id: "region-escaped", source: "\"ses.amazonaws.com\"", region: "\"us\\u002deast-1\""), true, true),
        (Record(id: "region-other", source: "\"ses.amazonaws.com\"", region: "\"us-east-2\""), false, true),
        (Record(id: "name-other", source: "\"ses.amazonaws.com\"", name: "\"SendRawEmail\""), false, true),
        (Record(id: "name-lower-case", source: "\"ses.amazonaws.com\"", name: "\"sendemail\""), false, true),
    ]

    static let query = """
        SELECT "EventID" FROM events
        WHERE "EventSource" IN ('ses.amazonaws.com', '42', 'true', '') AND "EventName" = 'SendEmail'
          AND "AWSRegion" IN ('us-east-1')
        """

    /// The AWSRegion prefilter's answer: only an absent, null or other region is rejected.
    static func passesRegion(_ record: Record) -> Bool {
        !["region-absent", "region-null", "region-other"].contains(record.id)
    }

    /// Runs `query` over `lines` (one file) with one executor per worker; returns the merged
    /// result and the property values all executors decoded.
    static func run(_ query: String, lines: [String], workers: Int = 2) throws -> (result: AQLResult, decoded: Int) {
        let folder = TemporaryFolder()
        folder.write("events.jsonl", lines.joined(separator: "\n") + "\n")
        let plan = try AQLAnalyzer.plan(query, options: try QueryFixture.options())
        let prepared = PreparedQuery(plan)
        let outcome = IngestPipeline(table: prepared.table, options: IngestOptions(workers: workers))
            .run(paths: [folder.path]) { QueryExecutor(prepared) }
        var merged = outcome.sinks[0]
        for other in outcome.sinks.dropFirst() { merged.merge(other) }
        return (merged.finish(), outcome.sinks.reduce(0) { $0 + $1.decodedProperties })
    }

    @Test("the published query gets one prefilter per IN-list, and none for its other conditions")
    func publishedQueryPrefilters() throws {
        let rule = try String(contentsOfFile: PublishedRuleFileTests.ruleFile, encoding: .utf8)
        let plan = try AQLAnalyzer.plan(rule, options: try QueryFixture.options())
        let conditions = plan.prefilterConditions.map { (plan.properties[$0.property].name, $0.values) }
        #expect(conditions.map(\.0) == ["EventSource", "EventName"])
        #expect(conditions.map(\.1) == [
            ["ses.amazonaws.com", "sns.amazonaws.com", "bedrock.amazonaws.com"],
            ["SendEmail", "SendRawEmail", "SendBulkTemplatedEmail", "SendBulkEmail", "SendTemplatedEmail",
             "Publish", "PublishBatch", "InvokeModel", "InvokeModelWithResponseStream", "CreateModelInvocationJob", "InvokeAgent"],
        ])
    }

    @Test("only a text property against string literals, at the top level, is prefiltered", arguments: [
        ("\"EventSource\" = 'ses.amazonaws.com'", ["EventSource"]),
        ("'SendEmail' = \"EventName\"", ["EventName"]),
        ("\"EventSource\" IN ('a') AND (\"EventName\" = 'b')", ["EventSource", "EventName"]),
        ("\"EventSource\" NOT IN ('a')", []),
        ("NOT \"EventSource\" = 'a'", []),
        ("\"EventSource\" = 'a' OR \"EventName\" = 'b'", []),
        ("\"EventSource\" IN ('a', NULL)", []),
        ("\"EventSource\" IN ('a', 42)", []),
        ("\"EventSource\" ILIKE 'ses.amazonaws.com'", []),
        ("\"EventSource\" <> 'a'", []),
        ("LOWER(\"EventSource\") = 'a'", []),
        // Transformed properties: the value is not the bytes written (canonical IP text, the tail of an ARN).
        ("sourceip = '2001:db8::1'", []),
        ("username = 'alice'", []),
    ])
    func whatIsPrefiltered(_ condition: String, _ expected: [String]) throws {
        let plan = try AQLAnalyzer.plan("SELECT \"EventID\" FROM events WHERE \(condition)", options: try QueryFixture.options())
        #expect(plan.prefilterConditions.map { plan.properties[$0.property].name } == expected)
    }

    @Test("a record a prefilter rejects decodes no property; without the prefilter WHERE decodes two per record")
    func rejectedRecordsDecodeNothing() throws {
        // 40 SNS calls and 10 with a null eventSource: the IN-list rejects all of them.
        let lines = (0..<50).map { index in
            Record(id: "r\(index)", source: index < 40 ? "\"sns.amazonaws.com\"" : "null").jsonLine
        }
        // "UserAgent" LIKE '%' comes first: WHERE, if it ran, would decode UserAgent, then EventSource.
        let filtered = try Self.run("SELECT \"EventID\" FROM events WHERE \"UserAgent\" LIKE '%' AND \"EventSource\" IN ('ses.amazonaws.com')",
                                    lines: lines)
        #expect(filtered.result.rows.isEmpty)
        #expect(filtered.result.statistics.considered == 50)
        #expect(filtered.decoded == 0)
        // The same condition with LIKE in place of IN has no prefilter: 50 × (UserAgent, EventSource).
        let unfiltered = try Self.run("SELECT \"EventID\" FROM events WHERE \"UserAgent\" LIKE '%' AND \"EventSource\" LIKE 'ses.amazonaws.com'",
                                      lines: lines)
        #expect(unfiltered.result.rows.isEmpty)
        #expect(unfiltered.decoded == 100)
    }

    @Test("a record outside the window decodes no property either")
    func windowedRecordsDecodeNothing() throws {
        // Now is 2026-01-05T12:00:00Z; LAST 1 HOURS keeps (11:00, 12:00]: these are at 10:00.
        let lines = (0..<20).map { Record(id: "w\($0)", source: "\"ses.amazonaws.com\"").jsonLine }
        let run = try Self.run("SELECT \"EventID\" FROM events WHERE \"UserAgent\" LIKE '%' LAST 1 HOURS", lines: lines)
        #expect(run.result.rows.isEmpty)
        #expect(run.result.statistics.excludedByWindow == 20)
        #expect(run.decoded == 0)
    }

    @Test("keeps every record the full WHERE keeps: escapes decoded, case compared, numbers and booleans passed on")
    func neverTooEager() throws {
        let lines = Self.records.map(\.record.jsonLine)
        for workers in [1, 2] {
            let run = try Self.run(Self.query, lines: lines, workers: workers)
            let kept = run.result.rows.map { $0.values[0] }
            #expect(kept == Self.records.filter(\.kept).map { .string($0.record.id) }, "workers: \(workers)")
        }
    }

    /// Records each record's verdict from the plan's prefilters, by eventID.
    struct Probe: RecordSink {
        let prefilters: [Prefilter]
        let idSlot: Int
        var verdicts: [String: [Bool]] = [:]

        mutating func consume(_ record: ScannedRecord) {
            verdicts[record.text(idSlot) ?? "?"] = prefilters.map { $0.mayPass(record) }
        }
    }

    @Test("a prefilter rejects only other strings and absent or null fields", arguments: PrefilterTests.records.indices)
    func prefilterVerdict(_ index: Int) throws {
        let (record, kept, passesSource) = Self.records[index]
        let folder = TemporaryFolder()
        folder.write("events.jsonl", record.jsonLine + "\n")
        let prepared = PreparedQuery(try AQLAnalyzer.plan(Self.query, options: try QueryFixture.options()))
        let idSlot = try #require(prepared.table.slot(for: PropertyPath(keys: ["eventID"])))
        let outcome = IngestPipeline(table: prepared.table, options: IngestOptions(workers: 1))
            .run(paths: [folder.path]) { Probe(prefilters: prepared.prefilters, idSlot: idSlot) }
        let verdicts = try #require(outcome.sinks.compactMap { $0.verdicts[record.id] }.first)
        #expect(verdicts.count == 3)
        #expect(verdicts[0] == passesSource)
        #expect(verdicts[2] == Self.passesRegion(record))
        // A record WHERE keeps passes every prefilter.
        if kept { #expect(verdicts.allSatisfy { $0 }) }
    }
}
