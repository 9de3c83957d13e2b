/// An expression as written in the query (the parser's output; names not yet resolved).
public indirect enum AQLExpression: Equatable, Sendable {
    /// A property, alias or bare name; `quoted` when written in double quotes.
    case name(String, quoted: Bool, at: SourcePosition)
    case string(String)
    case integer(Int64)
    case decimal(Double)
    case null
    /// `*`, only inside `COUNT(*)`.
    case star(at: SourcePosition)
    case not(AQLExpression)
    case negate(AQLExpression)
    case binary(AQLBinaryOperator, AQLExpression, AQLExpression)
    case inList(AQLExpression, [AQLExpression], negated: Bool)
    case between(AQLExpression, low: AQLExpression, high: AQLExpression, negated: Bool)
    case isNull(AQLExpression, negated: Bool)
    /// LIKE / ILIKE / MATCHES / IMATCHES.
    case pattern(AQLPatternOperator, AQLExpression, pattern: AQLExpression, negated: Bool)
    case caseWhen(subject: AQLExpression?, branches: [AQLCaseBranch], otherwise: AQLExpression?)
    case call(String, [AQLExpression], at: SourcePosition)
}

extension AQLExpression {
    /// Whether this node or any node below it satisfies `predicate`.
    public func contains(where predicate: (AQLExpression) -> Bool) -> Bool {
        if predicate(self) { return true }
        switch self {
        case .name, .string, .integer, .decimal, .null, .star:
            return false
        case .not(let inner), .negate(let inner), .isNull(let inner, _):
            return inner.contains(where: predicate)
        case .binary(_, let left, let right), .pattern(_, let left, let right, _):
            return left.contains(where: predicate) || right.contains(where: predicate)
        case .inList(let subject, let items, _):
            return subject.contains(where: predicate) || items.contains { $0.contains(where: predicate) }
        case .between(let subject, let low, let high, _):
            return [subject, low, high].contains { $0.contains(where: predicate) }
        case .caseWhen(let subject, let branches, let otherwise):
            return (subject?.contains(where: predicate) ?? false)
                || branches.contains { $0.when.contains(where: predicate) || $0.then.contains(where: predicate) }
                || (otherwise?.contains(where: predicate) ?? false)
        case .call(_, let arguments, _):
            return arguments.contains { $0.contains(where: predicate) }
        }
    }
}

/// One `WHEN … THEN …` of a CASE.
public struct AQLCaseBranch: Equatable, Sendable {
    public var when: AQLExpression
    public var then: AQLExpression
}

public enum AQLBinaryOperator: String, Equatable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and = "AND", or = "OR"
    /// `||` string concatenation (as CONCAT).
    case concatenate = "||"

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
        default: false
        }
    }
}

public enum AQLPatternOperator: String, Equatable, Sendable {
    case like = "LIKE", ilike = "ILIKE", matches = "MATCHES", imatches = "IMATCHES"
}
