import AQL
import SkuaTestSupport
import Testing

@Suite struct AQLParserTests {
    /// The tree as a positionless S-expression, so expected shapes are easy to write by hand.
    static func shape(_ expression: AQLExpression) -> String {
        switch expression {
        case .name(let name, let quoted, _): return quoted ? "\"\(name)\"" : name
        case .string(let value): return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .integer(let value): return String(value)
        case .decimal(let value): return String(value)
        case .null: return "NULL"
        case .star: return "*"
        case .not(let inner): return "(NOT \(shape(inner)))"
        case .negate(let inner): return "(neg \(shape(inner)))"
        case .binary(let operation, let left, let right): return "(\(operation.rawValue) \(shape(left)) \(shape(right)))"
        case .inList(let subject, let items, let negated):
            return "(\(negated ? "NOT-IN" : "IN") \(shape(subject)) " + items.map(shape).joined(separator: " ") + ")"
        case .between(let subject, let low, let high, let negated):
            return "(\(negated ? "NOT-BETWEEN" : "BETWEEN") \(shape(subject)) \(shape(low)) \(shape(high)))"
        case .isNull(let inner, let negated): return "(\(negated ? "IS-NOT-NULL" : "IS-NULL") \(shape(inner)))"
        case .pattern(let kind, let subject, let pattern, let negated):
            return "(\(negated ? "NOT-" : "")\(kind.rawValue) \(shape(subject)) \(shape(pattern)))"
        case .caseWhen(let subject, let branches, let otherwise):
            var parts = ["CASE"]
            if let subject { parts.append(shape(subject)) }
            parts += branches.map { "(WHEN \(shape($0.when)) \(shape($0.then)))" }
            if let otherwise { parts.append("(ELSE \(shape(otherwise)))") }
            return "(" + parts.joined(separator: " ") + ")"
        case .call(let name, let arguments, _): return "(\(name)" + arguments.map { " " + shape($0) }.joined() + ")"
        }
    }

    static func parseCondition(_ condition: String) throws -> String {
        let query = try AQLParser.parse("SELECT a FROM events WHERE " + condition)
        return shape(try #require(query.filter))
    }

    struct ShapeCase: CustomTestStringConvertible, Sendable {
        var condition: String
        var shape: String
        var testDescription: String { condition }
    }

    @Test("parses expressions by AQL's precedence", arguments: [
        ShapeCase(condition: "a OR b AND c", shape: "(OR a (AND b c))"),
        ShapeCase(condition: "a AND b OR c", shape: "(OR (AND a b) c)"),
        ShapeCase(condition: "NOT a = 1 AND b = 2", shape: "(AND (NOT (= a 1)) (= b 2))"),
        ShapeCase(condition: "NOT NOT a", shape: "(NOT (NOT a))"),
        ShapeCase(condition: "1 + 2 * 3 = 7", shape: "(= (+ 1 (* 2 3)) 7)"),
        ShapeCase(condition: "(1 + 2) * 3", shape: "(* (+ 1 2) 3)"),
        ShapeCase(condition: "7 - 2 - 1", shape: "(- (- 7 2) 1)"),
        ShapeCase(condition: "10 % 3 / 2", shape: "(/ (% 10 3) 2)"),
        ShapeCase(condition: "-3 < -a", shape: "(< -3 (neg a))"),
        ShapeCase(condition: "0.5 >= 1", shape: "(>= 0.5 1)"),
        ShapeCase(condition: "a <> b OR a != b", shape: "(OR (<> a b) (<> a b))"),
        ShapeCase(condition: "a <= b AND a > b", shape: "(AND (<= a b) (> a b))"),
        ShapeCase(condition: "a || 'x' = 'yx'", shape: "(= (|| a 'x') 'yx')"),
        ShapeCase(condition: "a IN ('x', NULL, 3)", shape: "(IN a 'x' NULL 3)"),
        ShapeCase(condition: "a NOT IN ('x')", shape: "(NOT-IN a 'x')"),
        ShapeCase(condition: "x BETWEEN 1 AND 5 AND y = 2", shape: "(AND (BETWEEN x 1 5) (= y 2))"),
        ShapeCase(condition: "x NOT BETWEEN 1 + 1 AND 5", shape: "(NOT-BETWEEN x (+ 1 1) 5)"),
        ShapeCase(condition: "x IS NULL OR x IS NOT NULL", shape: "(OR (IS-NULL x) (IS-NOT-NULL x))"),
        ShapeCase(condition: "x LIKE 'a%' AND x NOT ILIKE '_b'", shape: "(AND (LIKE x 'a%') (NOT-ILIKE x '_b'))"),
        ShapeCase(condition: "x MATCHES 'a.*' OR x NOT IMATCHES 'B'", shape: "(OR (MATCHES x 'a.*') (NOT-IMATCHES x 'B'))"),
        ShapeCase(condition: "\"Event Source\" = 'it''s'", shape: "(= \"Event Source\" 'it''s')"),
        ShapeCase(condition: "a = NULL", shape: "(= a NULL)"),
        ShapeCase(condition: "CASE WHEN a = 1 THEN 'x' WHEN b THEN 'y' ELSE 'z' END = 'x'",
                  shape: "(= (CASE (WHEN (= a 1) 'x') (WHEN b 'y') (ELSE 'z')) 'x')"),
        ShapeCase(condition: "CASE a WHEN 1 THEN 'x' END IS NULL", shape: "(IS-NULL (CASE a (WHEN 1 'x')))"),
        ShapeCase(condition: "COUNT(*) > 1", shape: "(> (COUNT *) 1)"),
        ShapeCase(condition: "NOW() - 86400000 < starttime", shape: "(< (- (NOW) 86400000) starttime)"),
        ShapeCase(condition: "REFERENCESETCONTAINS('Set', \"UserIdentityArn\")", shape: "(REFERENCESETCONTAINS 'Set' \"UserIdentityArn\")"),
        ShapeCase(condition: "a or b and not c in (1)", shape: "(OR a (AND b (NOT (IN c 1))))"),
    ])
    func precedence(_ example: ShapeCase) throws {
        #expect(try Self.parseCondition(example.condition) == example.shape)
    }

    @Test("reads keywords in any case")
    func keywordsAnyCase() throws {
        let upper = try AQLParser.parse("SELECT sourceip, COUNT(*) AS n FROM events WHERE sourceip IS NOT NULL GROUP BY sourceip HAVING COUNT(*) > 1 ORDER BY n DESC LIMIT 5 LAST 2 HOURS")
        let lower = try AQLParser.parse("select sourceip, count(*) as n from Events where sourceip is not null group by sourceip having count(*) > 1 order by n desc limit 5 last 2 hours")
        #expect(lower.select.map(\.alias) == upper.select.map(\.alias))
        #expect(lower.filter.map(Self.shape) == upper.filter.map(Self.shape))
        #expect(lower.groupBy.map(Self.shape) == upper.groupBy.map(Self.shape))
        #expect(lower.having.map(Self.shape) == "(> (count *) 1)")
        #expect(lower.orderBy.map(\.descending) == [true])
        #expect(lower.limit == 5)
        #expect(lower.window == .last(milliseconds: 7_200_000, text: "last 2 hours"))
    }

    @Test("reads select items: *, and aliases bare, double-quoted and single-quoted")
    func selectItems() throws {
        let query = try AQLParser.parse("SELECT *, sourceip AS ip, \"EventName\" AS \"Event Name\", COUNT(*) AS 'Count', UPPER( \"AWSRegion\" ) FROM events")
        #expect(query.select.count == 5)
        #expect(query.select[0].expression == nil)
        #expect(query.select[0].text == "*")
        #expect(query.select.map(\.alias) == [nil, "ip", "Event Name", "Count", nil])
        #expect(query.select[4].text == "UPPER( \"AWSRegion\" )")
        #expect(query.table == "events")
    }

    @Test("reads every clause in the documented order")
    func clauses() throws {
        let query = try AQLParser.parse("""
            SELECT "EventSource", COUNT(*) AS n FROM events
            WHERE "ErrorCode" IS NULL
            GROUP BY "EventSource", sourceip
            HAVING n > 2
            ORDER BY n DESC, "EventSource" ASC, sourceip
            LIMIT 10
            LAST 3 DAYS
            """)
        #expect(query.filter.map(Self.shape) == "(IS-NULL \"ErrorCode\")")
        #expect(query.groupBy.map(Self.shape) == ["\"EventSource\"", "sourceip"])
        #expect(query.having.map(Self.shape) == "(> n 2)")
        #expect(query.orderBy.map { Self.shape($0.expression) } == ["n", "\"EventSource\"", "sourceip"])
        #expect(query.orderBy.map(\.descending) == [true, false, false])
        #expect(query.limit == 10)
        #expect(query.window == .last(milliseconds: 3 * 86_400_000, text: "LAST 3 DAYS"))
    }

    struct WindowCase: CustomTestStringConvertible, Sendable {
        var clause: String
        var milliseconds: Int64
        var testDescription: String { clause }
    }

    @Test("converts LAST n MINUTES|HOURS|DAYS to milliseconds", arguments: [
        WindowCase(clause: "LAST 15 MINUTES", milliseconds: 15 * 60_000),
        WindowCase(clause: "LAST 1 HOURS", milliseconds: 3_600_000),
        WindowCase(clause: "LAST 1 DAYS", milliseconds: 86_400_000),
        WindowCase(clause: "LAST 7 DAYS", milliseconds: 604_800_000),
    ])
    func lastWindow(_ example: WindowCase) throws {
        let query = try AQLParser.parse("SELECT sourceip FROM events " + example.clause)
        #expect(query.window == .last(milliseconds: example.milliseconds, text: example.clause))
    }

    @Test("reads START and STOP times as written")
    func startStop() throws {
        let marked = MarkedText("SELECT sourceip FROM events ⟨START⟩ '2026-01-04 12:00' STOP '2026-01-05T12:00:00Z'")
        let query = try AQLParser.parse(marked.text)
        #expect(query.window == .startStop(start: "2026-01-04 12:00", stop: "2026-01-05T12:00:00Z", at: SourcePosition(offset: marked.offset)))
    }

    @Test("reads LAST(x) as the aggregate, not a time clause")
    func lastFunction() throws {
        let query = try AQLParser.parse("SELECT LAST(\"EventName\") FROM events LAST 5 MINUTES")
        #expect(query.select[0].expression.map(Self.shape) == "(LAST \"EventName\")")
        #expect(query.window == .last(milliseconds: 300_000, text: "LAST 5 MINUTES"))
    }

    struct SyntaxErrorCase: CustomTestStringConvertible, Sendable {
        var name: String
        var marked: String
        var expected: String
        var found: String
        var testDescription: String { name }
    }

    @Test("reports a syntax error at the offending token with what was expected", arguments: [
        SyntaxErrorCase(name: "unclosed COUNT(", marked: "SELECT COUNT(* ⟨FROM⟩ events",
                        expected: "',' or ')' to close COUNT(", found: "FROM"),
        SyntaxErrorCase(name: "missing FROM", marked: "SELECT sourceip ⟨events⟩", expected: "',' or FROM", found: "events"),
        SyntaxErrorCase(name: "empty select list", marked: "SELECT ⟨FROM⟩ events", expected: "a select item", found: "FROM"),
        SyntaxErrorCase(name: "not a SELECT", marked: "⟨SELCT⟩ a FROM events", expected: "SELECT", found: "SELCT"),
        SyntaxErrorCase(name: "missing table", marked: "SELECT a FROM ⟨WHERE⟩ a = 1", expected: "a table name (events)", found: "WHERE"),
        SyntaxErrorCase(name: "WHERE without a condition", marked: "SELECT a FROM events WHERE ⟨⟩", expected: "a property name or value",
                        found: "end of query"),
        SyntaxErrorCase(name: "two comparison operators", marked: "SELECT a FROM events WHERE a = ⟨=⟩ 'x'",
                        expected: "a property name or value", found: "="),
        SyntaxErrorCase(name: "IN without a list", marked: "SELECT a FROM events WHERE a IN ⟨'x'⟩", expected: "'(' after IN", found: "'x'"),
        SyntaxErrorCase(name: "unclosed IN list", marked: "SELECT a FROM events WHERE a IN ('x' ⟨'y'⟩)",
                        expected: "',' or ')' to close the IN list", found: "'y'"),
        SyntaxErrorCase(name: "BETWEEN without AND", marked: "SELECT a FROM events WHERE a BETWEEN 1 ⟨OR⟩ 2",
                        expected: "AND", found: "OR"),
        SyntaxErrorCase(name: "IS without NULL", marked: "SELECT a FROM events WHERE a IS ⟨'x'⟩", expected: "NULL", found: "'x'"),
        SyntaxErrorCase(name: "unclosed parenthesis", marked: "SELECT a FROM events WHERE (a = 1 ⟨⟩", expected: "')' to close '('",
                        found: "end of query"),
        SyntaxErrorCase(name: "CASE without END", marked: "SELECT CASE WHEN a = 1 THEN 2 ⟨FROM⟩ events",
                        expected: "WHEN, ELSE or END to close CASE", found: "FROM"),
        SyntaxErrorCase(name: "CASE without WHEN", marked: "SELECT CASE a ⟨ELSE⟩ 1 END FROM events", expected: "WHEN", found: "ELSE"),
        SyntaxErrorCase(name: "alias missing after AS", marked: "SELECT a AS ⟨,⟩ b FROM events", expected: "an alias after AS", found: ","),
        SyntaxErrorCase(name: "LIMIT without a number", marked: "SELECT a FROM events LIMIT ⟨ten⟩", expected: "a positive number after LIMIT",
                        found: "ten"),
        SyntaxErrorCase(name: "LIMIT 0", marked: "SELECT a FROM events LIMIT ⟨0⟩", expected: "a positive number after LIMIT", found: "0"),
        SyntaxErrorCase(name: "LAST without a positive number", marked: "SELECT a FROM events LAST ⟨0⟩ DAYS",
                        expected: "a positive number after LAST", found: "0"),
        SyntaxErrorCase(name: "LAST with an unknown unit", marked: "SELECT a FROM events LAST 2 ⟨WEEKS⟩",
                        expected: "MINUTES, HOURS or DAYS", found: "WEEKS"),
        SyntaxErrorCase(name: "START without a quoted time", marked: "SELECT a FROM events START ⟨2026⟩ STOP '2027'",
                        expected: "a quoted time after START", found: "2026"),
        SyntaxErrorCase(name: "two time clauses", marked: "SELECT a FROM events LAST 1 DAYS ⟨LAST⟩ 2 DAYS",
                        expected: "only one time clause", found: "LAST"),
        SyntaxErrorCase(name: "text after the query", marked: "SELECT a FROM events LIMIT 5 ⟨a⟩",
                        expected: "end of query (or WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, LAST, START)", found: "a"),
        SyntaxErrorCase(name: "keyword used as a name", marked: "SELECT a FROM events WHERE ⟨last⟩ = 1",
                        expected: "a property name or value", found: "last"),
        SyntaxErrorCase(name: "NOT without a postfix operator", marked: "SELECT a FROM events WHERE a ⟨NOT⟩ NULL",
                        expected: "end of query (or WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, LAST, START)", found: "NOT"),
    ])
    func syntaxErrors(_ example: SyntaxErrorCase) {
        let marked = MarkedText(example.marked)
        let error = #expect(throws: AQLSyntaxError.self) { try AQLParser.parse(marked.text) }
        #expect(error?.problem == .expected(example.expected))
        #expect(error?.position == SourcePosition(offset: marked.offset))
        #expect(error?.found == example.found)
    }

    @Test("gives line and column of an error on a later line")
    func lineAndColumn() throws {
        let marked = MarkedText("SELECT sourceip\nFROM events\nWHERE \"EventName\" = ⟨=⟩ 'x'")
        let error = try #require(#expect(throws: AQLSyntaxError.self) { try AQLParser.parse(marked.text) })
        let (line, column) = error.position.lineAndColumn(in: marked.text)
        #expect(line == 3)
        #expect(column == 21)
    }

    @Test("renders the error with the query line and a caret under the problem")
    func rendered() throws {
        let text = "SELECT sourceip\nFROM events\nWHERE \"EventName\" = = 'x'"
        let error = try #require(#expect(throws: AQLSyntaxError.self) { try AQLParser.parse(text) })
        #expect(error.rendered(query: text) == """
            query:3:21: error: expected a property name or value, found =
            WHERE "EventName" = = 'x'
                                ^
            """)
    }

    @Test("renders the right line of a query with CRLF line ends")
    func renderedCRLF() throws {
        let text = "SELECT sourceip\r\nFROM events\r\nWHERE \"EventName\" = = 'x'"
        let error = try #require(#expect(throws: AQLSyntaxError.self) { try AQLParser.parse(text) })
        #expect(error.rendered(query: text, file: "hunt.aql") == """
            hunt.aql:3:21: error: expected a property name or value, found =
            WHERE "EventName" = = 'x'
                                ^
            """)
    }

    @Test("underlines the whole offending token")
    func renderedLength() throws {
        let text = "SELECT COUNT(* FROM events"
        let error = try #require(#expect(throws: AQLSyntaxError.self) { try AQLParser.parse(text) })
        #expect(error.rendered(query: text) == """
            query:1:16: error: expected ',' or ')' to close COUNT(, found FROM
            SELECT COUNT(* FROM events
                           ^^^^
            """)
    }
}
