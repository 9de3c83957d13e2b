/// Every message the AQL lexer, parser, analyzer and planner can give, in one place, sorted.
///
/// Fixed wording is a case of `AQLSyntaxProblem` or `AQLSemanticProblem`; messages with
/// parameters are built by the small functions at the bottom of each enum.
public enum AQLSyntaxProblem: Sendable, Equatable {
    case emptyQuotedName
    /// What the parser wanted, in words ("')'", "a property name or value", "FROM").
    case expected(String)
    case malformedNumber
    case numberTooLarge
    case textAfterSemicolon
    case unexpectedCharacter
    case unterminatedQuotedName
    case unterminatedString

    public var message: String {
        switch self {
        case .emptyQuotedName: return "a double-quoted name cannot be empty"
        case .expected(let what): return "expected \(what)"
        case .malformedNumber: return "malformed number"
        case .numberTooLarge: return "integer does not fit in 64 bits"
        case .textAfterSemicolon: return "nothing may follow the ';' that ends the query"
        case .unexpectedCharacter: return "character not allowed here"
        case .unterminatedQuotedName: return "a double-quoted name is not closed (add \")"
        case .unterminatedString: return "a string is not closed (add ')"
        }
    }
}

public enum AQLSemanticProblem: Sendable, Equatable {
    /// Where a name was read, for `aliasNotUsable`.
    public enum Clause: String, Sendable, Equatable {
        case select = "the select list"
        case filter = "WHERE"
        case groupBy = "GROUP BY"
        case having = "HAVING"
        case orderBy = "ORDER BY"
    }

    case aggregateInGroupBy
    case aggregateInWhere
    /// A select-list alias used where only properties can stand (`GROUP BY d` for
    /// `DATEFORMAT(…) AS d`): the alias, the expression it names as written, and the clause.
    case aliasNotUsable(String, expression: String, clause: Clause)
    case nestedAggregate
    case onlyEventsTable(String)
    case starOutsideCount
    case unknownFunction(String, suggestions: [String])
    case unknownProperty(String, suggestions: [String])
    case unknownTimeUnit(String)
    case badTime(String)
    case wrongArgumentCount(function: String, expected: String, got: Int)
    case literalRequired(function: String, argument: String)
    case invalidPattern(function: String, detail: String)
    case badCIDR(String)
    case limitNotPositive

    public var message: String {
        switch self {
        case .aggregateInGroupBy: return "GROUP BY cannot hold an aggregate"
        case .aggregateInWhere: return "WHERE cannot hold an aggregate (use HAVING)"
        case .aliasNotUsable(let alias, let expression, let clause):
            let why: String
            switch clause {
            case .groupBy: why = "AQL groups by expressions, not by select-list aliases"
            case .filter: why = "WHERE is applied before the select list, so it cannot read its aliases"
            case .select: why = "an alias names a result column; other select items cannot read it"
            case .having, .orderBy: why = "inside an aggregate, a name is a property of each event, not a result column"
            }
            return "\"\(alias)\" is a select-list alias, not a property: \(why); write the aliased expression instead: \(expression)"
        case .nestedAggregate: return "an aggregate cannot contain another aggregate"
        case .onlyEventsTable(let name): return "unknown table '\(name)': Skua queries 'events' (CloudTrail records)"
        case .starOutsideCount: return "'*' is allowed only as SELECT * or COUNT(*)"
        case .unknownFunction(let name, let suggestions):
            return "unknown function \(name)" + AQLSemanticProblem.didYouMean(suggestions)
        case .unknownProperty(let name, let suggestions):
            return "unknown property \"\(name)\"" + AQLSemanticProblem.didYouMean(suggestions)
                + " (add your own with --property NAME=JSONPATH)"
        case .unknownTimeUnit(let unit): return "unknown time unit \(unit): use MINUTES, HOURS or DAYS"
        case .badTime(let text): return "'\(text)' is not a time: use RFC 3339 (2026-01-05T10:00:00Z), 'yyyy-MM-dd HH:mm[:ss]' or epoch milliseconds"
        case .wrongArgumentCount(let function, let expected, let got):
            return "\(function) takes \(expected), got \(got)"
        case .literalRequired(let function, let argument):
            return "\(function) needs its \(argument) as a quoted string literal"
        case .invalidPattern(let function, let detail): return "\(function): \(detail)"
        case .badCIDR(let text): return "'\(text)' is not a CIDR block (10.0.0.0/8, 2001:db8::/32)"
        case .limitNotPositive: return "LIMIT needs a positive integer"
        }
    }

    private static func didYouMean(_ suggestions: [String]) -> String {
        suggestions.isEmpty ? "" : "; nearest known: " + suggestions.joined(separator: ", ")
    }
}
