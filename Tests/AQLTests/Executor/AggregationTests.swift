import AQL
import CloudTrail
import Testing

/// Five calls, written out of time order:
///
/// | file order | time  | source  | name                | caller | sourceip     | Bytes |
/// |------------|-------|---------|---------------------|--------|--------------|-------|
/// | 1          | 10:05 | ses     | SendTemplatedEmail  | alice  | 203.0.113.8  | 120   |
/// | 2          | 10:02 | ses     | SendRawEmail        | bob    | NULL         | 9     |
/// | 3          | 10:00 | ses     | SendEmail           | alice  | 203.0.113.7  | —     |
/// | 4          | 10:01 | sns     | Publish             | bob    | 203.0.113.7  | 0.5   |
/// | 5          | 09:59 | bedrock | InvokeModel (error) | alice  | 203.0.113.9  | —     |
@Suite struct AggregationTests {
    static let alice = "arn:aws:iam::111122223333:user/alice"
    static let bob = "arn:aws:iam::111122223333:user/bob"

    static let records: [TrailRecord] = [
        TrailRecord(time: "2026-01-05T10:05:00Z", source: "ses.amazonaws.com", name: "SendTemplatedEmail", arn: alice,
                    ip: "203.0.113.8", raw: ["additionalEventData": "{\"bytes\":120}"]),
        TrailRecord(time: "2026-01-05T10:02:00Z", source: "ses.amazonaws.com", name: "SendRawEmail", arn: bob,
                    ip: "AWS Internal", raw: ["additionalEventData": "{\"bytes\":9}"]),
        TrailRecord(time: "2026-01-05T10:00:00Z", source: "ses.amazonaws.com", name: "SendEmail", arn: alice, ip: "203.0.113.7"),
        TrailRecord(time: "2026-01-05T10:01:00Z", source: "sns.amazonaws.com", name: "Publish", arn: bob,
                    ip: "203.0.113.7", raw: ["additionalEventData": "{\"bytes\":0.5}"]),
        TrailRecord(time: "2026-01-05T09:59:00Z", source: "bedrock.amazonaws.com", name: "InvokeModel", arn: alice,
                    ip: "203.0.113.9", errorCode: "AccessDenied"),
    ]

    static func rows(_ query: String, over records: [TrailRecord] = records) throws -> [[AQLValue]] {
        try QueryFixture.rows(query, over: records, options: try QueryFixture.options(userProperties: ["Bytes=additionalEventData.bytes"]))
    }

    // Epoch milliseconds, counted back from now (2026-01-05T12:00:00Z = 1,767,614,400,000).
    static let at0959: AQLValue = .integer(1_767_614_400_000 - (2 * 3600 + 60) * 1000)
    static let at1000: AQLValue = .integer(1_767_614_400_000 - 2 * 3600 * 1000)
    static let at1001: AQLValue = .integer(1_767_614_400_000 - (2 * 3600 - 60) * 1000)

    @Test("COUNT, UNIQUECOUNT, FIRST, LAST, MIN and MAX per group")
    func counts() throws {
        #expect(try Self.rows("""
            SELECT "EventSource", COUNT(*), COUNT(sourceip), UNIQUECOUNT(sourceip), FIRST("EventName"), LAST("EventName"),
                   MIN(starttime), MAX("EventName")
            FROM events GROUP BY "EventSource"
            """) == [
            ["bedrock.amazonaws.com", 1, 1, 1, "InvokeModel", "InvokeModel", Self.at0959, "InvokeModel"],
            ["ses.amazonaws.com", 3, 2, 2, "SendEmail", "SendTemplatedEmail", Self.at1000, "SendTemplatedEmail"],
            ["sns.amazonaws.com", 1, 1, 1, "Publish", "Publish", Self.at1001, "Publish"],
        ])
    }

    @Test("SUM and AVG ignore NULLs; SUM of integers is an integer, AVG a decimal; MIN and MAX of text go by bytes")
    func sums() throws {
        // Bytes is a text property: 120 and 9 are the strings "120" and "9", so MIN is "120" by bytes.
        #expect(try Self.rows("""
            SELECT "EventSource", SUM(Bytes), AVG(Bytes), COUNT(Bytes), MIN(Bytes), MAX(Bytes)
            FROM events GROUP BY "EventSource"
            """) == [
            ["bedrock.amazonaws.com", nil, nil, 0, nil, nil],
            ["ses.amazonaws.com", 129, 64.5, 2, "120", "9"],
            ["sns.amazonaws.com", 0.5, 0.5, 1, "0.5", "0.5"],
        ])
    }

    @Test("a column neither grouped nor aggregated is the group's first value by time")
    func firstValue() throws {
        let run = try QueryFixture.run("SELECT \"EventSource\", \"EventName\", sourceip FROM events GROUP BY \"EventSource\"", over: Self.records)
        #expect(run.result.columns == ["EventSource", "FIRST_EventName", "FIRST_sourceip"])
        #expect(run.result.rows.map(\.values) == [
            ["bedrock.amazonaws.com", "InvokeModel", "203.0.113.9"],
            ["ses.amazonaws.com", "SendEmail", "203.0.113.7"],
            ["sns.amazonaws.com", "Publish", "203.0.113.7"],
        ])
        #expect(run.result.rows.map(\.eventCount) == [1, 3, 1])
    }

    @Test("aggregates without GROUP BY give one row, even over no events")
    func noGroupBy() throws {
        #expect(try Self.rows("SELECT COUNT(*), \"EventName\" FROM events") == [[5, "InvokeModel"]])
        #expect(try Self.rows("""
            SELECT COUNT(*) AS n, COUNT(sourceip), SUM(Bytes), FIRST("EventName"), UNIQUECOUNT(sourceip)
            FROM events WHERE "EventName" = 'Nothing'
            """) == [[0, 0, nil, nil, 0]])
        #expect(try Self.rows("SELECT COUNT(*) FROM events", over: []) == [[0]])
        #expect(try Self.rows("SELECT sourceip, COUNT(*) FROM events WHERE \"EventName\" = 'Nothing' GROUP BY sourceip") == [])
    }

    @Test("aggregates work inside expressions")
    func insideExpressions() throws {
        #expect(try Self.rows("""
            SELECT "EventSource", CASE WHEN COUNT(*) > 2 THEN 'many' ELSE 'few' END AS volume, COUNT(*) * 10 + 1 AS x,
                   CASE WHEN COUNT(*) > (CASE WHEN "EventSource" = 'ses.amazonaws.com' THEN 5 ELSE 0 END) THEN 1 ELSE 0 END AS over
            FROM events GROUP BY "EventSource"
            """) == [
            ["bedrock.amazonaws.com", "few", 11, 1],
            ["ses.amazonaws.com", "many", 31, 0],
            ["sns.amazonaws.com", "few", 11, 1],
        ])
    }

    @Test("HAVING filters groups by aggregates, group keys and select aliases")
    func having() throws {
        let base = "SELECT \"EventSource\", COUNT(*) AS n FROM events GROUP BY \"EventSource\" "
        #expect(try Self.rows(base + "HAVING n > 1") == [["ses.amazonaws.com", 3]])
        #expect(try Self.rows(base + "HAVING COUNT(*) = 1 AND \"EventSource\" <> 'sns.amazonaws.com'") == [["bedrock.amazonaws.com", 1]])
        #expect(try Self.rows(base + "HAVING UNIQUECOUNT(\"UserIdentityArn\") = 2") == [["ses.amazonaws.com", 3]])
        #expect(try Self.rows(base + "HAVING \"ErrorCode\" IS NOT NULL") == [["bedrock.amazonaws.com", 1]])
    }

    @Test("ORDER BY an aggregate or a select alias; ties by group key ascending")
    func orderBy() throws {
        let base = "SELECT \"EventSource\", COUNT(*) AS n FROM events GROUP BY \"EventSource\" "
        let bedrock: [AQLValue] = ["bedrock.amazonaws.com", 1], ses: [AQLValue] = ["ses.amazonaws.com", 3], sns: [AQLValue] = ["sns.amazonaws.com", 1]
        #expect(try Self.rows(base + "ORDER BY COUNT(*) DESC") == [ses, bedrock, sns])
        #expect(try Self.rows(base + "ORDER BY n DESC") == [ses, bedrock, sns])
        #expect(try Self.rows(base + "ORDER BY n") == [bedrock, sns, ses])
        #expect(try Self.rows(base + "ORDER BY MIN(starttime) DESC") == [sns, ses, bedrock])
        #expect(try Self.rows(base + "ORDER BY \"EventSource\" DESC") == [sns, ses, bedrock])
        #expect(try Self.rows(base + "ORDER BY COUNT(*) DESC LIMIT 2") == [ses, bedrock])
        #expect(try Self.rows(base) == [bedrock, ses, sns])
    }

    @Test("runs a query written in lower case like its upper-case twin")
    func lowerCaseKeywords() throws {
        #expect(try Self.rows("select \"EventSource\", count(*) as n from events where sourceip is not null group by \"EventSource\" having n >= 1 order by n desc limit 1")
            == [["ses.amazonaws.com", 2]])
    }

    @Test("NULL is a group key of its own, sorted lowest")
    func nullKeys() throws {
        let base = "SELECT sourceip, COUNT(*) FROM events GROUP BY sourceip "
        #expect(try Self.rows(base) == [[nil, 1], ["203.0.113.7", 2], ["203.0.113.8", 1], ["203.0.113.9", 1]])
        #expect(try Self.rows(base + "ORDER BY COUNT(*) DESC") == [["203.0.113.7", 2], [nil, 1], ["203.0.113.8", 1], ["203.0.113.9", 1]])
        #expect(try Self.rows(base + "ORDER BY sourceip DESC") == [["203.0.113.9", 1], ["203.0.113.8", 1], ["203.0.113.7", 2], [nil, 1]])
    }

    @Test("ties on every ORDER BY key follow the group key, column by column")
    func multiKeyTies() throws {
        #expect(try Self.rows("""
            SELECT "EventSource", sourceip, COUNT(*) FROM events GROUP BY "EventSource", sourceip ORDER BY COUNT(*)
            """) == [
            ["bedrock.amazonaws.com", "203.0.113.9", 1],
            ["ses.amazonaws.com", nil, 1],
            ["ses.amazonaws.com", "203.0.113.7", 1],
            ["ses.amazonaws.com", "203.0.113.8", 1],
            ["sns.amazonaws.com", "203.0.113.7", 1],
        ])
    }

    @Test("ties follow the group key in GROUP BY order, not select order")
    func tiesInGroupByOrder() throws {
        #expect(try Self.rows("""
            SELECT sourceip, "EventSource", COUNT(*) FROM events GROUP BY "EventSource", sourceip ORDER BY COUNT(*) DESC
            """) == [
            ["203.0.113.9", "bedrock.amazonaws.com", 1],
            [nil, "ses.amazonaws.com", 1],
            ["203.0.113.7", "ses.amazonaws.com", 1],
            ["203.0.113.8", "ses.amazonaws.com", 1],
            ["203.0.113.7", "sns.amazonaws.com", 1],
        ])
    }

    @Test("DISTINCTCOUNT is computed exactly, as UNIQUECOUNT")
    func distinctCount() throws {
        #expect(try Self.rows("SELECT DISTINCTCOUNT(sourceip), UNIQUECOUNT(sourceip), DISTINCTCOUNT(\"UserIdentityArn\") FROM events") == [[3, 3, 2]])
    }

    @Test("an alias hides a property of the same name in HAVING and ORDER BY")
    func aliasHidesProperty() throws {
        // sourceip here is the event name: ordering by it ignores the addresses.
        #expect(try Self.rows("SELECT \"EventName\" AS sourceip FROM events ORDER BY sourceip")
            == [["InvokeModel"], ["Publish"], ["SendEmail"], ["SendRawEmail"], ["SendTemplatedEmail"]])
        #expect(try Self.rows("SELECT \"EventSource\", COUNT(*) AS sourceip FROM events GROUP BY \"EventSource\" HAVING sourceip > 1")
            == [["ses.amazonaws.com", 3]])
    }

    @Test("groups by a DATEFORMAT bucket")
    func dateBuckets() throws {
        #expect(try Self.rows("""
            SELECT DATEFORMAT(starttime, 'HH:mm') AS minute, COUNT(*) FROM events
            GROUP BY DATEFORMAT(starttime, 'HH:mm') ORDER BY minute DESC LIMIT 3
            """) == [["10:05", 1], ["10:02", 1], ["10:01", 1]])
        #expect(try Self.rows("SELECT DATEFORMAT(starttime, 'HH') AS hour, COUNT(*) AS n FROM events GROUP BY DATEFORMAT(starttime, 'HH')")
            == [["09", 1], ["10", 4]])
    }

    @Test("without aggregates: one row per event, in input order unless ORDER BY says otherwise")
    func rowsInOrder() throws {
        #expect(try Self.rows("SELECT \"EventName\" FROM events") == [["SendTemplatedEmail"], ["SendRawEmail"], ["SendEmail"], ["Publish"], ["InvokeModel"]])
        #expect(try Self.rows("SELECT \"EventName\" FROM events ORDER BY starttime") == [["InvokeModel"], ["SendEmail"], ["Publish"], ["SendRawEmail"], ["SendTemplatedEmail"]])
        // NULL first; the two 203.0.113.7 rows tie and keep input order.
        #expect(try Self.rows("SELECT \"EventName\" FROM events ORDER BY sourceip") == [["SendRawEmail"], ["SendEmail"], ["Publish"], ["SendTemplatedEmail"], ["InvokeModel"]])
        #expect(try Self.rows("SELECT \"EventName\" AS e FROM events ORDER BY e DESC") == [["SendTemplatedEmail"], ["SendRawEmail"], ["SendEmail"], ["Publish"], ["InvokeModel"]])
        #expect(try Self.rows("SELECT \"EventName\" FROM events LIMIT 2") == [["SendTemplatedEmail"], ["SendRawEmail"]])
        #expect(try Self.rows("SELECT \"EventName\" FROM events ORDER BY starttime DESC LIMIT 1") == [["SendTemplatedEmail"]])
    }

    @Test("HAVING without aggregates keeps only rows whose condition is true")
    func havingWithoutAggregates() throws {
        #expect(try Self.rows("SELECT \"EventName\" AS e FROM events HAVING e LIKE 'Send%' AND sourceip IS NOT NULL")
            == [["SendTemplatedEmail"], ["SendEmail"]])
        #expect(try Self.rows("SELECT \"EventName\" FROM events WHERE \"EventSource\" = 'ses.amazonaws.com' HAVING \"EventName\" <> 'SendEmail' ORDER BY starttime LIMIT 1")
            == [["SendRawEmail"]])
    }

    @Test("FIRST and LAST break time ties by input order: file path bytes, then byte offset")
    func tiesByInputOrder() throws {
        let time = "2026-01-05T10:00:00Z"
        let files = [
            "a.jsonl": [TrailRecord(time: time, name: "a-first"), TrailRecord(time: time, name: "a-second")],
            "b.jsonl": [TrailRecord(time: time, name: "b-first"), TrailRecord(time: time, name: "b-second")],
            "Z.jsonl": [TrailRecord(time: "2026-01-05T10:00:00.000Z", name: "Z-only")],
        ]
        for workers in [1, 2] {
            let run = try QueryFixture.run("SELECT FIRST(\"EventName\"), LAST(\"EventName\"), \"EventName\", COUNT(*) FROM events",
                                           files: files, workers: workers)
            // "Z" (0x5A) sorts before "a" (0x61).
            #expect(run.result.rows.map(\.values) == [["Z-only", "b-second", "Z-only", 5]], "workers: \(workers)")
            let plain = try QueryFixture.run("SELECT \"EventName\" FROM events ORDER BY starttime", files: files, workers: workers)
            #expect(plain.result.rows.map(\.values) == [["Z-only"], ["a-first"], ["a-second"], ["b-first"], ["b-second"]], "workers: \(workers)")
        }
    }
}
