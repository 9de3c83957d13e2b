/// An expression after analysis: names bound to properties (by index into the plan's property
/// list), functions to their implementations, literal patterns compiled. In aggregated queries
/// the select, HAVING and ORDER BY expressions are further rewritten so that group keys and
/// aggregates are read from the group (`groupKey`, `aggregateSlot`).
indirect enum ResolvedExpression: Equatable, Sendable {
    case property(Int)
    case literal(AQLValue)
    case now
    case not(ResolvedExpression)
    case negate(ResolvedExpression)
    case binary(AQLBinaryOperator, ResolvedExpression, ResolvedExpression)
    case inList(ResolvedExpression, [ResolvedExpression], negated: Bool)
    case between(ResolvedExpression, ResolvedExpression, ResolvedExpression, negated: Bool)
    case isNull(ResolvedExpression, negated: Bool)
    /// A pattern given as a literal, compiled once.
    case matchLiteral(ResolvedExpression, PatternMatcher, negated: Bool)
    /// A pattern computed per row (rare): compiled on each use.
    case matchDynamic(AQLPatternOperator, ResolvedExpression, ResolvedExpression, negated: Bool)
    case caseWhen(subject: ResolvedExpression?, branches: [ResolvedBranch], otherwise: ResolvedExpression?)
    case scalar(ScalarFunction, [ResolvedExpression])
    case dateFormat(ResolvedExpression, DateFormatter)
    case referenceSetContains(String, ResolvedExpression)
    case aggregate(AggregateFunction, ResolvedExpression?)
    case groupKey(Int)
    case aggregateSlot(Int)

    /// Whether an aggregate occurs anywhere inside.
    var containsAggregate: Bool {
        var found = false
        visit { if case .aggregate = $0 { found = true } }
        return found
    }

    /// Calls `body` on this node and every node below it.
    func visit(_ body: (ResolvedExpression) -> Void) {
        body(self)
        switch self {
        case .property, .literal, .now, .groupKey, .aggregateSlot: break
        case .not(let inner), .negate(let inner), .isNull(let inner, _), .matchLiteral(let inner, _, _),
             .dateFormat(let inner, _), .referenceSetContains(_, let inner):
            inner.visit(body)
        case .binary(_, let left, let right), .matchDynamic(_, let left, let right, _):
            left.visit(body)
            right.visit(body)
        case .inList(let subject, let items, _):
            subject.visit(body)
            items.forEach { $0.visit(body) }
        case .between(let subject, let low, let high, _):
            subject.visit(body)
            low.visit(body)
            high.visit(body)
        case .caseWhen(let subject, let branches, let otherwise):
            subject?.visit(body)
            for branch in branches {
                branch.when.visit(body)
                branch.then.visit(body)
            }
            otherwise?.visit(body)
        case .scalar(_, let arguments):
            arguments.forEach { $0.visit(body) }
        case .aggregate(_, let argument):
            argument?.visit(body)
        }
    }

    /// A copy that shares no node with this one, for one worker's executor: evaluating an
    /// expression retains its nodes, and nodes shared by every worker made the cores contend
    /// for their reference counts.
    func detached() -> ResolvedExpression {
        switch self {
        case .property(let index): return .property(index)
        case .literal(let value): return .literal(value)
        case .now: return .now
        case .groupKey(let index): return .groupKey(index)
        case .aggregateSlot(let index): return .aggregateSlot(index)
        case .aggregate(let function, let argument): return .aggregate(function, argument?.detached())
        case .not(let inner): return .not(inner.detached())
        case .negate(let inner): return .negate(inner.detached())
        case .isNull(let inner, let negated): return .isNull(inner.detached(), negated: negated)
        case .matchLiteral(let inner, let matcher, let negated): return .matchLiteral(inner.detached(), matcher, negated: negated)
        case .dateFormat(let inner, let formatter): return .dateFormat(inner.detached(), DateFormatter(formatter.format))
        case .referenceSetContains(let name, let inner): return .referenceSetContains(name, inner.detached())
        case .binary(let operation, let left, let right): return .binary(operation, left.detached(), right.detached())
        case .matchDynamic(let kind, let left, let right, let negated):
            return .matchDynamic(kind, left.detached(), right.detached(), negated: negated)
        case .inList(let subject, let items, let negated):
            return .inList(subject.detached(), items.map { $0.detached() }, negated: negated)
        case .between(let subject, let low, let high, let negated):
            return .between(subject.detached(), low.detached(), high.detached(), negated: negated)
        case .caseWhen(let subject, let branches, let otherwise):
            return .caseWhen(subject: subject?.detached(),
                             branches: branches.map { ResolvedBranch(when: $0.when.detached(), then: $0.then.detached()) },
                             otherwise: otherwise?.detached())
        case .scalar(let function, let arguments): return .scalar(function, arguments.map { $0.detached() })
        }
    }

    /// A copy with `transform` applied bottom-up wherever it returns a replacement; a node
    /// it replaces is not entered.
    func rewritten(_ transform: (ResolvedExpression) throws -> ResolvedExpression?) rethrows -> ResolvedExpression {
        if let replacement = try transform(self) { return replacement }
        switch self {
        case .property, .literal, .now, .groupKey, .aggregateSlot, .aggregate:
            return self
        case .not(let inner): return .not(try inner.rewritten(transform))
        case .negate(let inner): return .negate(try inner.rewritten(transform))
        case .isNull(let inner, let negated): return .isNull(try inner.rewritten(transform), negated: negated)
        case .matchLiteral(let inner, let matcher, let negated):
            return .matchLiteral(try inner.rewritten(transform), matcher, negated: negated)
        case .dateFormat(let inner, let formatter): return .dateFormat(try inner.rewritten(transform), formatter)
        case .referenceSetContains(let name, let inner): return .referenceSetContains(name, try inner.rewritten(transform))
        case .binary(let operation, let left, let right):
            return .binary(operation, try left.rewritten(transform), try right.rewritten(transform))
        case .matchDynamic(let kind, let left, let right, let negated):
            return .matchDynamic(kind, try left.rewritten(transform), try right.rewritten(transform), negated: negated)
        case .inList(let subject, let items, let negated):
            return .inList(try subject.rewritten(transform), try items.map { try $0.rewritten(transform) }, negated: negated)
        case .between(let subject, let low, let high, let negated):
            return .between(try subject.rewritten(transform), try low.rewritten(transform), try high.rewritten(transform), negated: negated)
        case .caseWhen(let subject, let branches, let otherwise):
            return .caseWhen(subject: try subject?.rewritten(transform),
                             branches: try branches.map { ResolvedBranch(when: try $0.when.rewritten(transform), then: try $0.then.rewritten(transform)) },
                             otherwise: try otherwise?.rewritten(transform))
        case .scalar(let function, let arguments):
            return .scalar(function, try arguments.map { try $0.rewritten(transform) })
        }
    }
}

struct ResolvedBranch: Equatable, Sendable {
    var when: ResolvedExpression
    var then: ResolvedExpression
}

/// `DATEFORMAT` with its pattern compiled; equal when the patterns are.
final class DateFormatter: Equatable, Sendable {
    let format: SimpleDateFormat

    init(_ format: SimpleDateFormat) {
        self.format = format
    }

    static func == (lhs: DateFormatter, rhs: DateFormatter) -> Bool {
        lhs.format.pattern == rhs.format.pattern && lhs.format.timeZone == rhs.format.timeZone
    }
}

/// Row functions.
enum ScalarFunction: String, Equatable, Sendable, CaseIterable {
    case lower = "LOWER", upper = "UPPER", str = "STR", long = "LONG", concat = "CONCAT"
    case substring = "SUBSTRING", strlen = "STRLEN"
    case logSourceTypeName = "LOGSOURCETYPENAME", logSourceName = "LOGSOURCENAME", qidName = "QIDNAME"
    case incidr = "INCIDR"
    /// `DATEFORMAT` whose pattern is not a literal.
    case dateFormat = "DATEFORMAT"

    /// Allowed argument counts, and their description for messages.
    var arity: (ClosedRange<Int>, String) {
        switch self {
        case .lower, .upper, .str, .long, .strlen, .logSourceTypeName, .logSourceName, .qidName: (1...1, "1 argument")
        case .concat: (1...64, "1 or more arguments")
        case .substring: (2...3, "2 or 3 arguments (text, start[, length])")
        case .incidr, .dateFormat: (2...2, "2 arguments")
        }
    }
}

/// Aggregate functions.
enum AggregateFunction: String, Equatable, Sendable, CaseIterable {
    case count = "COUNT", uniqueCount = "UNIQUECOUNT", sum = "SUM", average = "AVG"
    case minimum = "MIN", maximum = "MAX", first = "FIRST", last = "LAST"

    /// `DISTINCTCOUNT` (QRadar's HyperLogLog estimate) is computed exactly, as UNIQUECOUNT.
    static func named(_ name: String) -> AggregateFunction? {
        let upper = name.uppercased()
        if upper == "DISTINCTCOUNT" { return .uniqueCount }
        return AggregateFunction(rawValue: upper)
    }
}
