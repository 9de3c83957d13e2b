import AQL
import CloudTrail
import Testing

/// Results must not depend on how many workers read the files, nor on which worker saw which.
@Suite struct DeterminismTests {
    /// 120 events over four files, times out of order and often tied, values that sum inexactly.
    static let files: [String: [TrailRecord]] = {
        let sources = ["ses.amazonaws.com", "sns.amazonaws.com", "bedrock.amazonaws.com"]
        let names = ["SendEmail", "Publish", "InvokeModel", "Converse"]
        let base = EventTime.parse("2026-01-05T08:00:00Z")!
        var files: [String: [TrailRecord]] = [:]
        for index in 0..<120 {
            let file = ["a.jsonl", "b/c.jsonl", "b/d.jsonl", "e.jsonl"][index % 4]
            let time = base + Int64((index * 7919) % 37) * 60_000
            let bytes = ["0.1", "0.2", "1e16", "-1e16", "3", "0.3"][index % 6]
            let record = TrailRecord(time: EventTime.rfc3339(time), source: sources[index % 3], name: "\(names[index % 4])-\(index)",
                                     arn: "arn:aws:iam::111122223333:user/u\(index % 5)",
                                     ip: index % 7 == 0 ? "AWS Internal" : "198.51.100.\(index % 9)",
                                     raw: ["additionalEventData": "{\"bytes\":\(bytes)}"])
            files[file, default: []].append(record)
        }
        return files
    }()

    static let queries = [
        """
        SELECT "EventSource", sourceip, COUNT(*), FIRST("EventName"), LAST("EventName"), "EventName", SUM(Bytes), AVG(Bytes),
               MIN("EventName"), MAX(starttime), UNIQUECOUNT("UserIdentityArn")
        FROM events GROUP BY "EventSource", sourceip
        """,
        "SELECT \"UserIdentityArn\", COUNT(*) AS n FROM events GROUP BY \"UserIdentityArn\" ORDER BY n DESC LIMIT 3",
        "SELECT \"EventName\", starttime FROM events ORDER BY starttime DESC LIMIT 25",
        "SELECT \"EventName\" FROM events WHERE sourceip IS NULL",
        "SELECT COUNT(*), SUM(Bytes), FIRST(\"EventName\"), LAST(\"EventName\") FROM events LAST 20 MINUTES",
    ]

    @Test("gives identical results with one worker and with two", arguments: queries)
    func workersAgree(_ query: String) throws {
        let options = try QueryFixture.options(now: EventTime.parse("2026-01-05T08:30:00Z")!, userProperties: ["Bytes=additionalEventData.bytes"])
        let one = try QueryFixture.run(query, files: Self.files, options: options, workers: 1).result
        let two = try QueryFixture.run(query, files: Self.files, options: options, workers: 2).result
        #expect(one == two)
        #expect(!one.rows.isEmpty)
    }

    @Test("sums decimals exactly, whatever the order")
    func exactSums() throws {
        // 20 × (0.1 + 0.2 + 1e16 − 1e16 + 3 + 0.3): the 1e16 terms cancel exactly, and the doubles
        // nearest 0.1, 0.2 and 0.3 add up to 72 + 1.1e-16, which rounds to 72.
        let options = try QueryFixture.options(userProperties: ["Bytes=additionalEventData.bytes"])
        for workers in [1, 2] {
            let result = try QueryFixture.run("SELECT SUM(Bytes), COUNT(Bytes) FROM events", files: Self.files, options: options, workers: workers).result
            #expect(result.rows.map(\.values) == [[72.0, 120]], "workers: \(workers)")
        }
    }
}
