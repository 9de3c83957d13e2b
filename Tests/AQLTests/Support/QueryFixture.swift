import Testing
import AQL
import CloudTrail
import Foundation
import SkuaTestSupport

/// A CloudTrail record written by hand for a test: the fields AQL tests read, `nil` when the key
/// is absent from the JSON.
struct TrailRecord: Sendable {
    var time: String
    var source: String? = "ses.amazonaws.com"
    var name: String? = "SendEmail"
    var arn: String? = "arn:aws:iam::111122223333:user/alice"
    var identityType: String? = "IAMUser"
    var ip: String? = "203.0.113.7"
    var errorCode: String? = nil
    var region: String? = "us-east-1"
    /// More top-level keys, each with its raw JSON value (`"null"`, `"\"\""`, `"{\"size\":9}"`).
    var raw: [String: String] = [:]

    /// The record as one line of JSON.
    var jsonLine: String {
        var fields: [(String, String)] = [("eventTime", TrailRecord.quote(time)), ("recipientAccountId", TrailRecord.quote("111122223333"))]
        if let source { fields.append(("eventSource", TrailRecord.quote(source))) }
        if let name { fields.append(("eventName", TrailRecord.quote(name))) }
        if let ip { fields.append(("sourceIPAddress", TrailRecord.quote(ip))) }
        if let errorCode { fields.append(("errorCode", TrailRecord.quote(errorCode))) }
        if let region { fields.append(("awsRegion", TrailRecord.quote(region))) }
        var identity: [String] = []
        if let identityType { identity.append("\"type\":" + TrailRecord.quote(identityType)) }
        if let arn { identity.append("\"arn\":" + TrailRecord.quote(arn)) }
        if !identity.isEmpty { fields.append(("userIdentity", "{" + identity.joined(separator: ",") + "}")) }
        for key in raw.keys.sorted() { fields.append((key, raw[key]!)) }
        return "{" + fields.map { TrailRecord.quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20: output += String(format: "\\u%04x", scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    /// The record most expression tests read: an SES `SendEmail` by alice from 203.0.113.7 in
    /// us-east-1, no `errorCode`, an empty `userAgent` and a JSON-null `requestParameters`.
    static let standard = TrailRecord(time: "2026-01-05T10:00:00Z", raw: ["userAgent": "\"\"", "requestParameters": "null"])
}

/// Runs queries over hand-written CloudTrail files.
enum QueryFixture {
    /// "Now" of every test unless it says otherwise: 2026-01-05T12:00:00Z in epoch milliseconds
    /// (20,458 days after 1970-01-01, plus 12 hours).
    static let now: Int64 = 1_767_614_400_000

    /// Options with `now`, UTC, and the given reference sets and user properties.
    static func options(now: Int64 = now, timeZone: String = "UTC", referenceSets: ReferenceSets = ReferenceSets(),
                        userProperties: [String] = [], mode: AQLOptions.Mode = .verbatim) throws -> AQLOptions {
        var catalog = PropertyCatalog.builtIn
        for property in userProperties { try catalog.addUserProperty(property) }
        return AQLOptions(now: now, timeZone: TimeZone(identifier: timeZone)!, referenceSets: referenceSets,
                          catalog: catalog, mode: mode)
    }

    /// Plans `query` and runs it over `files` (name → records, one JSON line each).
    static func run(_ query: String, files: [String: [TrailRecord]], options: AQLOptions? = nil,
                    workers: Int = 1) throws -> (plan: QueryPlan, result: AQLResult) {
        let folder = TemporaryFolder()
        for (name, records) in files {
            folder.write(name, records.map(\.jsonLine).joined(separator: "\n") + "\n")
        }
        let plan = try AQLAnalyzer.plan(query, options: try options ?? self.options())
        let run = QueryEngine.run(plan, paths: [folder.path], ingest: IngestOptions(workers: workers))
        return withExtendedLifetime(folder) { (plan, run.result) }
    }

    /// Plans `query` and runs it over `records`, written in this order to one file.
    static func run(_ query: String, over records: [TrailRecord], options: AQLOptions? = nil,
                    workers: Int = 1) throws -> (plan: QueryPlan, result: AQLResult) {
        try run(query, files: ["events.jsonl": records], options: options, workers: workers)
    }

    /// The result rows' values.
    static func rows(_ query: String, over records: [TrailRecord], options: AQLOptions? = nil) throws -> [[AQLValue]] {
        try run(query, over: records, options: options).result.rows.map(\.values)
    }

    /// The value of `expression` for one record (`SELECT expression AS v FROM events`).
    static func value(of expression: String, in record: TrailRecord = .standard, options: AQLOptions? = nil) throws -> AQLValue {
        let rows = try rows("SELECT \(expression) AS v FROM events", over: [record], options: options)
        guard rows.count == 1, rows[0].count == 1 else { throw FixtureError("expected one value, got \(rows)") }
        return rows[0][0]
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// Literals for expected values: `"a"` is a string, `3` an integer, `nil` NULL.
extension AQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .decimal(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(nilLiteral: ()) { self = .null }
}

/// One row of an expression table: the expression and the value it must evaluate to for the
/// standard record.
struct ExpressionCase: CustomTestStringConvertible, Sendable {
    var expression: String
    var expected: AQLValue
    init(_ expression: String, _ expected: AQLValue) {
        self.expression = expression
        self.expected = expected
    }
    var testDescription: String { "\(expression) → \(expected)" }
}
