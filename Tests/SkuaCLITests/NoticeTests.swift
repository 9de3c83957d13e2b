import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// What the header and the notices say, through the binary: repeated evidence, reference sets,
/// now, the aql window, the query line.
@Suite struct NoticeTests {
    static let mallory = CloudTrailJSON.Caller.user("mallory")

    static func document(_ output: SkuaBinary.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
    }

    static func notices(_ output: SkuaBinary.Output) throws -> [String] {
        try #require((try document(output)["header"] as? [String: Any])?["notices"] as? [String])
    }

    @Test("the same evidence given twice: counts double, as counted, and a notice says the counts include repeated events")
    func copiesOfTheEvidence() throws {
        let original = TemporaryFolder()
        let lines = CloudTrailJSON.burst(count: 150, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish",
                                         caller: Self.mallory)
        original.write("AWSLogs/events.jsonl", lines.joined(separator: "\n") + "\n")
        let copy = TemporaryFolder()
        copy.write("copy-of-events.jsonl", lines.joined(separator: "\n") + "\n")

        let alone = try SkuaBinary.run(["hunt", "-q", "--format", "json", original.path])
        #expect(alone.status == 0)   // 150 publishes: under the threshold of 200
        #expect(!(try Self.notices(alone)).contains { $0.hasPrefix("counts include repeated events") })

        let twice = try SkuaBinary.run(["hunt", "-q", "--format", "json", original.path, copy.path])
        // 300 counted: over 200, so it fires; counting is not changed.
        #expect(twice.status == 1)
        let findings = try #require(try Self.document(twice)["findings"] as? [[String: Any]])
        #expect(findings.map { ($0["EventCount"] as? NSNumber)?.intValue } == [300, 300])
        let notice = try #require(try Self.notices(twice).first)
        // 150 events read a second time, of 300 evaluated (the estimate is exact at this size).
        #expect(notice.hasPrefix("counts include repeated events: ≈ 150 of the 300 events evaluated repeat an eventID already read "
                                 + "(0 within files, ≈ 150 across files by estimate)"))
        #expect(notice.contains("the same logs given twice"))
        #expect(notice.contains("an organization trail beside the member accounts' own trails"))
        #expect(notice.contains("Give each copy of the evidence once"))

        let table = try SkuaBinary.run(["hunt", "-q", original.path, copy.path])
        #expect(table.standardOutput.contains("\nrepeats:  counts include ≈ 150 repeated events (see Notices)\n"))
        #expect(table.standardOutput.contains("\nNotices\n  ! counts include repeated events: ≈ 150 of the 300 events"))
    }

    @Test("reference sets not loaded: one notice naming every one of them")
    func unloadedSets() throws {
        let folder = TemporaryFolder()
        folder.write("events.jsonl", CloudTrailJSON.burst(count: 3, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com",
                                                          name: "Publish", caller: Self.mallory).joined(separator: "\n") + "\n")
        let output = try SkuaBinary.run(["hunt", "-q", "--format", "json", folder.path])
        let about = try Self.notices(output).filter { $0.contains("reference set") }
        #expect(about == ["reference sets AllowedCallers and AllowedRoles (read by t1496.004-tuned) were not loaded: they are empty, "
                          + "so REFERENCESETCONTAINS finds nothing in them "
                          + "(load them with --reference-set AllowedCallers=FILE --reference-set AllowedRoles=FILE)"])
        let sets = TemporaryFolder()
        let roles = sets.write("roles.txt", "arn:aws:iam::111122223333:role/ml\n")
        let one = try SkuaBinary.run(["hunt", "-q", "--format", "json", "--reference-set", "AllowedRoles=" + roles, folder.path])
        #expect(try Self.notices(one).filter { $0.contains("reference set") } == [
            "reference set AllowedCallers (read by t1496.004-tuned) was not loaded: it is empty, so REFERENCESETCONTAINS finds nothing in it "
                + "(load it with --reference-set AllowedCallers=FILE)",
        ])
    }

    struct UnusedCase: CustomTestStringConvertible, Sendable {
        var name: String
        var notice: String
        var testDescription: String { name }
    }

    @Test("a reference set no rule reads is named, with the rule's set it most likely meant", arguments: [
        UnusedCase(name: "allowedcallers",
                   notice: "reference set allowedcallers was loaded with --reference-set, but no rule reads it (names match exactly, case included); did you mean AllowedCallers?"),
        UnusedCase(name: "AllowedCaller",
                   notice: "reference set AllowedCaller was loaded with --reference-set, but no rule reads it (names match exactly, case included); did you mean AllowedCallers?"),
        UnusedCase(name: "Typo",
                   notice: "reference set Typo was loaded with --reference-set, but no rule reads it (names match exactly, case included); the rules read AllowedCallers and AllowedRoles"),
    ])
    func unusedSet(_ example: UnusedCase) throws {
        let folder = TemporaryFolder()
        folder.write("events.jsonl", CloudTrailJSON.burst(count: 3, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com",
                                                          name: "Publish", caller: Self.mallory).joined(separator: "\n") + "\n")
        let sets = TemporaryFolder()
        let file = sets.write("set.txt", "arn:aws:iam::111122223333:user/mallory\n")
        let output = try SkuaBinary.run(["hunt", "-q", "--format", "json", "--reference-set", "\(example.name)=\(file)", folder.path])
        #expect(try Self.notices(output).contains(example.notice))
        let query = try SkuaBinary.run(["aql", "-q", "--format", "json", "--reference-set", "\(example.name)=\(file)",
                                        "SELECT COUNT(*) AS n FROM events", folder.path])
        #expect(try Self.notices(query).contains(
            "reference set \(example.name) was loaded with --reference-set, but the query does not read it (names match exactly, case included)"))
    }

    @Test("now in the header: hunt does not use it; aql says so when its query does not; otherwise the time and where it came from")
    func nowLine() throws {
        let folder = TemporaryFolder()
        folder.write("events.jsonl", CloudTrailJSON.burst(count: 3, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com",
                                                          name: "Publish", caller: Self.mallory).joined(separator: "\n") + "\n")
        let hunt = try SkuaBinary.run(["hunt", "-q", folder.path])
        #expect(hunt.standardOutput.contains("\nnow:      not used (the hunt window replaces the rules' LAST and NOW() conditions)\n"))
        let json = try Self.document(try SkuaBinary.run(["hunt", "-q", "--format", "json", folder.path]))
        #expect((json["header"] as? [String: Any])?["now_used"] as? Bool == false)

        let plain = try SkuaBinary.run(["aql", "-q", "SELECT COUNT(*) AS n FROM events", folder.path])
        #expect(plain.standardOutput.contains("\nnow:      not used by the query (no LAST, no NOW())\n"))
        #expect(!plain.standardOutput.contains("(wall clock (")) // no nested parentheses
        let last = try SkuaBinary.run(["aql", "-q", "SELECT COUNT(*) AS n FROM events LAST 1 HOURS", folder.path])
        // Three events a second apart from 10:00:00: the newest is 10:00:02.
        #expect(last.standardOutput.contains("\nnow:      2026-01-05T10:00:02Z (the newest event in the input)\n"))
    }

    @Test("aql: the window notice groups digits, and the count is of rows that passed WHERE")
    func groupedCounts() throws {
        // 1,200 events one second apart from 10:00:00 to 10:19:59; LAST 1 MINUTES at the newest
        // keeps (10:18:59, 10:19:59]: 60 events, and leaves out the other 1,140.
        let folder = TemporaryFolder()
        folder.write("events.jsonl", CloudTrailJSON.burst(count: 1_200, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com",
                                                          name: "Publish", caller: Self.mallory).joined(separator: "\n") + "\n")
        let output = try SkuaBinary.run(["aql", "-q", "SELECT COUNT(*) AS n FROM events WHERE \"EventName\" = 'Publish' LAST 1 MINUTES",
                                         folder.path])
        #expect(output.standardOutput.contains("left out 1,140 of 1,200 events"))
        #expect(output.standardOutput.contains("  1 finding (60 of the 60 events in the window passed WHERE)\n"))
    }

    @Test("aql's header shows the query on one shortened line with its line count; JSON keeps it whole")
    func queryLine() throws {
        let folder = TemporaryFolder()
        folder.write("events.jsonl", CloudTrailJSON.burst(count: 3, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com",
                                                          name: "Publish", caller: Self.mallory).joined(separator: "\n") + "\n")
        let query = "SELECT COUNT(*) AS n\n  FROM events\n  WHERE \"EventName\" = 'Publish'"
        let short = try SkuaBinary.run(["aql", "-q", query, folder.path])
        #expect(short.standardOutput.contains("\nquery:    SELECT COUNT(*) AS n FROM events WHERE \"EventName\" = 'Publish'  (3 lines)\n"))

        // One line of 2,400 characters: cut to the 160-column header (10 for 'query:    ', the
        // ellipsis in the 150th column).
        let long = "SELECT COUNT(*) AS n FROM events WHERE \"EventName\" IN (" + Array(repeating: "'Publish'", count: 240).joined(separator: ",") + ")"
        let output = try SkuaBinary.run(["aql", "-q", long, folder.path])
        let line = try #require(output.standardOutput.components(separatedBy: "\n").first { $0.hasPrefix("query:    ") })
        #expect(line.count == 160)
        #expect(line.hasSuffix("…"))
        let json = try Self.document(try SkuaBinary.run(["aql", "-q", "--format", "json", long, folder.path]))
        #expect((json["header"] as? [String: Any])?["query"] as? String == long)
    }
}
