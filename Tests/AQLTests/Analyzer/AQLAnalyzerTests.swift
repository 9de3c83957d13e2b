import AQL
import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

@Suite struct AQLAnalyzerTests {
    static func semanticError(_ marked: MarkedText, options: AQLOptions? = nil) throws -> AQLSemanticError? {
        let query = try AQLParser.parse(marked.text)
        let options = try options ?? QueryFixture.options()
        return #expect(throws: AQLSemanticError.self) { try AQLAnalyzer.plan(query, options: options) }
    }

    @Test("rejects an unknown property at its name, listing the nearest known names")
    func unknownProperty() throws {
        let marked = MarkedText("SELECT COUNT(*) FROM events WHERE ⟨EventSorce⟩ = 'ses.amazonaws.com'")
        let error = try #require(try Self.semanticError(marked))
        #expect(error.position == SourcePosition(offset: marked.offset))
        guard case .unknownProperty(let name, let suggestions) = error.problem else {
            Issue.record("expected unknownProperty, got \(error.problem)")
            return
        }
        #expect(name == "EventSorce")
        #expect(suggestions.first == "EventSource")
        #expect(error.problem.message.contains("nearest known: EventSource"))
    }

    @Test("matches a name exactly first, then without case when only one property fits")
    func caseOfNames() throws {
        let options = try QueryFixture.options()
        #expect(try AQLAnalyzer.plan("SELECT eventsource, USERIDENTITYARN FROM events", options: options).columns == ["EventSource", "UserIdentityArn"])
        #expect(try AQLAnalyzer.plan("SELECT username, UserName FROM events", options: options).columns == ["username", "UserName"])
        let marked = MarkedText("SELECT ⟨USERNAME⟩ FROM events")
        let error = try #require(try Self.semanticError(marked))
        #expect(error.position == SourcePosition(offset: marked.offset))
        guard case .unknownProperty(_, let suggestions) = error.problem else {
            Issue.record("expected unknownProperty, got \(error.problem)")
            return
        }
        #expect(suggestions.contains("username") && suggestions.contains("UserName"))
    }

    @Test("rejects an unknown quoted property and underlines it with its quotes")
    func unknownQuotedProperty() throws {
        let marked = MarkedText("SELECT ⟨\"UserIdentityARNs\"⟩ FROM events")
        let error = try #require(try Self.semanticError(marked))
        #expect(error.position == SourcePosition(offset: marked.offset))
        #expect(error.length == marked.length)
        guard case .unknownProperty(_, let suggestions) = error.problem else {
            Issue.record("expected unknownProperty, got \(error.problem)")
            return
        }
        #expect(suggestions.first == "UserIdentityArn")
        #expect(error.rendered(query: marked.text) == """
            query:1:8: error: \(error.problem.message)
            SELECT "UserIdentityARNs" FROM events
                   ^^^^^^^^^^^^^^^^^^
            """)
    }

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var name: String
        var marked: String
        var problem: AQLSemanticProblem
        var testDescription: String { name }
    }

    @Test("rejects queries that parse but cannot run, at the offending place", arguments: [
        ErrorCase(name: "aggregate in WHERE", marked: "SELECT sourceip FROM events WHERE ⟨COUNT⟩(*) > 1", problem: .aggregateInWhere),
        ErrorCase(name: "aggregate in GROUP BY", marked: "SELECT COUNT(*) FROM events GROUP BY ⟨MAX⟩(starttime)", problem: .aggregateInGroupBy),
        ErrorCase(name: "aggregate inside an aggregate", marked: "SELECT SUM(⟨COUNT⟩(*)) FROM events", problem: .nestedAggregate),
        ErrorCase(name: "* outside COUNT", marked: "SELECT 1 + ⟨*⟩ FROM events", problem: .starOutsideCount),
        ErrorCase(name: "wrong number of arguments", marked: "SELECT ⟨STRLEN⟩(\"EventName\", 2) FROM events",
                  problem: .wrongArgumentCount(function: "STRLEN", expected: "1 argument", got: 2)),
        ErrorCase(name: "reference set name not a literal", marked: "SELECT ⟨REFERENCESETCONTAINS⟩(\"EventName\", sourceip) FROM events",
                  problem: .literalRequired(function: "REFERENCESETCONTAINS", argument: "set name")),
        ErrorCase(name: "malformed CIDR", marked: "SELECT ⟨INCIDR⟩('10.0.0.0/33', sourceip) FROM events",
                  problem: .badCIDR("10.0.0.0/33")),
        ErrorCase(name: "START that is not a time", marked: "SELECT sourceip FROM events ⟨START⟩ 'yesterday' STOP '2026-01-05 00:00'",
                  problem: .badTime("yesterday")),
        ErrorCase(name: "regular expression that does not compile", marked: "SELECT sourceip FROM events WHERE ⟨\"EventName\"⟩ MATCHES 'Send('",
                  problem: .invalidPattern(function: "MATCHES", detail: "the regular expression 'Send(' does not compile")),
    ])
    func semanticErrors(_ example: ErrorCase) throws {
        let marked = MarkedText(example.marked)
        let error = try #require(try Self.semanticError(marked))
        #expect(error.problem == example.problem)
        #expect(error.position == SourcePosition(offset: marked.offset))
    }

    @Test("rejects an unknown function, suggesting the nearest")
    func unknownFunction() throws {
        let marked = MarkedText("SELECT ⟨UNIQCOUNT⟩(sourceip) FROM events")
        let error = try #require(try Self.semanticError(marked))
        #expect(error.position == SourcePosition(offset: marked.offset))
        guard case .unknownFunction(let name, let suggestions) = error.problem else {
            Issue.record("expected unknownFunction, got \(error.problem)")
            return
        }
        #expect(name == "UNIQCOUNT")
        #expect(suggestions.first == "UNIQUECOUNT")
    }

    @Test("rejects an invalid DATEFORMAT pattern before the run")
    func badDatePattern() throws {
        let marked = MarkedText("SELECT ⟨DATEFORMAT⟩(starttime, 'yyyy-bb') FROM events")
        let error = try #require(try Self.semanticError(marked))
        #expect(error.position == SourcePosition(offset: marked.offset))
        guard case .invalidPattern(function: "DATEFORMAT", _) = error.problem else {
            Issue.record("expected invalidPattern, got \(error.problem)")
            return
        }
    }

    @Test("rejects a table other than events at its name")
    func onlyEvents() throws {
        let marked = MarkedText("SELECT sourceip\nFROM ⟨flows⟩ WHERE sourceip IS NULL")
        let error = try #require(try Self.semanticError(marked))
        #expect(error.problem == .onlyEventsTable("flows"))
        #expect(error.position == SourcePosition(offset: marked.offset))
        #expect(error.length == marked.length)
        #expect(try AQLAnalyzer.plan("SELECT sourceip FROM EVENTS", options: try QueryFixture.options()).columns == ["sourceip"])
    }

    @Test("decides whether a query aggregates")
    func aggregation() throws {
        let options = try QueryFixture.options()
        #expect(try !AQLAnalyzer.plan("SELECT sourceip FROM events", options: options).isAggregated)
        #expect(try AQLAnalyzer.plan("SELECT sourceip FROM events GROUP BY sourceip", options: options).isAggregated)
        #expect(try AQLAnalyzer.plan("SELECT CASE WHEN COUNT(*) > 2 THEN 1 ELSE 0 END AS x FROM events", options: options).isAggregated)
        #expect(try AQLAnalyzer.plan("SELECT sourceip FROM events HAVING COUNT(*) > 2", options: options).isAggregated)
    }

    @Test("warns, without failing, about a reference set that was not loaded")
    func missingReferenceSet() throws {
        let query = "SELECT sourceip FROM events WHERE NOT REFERENCESETCONTAINS('LegitSES', \"UserIdentityArn\") AND NOT REFERENCESETCONTAINS('LegitSES', sourceip)"
        let plan = try AQLAnalyzer.plan(query, options: try QueryFixture.options())
        #expect(plan.warnings.count == 1)
        #expect(plan.warnings.first?.contains("'LegitSES'") == true)
        let loaded = try AQLAnalyzer.plan(query, options: try QueryFixture.options(referenceSets: ReferenceSets(["LegitSES": []])))
        #expect(loaded.warnings.isEmpty)
    }

    @Test("says whether the query depends on now")
    func usesNow() throws {
        #expect(QueryPlan.queryUsesNow(try AQLParser.parse("SELECT sourceip FROM events LAST 1 HOURS")))
        #expect(QueryPlan.queryUsesNow(try AQLParser.parse("SELECT sourceip FROM events WHERE starttime > NOW() - 1000")))
        #expect(QueryPlan.queryUsesNow(try AQLParser.parse("SELECT DATEFORMAT(NOW(), 'yyyy') AS y FROM events")))
        #expect(!QueryPlan.queryUsesNow(try AQLParser.parse("SELECT sourceip FROM events START '2026-01-01 00:00' STOP '2026-01-02 00:00'")))
    }

    @Test("in hunt mode, reports the window and the NOW() conditions it replaced")
    func huntReplacesWindow() throws {
        let options = try QueryFixture.options(mode: .hunt(since: nil, until: nil))
        let plan = try AQLAnalyzer.plan("""
            SELECT sourceip FROM events
            WHERE starttime > NOW() - 86400000 AND "EventName" = 'SendEmail' AND devicetime <= NOW()
            LAST 1 DAYS
            """, options: options)
        #expect(plan.replacedWindow == ["LAST 1 DAYS", "starttime > NOW() - 86400000", "devicetime <= NOW()"])
        #expect(plan.window.isUnbounded)
        let startStop = try AQLAnalyzer.plan("SELECT sourceip FROM events START '2026-01-01 00:00' STOP '2026-01-02 00:00'", options: options)
        #expect(startStop.replacedWindow == ["START '2026-01-01 00:00' STOP '2026-01-02 00:00'"])
    }

    @Test("in hunt mode, keeps conditions that are not comparisons of starttime with NOW()")
    func huntKeepsOtherConditions() throws {
        let options = try QueryFixture.options(mode: .hunt(since: nil, until: nil))
        let plan = try AQLAnalyzer.plan("""
            SELECT sourceip FROM events
            WHERE starttime > 1767000000000 AND (starttime > NOW() - 3600000 OR "EventName" = 'SendEmail')
            """, options: options)
        #expect(plan.replacedWindow.isEmpty)
    }
}

/// A select-list alias used where AQL reads properties gets its own message, at the alias.
@Suite struct AliasDiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var query: String
        var clause: AQLSemanticProblem.Clause
        var expression: String
        var testDescription: String
    }

    @Test("names the alias, the clause and the aliased expression", arguments: [
        Case(query: "SELECT DATEFORMAT(starttime, 'yyyy-MM-dd') AS d, COUNT(*) FROM events GROUP BY ⟨d⟩",
             clause: .groupBy, expression: "DATEFORMAT(starttime, 'yyyy-MM-dd')", testDescription: "GROUP BY"),
        Case(query: "SELECT \"EventName\" AS name FROM events WHERE ⟨NAME⟩ = 'Publish'",
             clause: .filter, expression: "\"EventName\"", testDescription: "WHERE, alias in another case"),
        Case(query: "SELECT \"EventName\" AS e, LOWER(⟨e⟩) FROM events",
             clause: .select, expression: "\"EventName\"", testDescription: "another select item"),
        Case(query: "SELECT \"EventName\" AS e, COUNT(*) FROM events GROUP BY \"EventName\" HAVING COUNT(⟨e⟩) > 1",
             clause: .having, expression: "\"EventName\"", testDescription: "inside an aggregate in HAVING"),
    ])
    func alias(_ example: Case) throws {
        let marked = MarkedText(example.query)
        let error = try #require(try AQLAnalyzerTests.semanticError(marked))
        #expect(error.position == SourcePosition(offset: marked.offset))
        guard case .aliasNotUsable(_, let expression, let clause) = error.problem else {
            Issue.record("expected aliasNotUsable, got \(error.problem)")
            return
        }
        #expect(expression == example.expression)
        #expect(clause == example.clause)
    }

    @Test("an alias used where aliases are allowed still works; a name that is neither is an unknown property")
    func allowedAndUnknown() throws {
        let options = try QueryFixture.options()
        #expect(try AQLAnalyzer.plan("SELECT \"EventName\" AS e, COUNT(*) AS n FROM events GROUP BY \"EventName\" HAVING n > 1 ORDER BY e",
                                     options: options).columns == ["e", "n"])
        let error = try #require(try AQLAnalyzerTests.semanticError(MarkedText("SELECT \"EventName\" AS e FROM events GROUP BY ⟨f⟩")))
        guard case .unknownProperty = error.problem else {
            Issue.record("expected unknownProperty, got \(error.problem)")
            return
        }
    }
}
