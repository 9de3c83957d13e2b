import AQL
import CloudTrail
import Testing

/// Group keys and UNIQUECOUNT compare values, however the record spells them: a string read
/// straight from the record's bytes and the same string decoded from escapes are one value.
@Suite struct GroupKeyTests {
    static func record(_ second: Int, name: String, ip: String = "203.0.113.7") -> TrailRecord {
        TrailRecord(time: "2026-01-05T10:00:0\(second)Z", name: nil, ip: ip, raw: ["eventName": name])
    }

    @Test("a key written with escapes, or with non-ASCII text, groups with its plain twin", arguments: [
        // (raw JSON of eventName in record 1, in record 2, the decoded text)
        (#""abc""#, #""a\u0062c""#, "abc"),
        (#""caf\u00e9""#, #""café""#, "café"),
        (#""a\/b""#, #""a/b""#, "a/b"),
        (#""tab\there""#, #""tab\u0009here""#, "tab\there"),
    ])
    func escapedAndPlainAreOneGroup(_ first: String, _ second: String, _ text: String) throws {
        let rows = try QueryFixture.rows("SELECT \"EventName\", COUNT(*) AS n FROM events GROUP BY \"EventName\"",
                                         over: [Self.record(1, name: first), Self.record(2, name: second)])
        #expect(rows == [[.string(text), 2]])
    }

    @Test("UNIQUECOUNT counts a value once however it is spelled, and NULLs not at all")
    func uniqueCountAcrossSpellings() throws {
        let records = [
            Self.record(1, name: #""abc""#), Self.record(2, name: #""a\u0062c""#), Self.record(3, name: #""abd""#),
            Self.record(4, name: "null"),
        ]
        let rows = try QueryFixture.rows("SELECT UNIQUECOUNT(\"EventName\") AS names, COUNT(*) AS n FROM events", over: records)
        #expect(rows == [[2, 4]])
    }

    @Test("sourceip groups by the canonical address: IPv6 spellings meet, IPv4 is kept as written")
    func sourceIPGroups() throws {
        let records = [
            Self.record(1, name: #""x""#, ip: "2001:DB8::1"), Self.record(2, name: #""x""#, ip: "2001:0db8:0:0:0:0:0:1"),
            Self.record(3, name: #""x""#, ip: "192.0.2.1"), Self.record(4, name: #""x""#, ip: "192.0.2.1"),
            Self.record(5, name: #""x""#, ip: "AWS Internal"),
        ]
        let rows = try QueryFixture.rows("SELECT sourceip, COUNT(*) AS n, UNIQUECOUNT(sourceip) AS u FROM events GROUP BY sourceip",
                                         over: records)
        // NULL sorts lowest, then text by bytes ("1" < "2").
        #expect(rows == [[nil, 1, 0], ["192.0.2.1", 2, 1], ["2001:db8::1", 2, 1]])
    }

    @Test("groups seen by different workers merge into one row with every count")
    func mergeAcrossWorkers() throws {
        // Two files, so two workers each see part of every group.
        let files = ["a.jsonl": (0..<5).map { Self.record($0, name: $0 % 2 == 0 ? #""even""# : #""o\u0064d""#) },
                     "b.jsonl": (5..<9).map { Self.record($0, name: $0 % 2 == 0 ? #""ev\u0065n""# : #""odd""#) }]
        let query = "SELECT \"EventName\", COUNT(*) AS n, UNIQUECOUNT(sourceip) AS u FROM events GROUP BY \"EventName\""
        let one = try QueryFixture.run(query, files: files, workers: 1).result.rows.map(\.values)
        let two = try QueryFixture.run(query, files: files, workers: 2).result.rows.map(\.values)
        // even: seconds 0, 2, 4, 6, 8; odd: 1, 3, 5, 7.
        #expect(one == [["even", 5, 1], ["odd", 4, 1]])
        #expect(two == one)
    }
}
