import CloudTrail
import Foundation

/// What an expression can read: the event's properties, or a group's keys and aggregates.
protocol EvaluationRow {
    mutating func property(_ index: Int) -> AQLValue
    func groupKey(_ index: Int) -> AQLValue
    func aggregate(_ index: Int) -> AQLValue
}

/// Evaluates resolved expressions with SQL's three-valued logic (`docs/aql.md`).
struct Evaluator: Sendable {
    let now: Int64
    let referenceSets: ReferenceSets
    let timeZone: TimeZone

    func evaluate<Row: EvaluationRow>(_ expression: ResolvedExpression, _ row: inout Row) -> AQLValue {
        switch expression {
        case .property(let index): return row.property(index)
        case .literal(let value): return value
        case .now: return .integer(now)
        case .groupKey(let index): return row.groupKey(index)
        case .aggregateSlot(let index): return row.aggregate(index)
        case .aggregate:
            // Rewritten away by the analyzer in every aggregated query.
            return .null
        case .not(let inner):
            return Evaluator.not(evaluate(inner, &row))
        case .negate(let inner):
            switch evaluate(inner, &row).number {
            case .integer(let value)?: return value == .min ? .decimal(-Double(value)) : .integer(-value)
            case .decimal(let value)?: return .decimal(-value)
            case nil: return .null
            }
        case .binary(let operation, let left, let right):
            switch operation {
            case .and:
                let first = evaluate(left, &row).truth
                if first == false { return .boolean(false) }
                let second = evaluate(right, &row).truth
                if second == false { return .boolean(false) }
                return first == true && second == true ? .boolean(true) : .null
            case .or:
                let first = evaluate(left, &row).truth
                if first == true { return .boolean(true) }
                let second = evaluate(right, &row).truth
                if second == true { return .boolean(true) }
                return first == false && second == false ? .boolean(false) : .null
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
                guard let order = AQLValue.compare(evaluate(left, &row), evaluate(right, &row)) else { return .null }
                switch operation {
                case .equal: return .boolean(order == 0)
                case .notEqual: return .boolean(order != 0)
                case .less: return .boolean(order < 0)
                case .lessOrEqual: return .boolean(order <= 0)
                case .greater: return .boolean(order > 0)
                default: return .boolean(order >= 0)
                }
            case .concatenate:
                return Evaluator.concat([evaluate(left, &row), evaluate(right, &row)])
            default:
                return AQLValue.arithmetic(operation, evaluate(left, &row), evaluate(right, &row))
            }
        case .inList(let subject, let items, let negated):
            let value = evaluate(subject, &row)
            var sawUnknown = value.isNull
            var found = false
            if !value.isNull {
                for item in items {
                    switch AQLValue.compare(value, evaluate(item, &row)) {
                    case 0?: found = true
                    case nil: sawUnknown = true
                    default: break
                    }
                    if found { break }
                }
            }
            let result: AQLValue = found ? .boolean(true) : (sawUnknown ? .null : .boolean(false))
            return negated ? Evaluator.not(result) : result
        case .between(let subject, let low, let high, let negated):
            let value = evaluate(subject, &row)
            let lower = AQLValue.compare(value, evaluate(low, &row)).map { AQLValue.boolean($0 >= 0) } ?? .null
            let upper = AQLValue.compare(value, evaluate(high, &row)).map { AQLValue.boolean($0 <= 0) } ?? .null
            let result = Evaluator.and(lower, upper)
            return negated ? Evaluator.not(result) : result
        case .isNull(let inner, let negated):
            return .boolean(evaluate(inner, &row).isNull != negated)
        case .matchLiteral(let subject, let matcher, let negated):
            guard let text = evaluate(subject, &row).text else { return .null }
            return .boolean(matcher.matches(text) != negated)
        case .matchDynamic(let kind, let subject, let pattern, let negated):
            guard let text = evaluate(subject, &row).text, let patternText = evaluate(pattern, &row).text,
                  let matcher = try? PatternMatcher(kind, pattern: patternText) else { return .null }
            return .boolean(matcher.matches(text) != negated)
        case .caseWhen(let subject, let branches, let otherwise):
            if let subject {
                let value = evaluate(subject, &row)
                for branch in branches where AQLValue.compare(value, evaluate(branch.when, &row)) == 0 {
                    return evaluate(branch.then, &row)
                }
            } else {
                for branch in branches where evaluate(branch.when, &row).truth == true {
                    return evaluate(branch.then, &row)
                }
            }
            return otherwise.map { evaluate($0, &row) } ?? .null
        case .dateFormat(let time, let formatter):
            guard case .integer(let millis)? = evaluate(time, &row).number else { return .null }
            return .string(formatter.format.format(millis))
        case .referenceSetContains(let name, let value):
            // A NULL value is in no set; a set that was not loaded is empty (with a warning).
            guard let text = evaluate(value, &row).text else { return .boolean(false) }
            return .boolean(referenceSets.contains(name, text) ?? false)
        case .scalar(let function, let arguments):
            var values: [AQLValue] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(evaluate(argument, &row)) }
            return scalar(function, values, &row)
        }
    }

    func scalar<Row: EvaluationRow>(_ function: ScalarFunction, _ values: [AQLValue], _ row: inout Row) -> AQLValue {
        switch function {
        case .lower: return values[0].text.map { .string($0.lowercased()) } ?? .null
        case .upper: return values[0].text.map { .string($0.uppercased()) } ?? .null
        case .str: return values[0].text.map(AQLValue.string) ?? .null
        case .long:
            switch values[0].number {
            case .integer(let value)?: return .integer(value)
            case .decimal(let value)?:
                guard value.isFinite, abs(value) < 9.2e18 else { return .null }
                return .integer(Int64(value.rounded(.towardZero)))
            case nil: return .null
            }
        case .concat:
            return Evaluator.concat(values)
        case .substring:
            guard let text = values[0].text, case .integer(let start)? = values[1].number else { return .null }
            let units = Array(text.utf16)
            let from = Int(max(0, min(start, Int64(units.count))))
            var to = units.count
            if values.count == 3 {
                guard case .integer(let length)? = values[2].number else { return .null }
                to = Int(max(Int64(from), min(Int64(from) + max(length, 0), Int64(units.count))))
            }
            return .string(String(decoding: units[from..<to], as: UTF16.self))
        case .strlen:
            return values[0].text.map { .integer(Int64($0.utf16.count)) } ?? .null
        case .logSourceTypeName:
            if case .integer(347)? = values[0].number { return .string("Amazon AWS CloudTrail") }
            return .null
        case .logSourceName:
            return values[0].text.map { .string("CloudTrail @ " + $0) } ?? .null
        case .qidName:
            guard case .integer(let qid)? = values[0].number else { return .null }
            return QIDRegistry.shared.name(of: qid).map(AQLValue.string) ?? .null
        case .incidr:
            guard let cidr = values[0].text, let address = values[1].text, let canonical = IPAddress.canonical(address) else { return .null }
            return IPAddress.contains(cidr: cidr, address: canonical).map(AQLValue.boolean) ?? .null
        case .dateFormat:
            guard case .integer(let millis)? = values[0].number, let pattern = values[1].text,
                  let format = try? SimpleDateFormat(pattern, timeZone: timeZone) else { return .null }
            return .string(format.format(millis))
        }
    }

    static func not(_ value: AQLValue) -> AQLValue {
        value.truth.map { .boolean(!$0) } ?? .null
    }

    static func and(_ left: AQLValue, _ right: AQLValue) -> AQLValue {
        let (a, b) = (left.truth, right.truth)
        if a == false || b == false { return .boolean(false) }
        return a == true && b == true ? .boolean(true) : .null
    }

    /// Texts joined, NULLs skipped (as DuckDB's `concat`).
    static func concat(_ values: [AQLValue]) -> AQLValue {
        .string(values.compactMap(\.text).joined())
    }
}
