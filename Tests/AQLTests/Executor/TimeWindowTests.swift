import AQL
import CloudTrail
import Testing

/// Now is 2026-01-05T12:00:00Z (1,767,614,400,000 ms). Events at the edges of the last day:
///
/// | name | time                       | ms from now |
/// |------|----------------------------|-------------|
/// | E    | 2026-01-03T00:00:00Z       | −216,000,000 |
/// | A    | 2026-01-04T12:00:00Z       | −86,400,000 |
/// | B    | 2026-01-04T12:00:00.001Z   | −86,399,999 |
/// | C    | 2026-01-05T12:00:00Z       | 0           |
/// | D    | 2026-01-05T12:00:00.001Z   | +1          |
@Suite struct TimeWindowTests {
    static let now = QueryFixture.now
    static let records: [TrailRecord] = [
        TrailRecord(time: "2026-01-03T00:00:00Z", name: "E"),
        TrailRecord(time: "2026-01-04T12:00:00Z", name: "A"),
        TrailRecord(time: "2026-01-04T12:00:00.001Z", name: "B"),
        TrailRecord(time: "2026-01-05T12:00:00Z", name: "C"),
        TrailRecord(time: "2026-01-05T12:00:00.001Z", name: "D"),
    ]

    static func names(_ run: (plan: QueryPlan, result: AQLResult)) -> [String] {
        run.result.rows.map { $0.values[0].text ?? "NULL" }
    }

    static func run(_ tail: String, options: AQLOptions? = nil) throws -> (plan: QueryPlan, result: AQLResult) {
        try QueryFixture.run("SELECT \"EventName\" FROM events " + tail, over: records, options: options)
    }

    struct WindowCase: CustomTestStringConvertible, Sendable {
        var tail: String
        var kept: [String]
        var timeZone = "UTC"
        var testDescription: String { tail + (timeZone == "UTC" ? "" : " in \(timeZone)") }
    }

    @Test("keeps (now − n, now] for LAST and [start, stop) for START/STOP", arguments: [
        WindowCase(tail: "LAST 1 DAYS", kept: ["B", "C"]),
        WindowCase(tail: "LAST 24 HOURS", kept: ["B", "C"]),
        WindowCase(tail: "LAST 1440 MINUTES", kept: ["B", "C"]),
        WindowCase(tail: "LAST 3 DAYS", kept: ["E", "A", "B", "C"]),
        WindowCase(tail: "START '2026-01-04 12:00' STOP '2026-01-05 12:00'", kept: ["A", "B"]),
        WindowCase(tail: "START '2026-01-04 12:00:00' STOP '2026-01-05 12:00:00'", kept: ["A", "B"]),
        // Whole minutes, as Ariel searches: STOP 12:00:00.001 reaches to 12:00:59.999, so C and D.
        WindowCase(tail: "START '2026-01-04T12:00:00Z' STOP '2026-01-05T12:00:00.001Z'", kept: ["A", "B", "C", "D"]),
        // START rounds down (12:00:30 → 12:00, so A), STOP up (11:59:30 → 12:00, exclusive: not C).
        WindowCase(tail: "START '2026/01/04 12:00:30' STOP '2026/01/05-11:59:30'", kept: ["A", "B"]),
        WindowCase(tail: "START '2026:01:04-12:00:59' STOP '2026:01:05-12:00:00'", kept: ["A", "B"]),
        // STOP 12:00:01 reaches the end of that minute: C (12:00:00) and D (12:00:00.001).
        WindowCase(tail: "START '2026-01-04 12:00:01' STOP '2026-01-05 12:00:01'", kept: ["A", "B", "C", "D"]),
        // 'Z' after the minutes is UTC, whatever --timezone says.
        WindowCase(tail: "START '2026-01-04 12:00Z' STOP '2026-01-05 12:00z'", kept: ["A", "B"], timeZone: "Europe/Paris"),
        WindowCase(tail: "START '1767528000000' STOP '1767614400000'", kept: ["A", "B"]),
        WindowCase(tail: "START '2026-01-04 13:00' STOP '2026-01-05 13:00'", kept: ["A", "B"], timeZone: "Europe/Paris"),
        WindowCase(tail: "START '2026-01-04T12:00:00Z' STOP '2026-01-05T12:00:00Z'", kept: ["A", "B"], timeZone: "Europe/Paris"),
        WindowCase(tail: "WHERE starttime > NOW() - 86400000", kept: ["B", "C", "D"]),
        WindowCase(tail: "WHERE starttime >= NOW() - 86400000 AND devicetime <= NOW()", kept: ["A", "B", "C"]),
        WindowCase(tail: "WHERE starttime > NOW() - 86400000 LAST 1 DAYS", kept: ["B", "C"]),
        // Folded into the window when the query is prepared: mirrored and strict forms.
        WindowCase(tail: "WHERE NOW() - 86400000 < starttime", kept: ["B", "C", "D"]),
        WindowCase(tail: "WHERE starttime < NOW()", kept: ["E", "A", "B"]),
        WindowCase(tail: "WHERE NOW() >= devicetime AND starttime >= NOW() - 86400000", kept: ["A", "B", "C"]),
        WindowCase(tail: "WHERE starttime > NOW() - 86400000 AND starttime < NOW() - 86400000 + 1", kept: []),
    ])
    func windows(_ example: WindowCase) throws {
        let run = try Self.run(example.tail, options: try QueryFixture.options(timeZone: example.timeZone))
        #expect(Self.names(run) == example.kept)
    }

    @Test("START not before STOP keeps nothing and says why")
    func emptyStartStop() throws {
        let run = try Self.run("START '2026-01-05 12:00' STOP '2026-01-04 12:00'")
        #expect(Self.names(run).isEmpty)
        #expect(run.plan.warnings.contains { $0.hasPrefix("START '2026-01-05 12:00' is not before STOP '2026-01-04 12:00'") })
        #expect(try Self.run("START '2026-01-04 12:00' STOP '2026-01-05 12:00'").plan.warnings.isEmpty)
    }

    @Test("describes the now and the window used, for result headers")
    func windowDescription() throws {
        let last = try Self.run("LAST 1 DAYS").plan.windowDescription
        #expect(last.contains("LAST 1 DAYS"))
        #expect(last.contains("2026-01-04T12:00:00Z"))
        #expect(last.contains("2026-01-05T12:00:00Z"))
        let condition = try Self.run("WHERE starttime > NOW() - 86400000").plan.windowDescription
        #expect(condition.contains("starttime > NOW() - 86400000"))
    }

    @Test("NOW() is now in epoch milliseconds")
    func nowFunction() throws {
        #expect(try QueryFixture.value(of: "NOW()") == .integer(Self.now))
        #expect(try QueryFixture.value(of: "NOW() - starttime", in: TrailRecord(time: "2026-01-05T11:59:00Z")) == 60_000)
        let other = try QueryFixture.options(now: 1000)
        #expect(try QueryFixture.value(of: "NOW()", options: other) == 1000)
    }

    @Test("counts the events the window left out, and the newest of them")
    func statistics() throws {
        let last = try Self.run("LAST 1 DAYS").result.statistics
        #expect(last.considered == 5)
        #expect(last.excludedByWindow == 3)
        #expect(last.newestExcluded == Self.now + 1)
        #expect(last.oldestExcluded == Self.now - 216_000_000)
        #expect(last.matched == 2)

        let condition = try Self.run("WHERE starttime > NOW() - 86400000").result.statistics
        #expect(condition.excludedByWindow == 2)
        #expect(condition.newestExcluded == Self.now - 86_400_000)

        let none = try Self.run("WHERE \"EventName\" <> 'x'").result.statistics
        #expect(none.excludedByWindow == 0)
        #expect(none.newestExcluded == nil)
    }

    @Test("counts an event the window leaves out even when WHERE would drop it too")
    func statisticsBeforeFilter() throws {
        let run = try Self.run("WHERE \"EventName\" = 'B' LAST 1 DAYS")
        #expect(Self.names(run) == ["B"])
        #expect(run.result.statistics.excludedByWindow == 3)
        #expect(run.result.statistics.matched == 1)
    }

    @Test("hunt mode drops LAST and NOW() conditions and applies [since, until]")
    func hunt() throws {
        let whole = try QueryFixture.options(mode: .hunt(since: nil, until: nil))
        let query = "WHERE starttime > NOW() - 86400000 AND \"EventName\" <> 'C' LAST 1 DAYS"
        let run = try Self.run(query, options: whole)
        #expect(Self.names(run) == ["E", "A", "B", "D"])
        #expect(run.plan.replacedWindow == ["LAST 1 DAYS", "starttime > NOW() - 86400000"])
        #expect(run.result.statistics.excludedByWindow == 0)

        // Both hunt bounds are inclusive: A and C themselves are kept.
        let bounded = try QueryFixture.options(mode: .hunt(since: Self.now - 86_400_000, until: Self.now))
        let inside = try Self.run(query, options: bounded)
        #expect(Self.names(inside) == ["A", "B"])
        #expect(inside.result.statistics.excludedByWindow == 2)
        #expect(inside.result.statistics.newestExcluded == Self.now + 1)

        let startStop = try Self.run("START '2026-01-05 00:00' STOP '2026-01-05 01:00'", options: whole)
        #expect(Self.names(startStop) == ["E", "A", "B", "C", "D"])
    }

    @Test("hunt mode keeps a NOW() comparison that is not about starttime")
    func huntKeepsOtherNowConditions() throws {
        let whole = try QueryFixture.options(mode: .hunt(since: nil, until: nil))
        let run = try Self.run("WHERE NOW() > 0 AND \"EventName\" IN ('A', 'B')", options: whole)
        #expect(Self.names(run) == ["A", "B"])
        #expect(run.plan.replacedWindow.isEmpty)
    }
}
