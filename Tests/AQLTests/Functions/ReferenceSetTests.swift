import AQL
import CloudTrail
import SkuaTestSupport
import Testing

@Suite struct ReferenceSetTests {
    static let alice = "arn:aws:iam::111122223333:user/alice"
    static let bob = "arn:aws:iam::111122223333:user/bob"
    static let mailer = "arn:aws:sts::111122223333:assumed-role/mailer/app"

    static let records: [TrailRecord] = [
        TrailRecord(time: "2026-01-05T10:00:00Z", name: "A", arn: alice),
        TrailRecord(time: "2026-01-05T10:00:01Z", name: "B", arn: bob),
        TrailRecord(time: "2026-01-05T10:00:02Z", name: "C", arn: mailer),
    ]

    static func names(_ query: String, sets: ReferenceSets) throws -> [AQLValue] {
        try QueryFixture.rows(query, over: records, options: try QueryFixture.options(referenceSets: sets)).map { $0[0] }
    }

    @Test("loads a set from a file with one value per line, skipping blanks and # comments")
    func linesFile() throws {
        let folder = TemporaryFolder()
        let file = folder.write("legit.txt", "# transactional senders\n\n  \(Self.mailer)  \r\n\(Self.bob)\n")
        var sets = ReferenceSets()
        try sets.load("LegitSES=" + file)
        #expect(sets.sets["LegitSES"] == [Self.mailer, Self.bob])
        #expect(try Self.names("SELECT \"EventName\" FROM events WHERE REFERENCESETCONTAINS('LegitSES', \"UserIdentityArn\")", sets: sets)
            == ["B", "C"])
    }

    @Test("loads a set from a JSON array of strings and numbers")
    func jsonFile() throws {
        let folder = TemporaryFolder()
        let file = folder.write("legit.json", "[\"\(Self.alice)\", 347, \"203.0.113.7\"]")
        var sets = ReferenceSets()
        try sets.load("Mixed=" + file)
        #expect(sets.sets["Mixed"] == [Self.alice, "347", "203.0.113.7"])
        #expect(try QueryFixture.value(of: "REFERENCESETCONTAINS('Mixed', devicetype)", options: try QueryFixture.options(referenceSets: sets)) == true)
        #expect(try QueryFixture.value(of: "REFERENCESETCONTAINS('Mixed', sourceip)", options: try QueryFixture.options(referenceSets: sets)) == true)
        #expect(try QueryFixture.value(of: "REFERENCESETCONTAINS('Mixed', \"AWSRegion\")", options: try QueryFixture.options(referenceSets: sets)) == false)
    }

    @Test("excludes allow-listed callers with AND NOT REFERENCESETCONTAINS, as the seed's tuning advises")
    func seedTuning() throws {
        let sets = ReferenceSets(["LegitSES": [Self.mailer]])
        let query = "SELECT \"EventName\" FROM events WHERE \"EventSource\" = 'ses.amazonaws.com' AND NOT REFERENCESETCONTAINS('LegitSES', \"UserIdentityArn\")"
        #expect(try Self.names(query, sets: sets) == ["A", "B"])
    }

    @Test("a NULL value is in no set: false, so NOT REFERENCESETCONTAINS keeps the event")
    func nullValue() throws {
        let records = Self.records + [TrailRecord(time: "2026-01-05T10:00:03Z", name: "D", arn: nil, identityType: "AWSService")]
        let options = try QueryFixture.options(referenceSets: ReferenceSets(["LegitSES": [Self.mailer]]))
        #expect(try QueryFixture.rows("SELECT \"EventName\", REFERENCESETCONTAINS('LegitSES', \"UserIdentityArn\") FROM events WHERE NOT REFERENCESETCONTAINS('LegitSES', \"UserIdentityArn\")",
                                      over: records, options: options) == [["A", false], ["B", false], ["D", false]])
    }

    @Test("matches set names exactly")
    func namesExact() throws {
        let sets = ReferenceSets(["LegitSES": [Self.alice]])
        let plan = try AQLAnalyzer.plan("SELECT sourceip FROM events WHERE REFERENCESETCONTAINS('legitses', \"UserIdentityArn\")",
                                        options: try QueryFixture.options(referenceSets: sets))
        #expect(plan.warnings.count == 1)
    }

    @Test("treats a set that was not loaded as empty, with a warning")
    func notLoaded() throws {
        let query = "SELECT \"EventName\" FROM events WHERE NOT REFERENCESETCONTAINS('LegitSES', \"UserIdentityArn\")"
        let run = try QueryFixture.run(query, over: Self.records)
        #expect(run.result.rows.map { $0.values[0] } == ["A", "B", "C"])
        #expect(run.plan.warnings.count == 1)
        #expect(run.plan.warnings[0].contains("LegitSES"))
        let positive = try QueryFixture.run("SELECT COUNT(*) FROM events WHERE REFERENCESETCONTAINS('LegitSES', \"UserIdentityArn\")", over: Self.records)
        #expect(positive.result.rows.map(\.values) == [[0]])
    }

    @Test("rejects a reference set argument that is not NAME=FILE, or a file it cannot read")
    func badArguments() throws {
        var sets = ReferenceSets()
        #expect(throws: ReferenceSetError.self) { try sets.load("LegitSES") }
        #expect(throws: ReferenceSetError.self) { try sets.load("=file.txt") }
        #expect(throws: ReferenceSetError.self) { try sets.load("LegitSES=/nonexistent/legit.txt") }
        let folder = TemporaryFolder()
        let file = folder.write("broken.json", "[\"a\", ")
        #expect(throws: ReferenceSetError.self) { try sets.load("Broken=" + file) }
    }
}
