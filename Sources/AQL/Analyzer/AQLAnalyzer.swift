import CloudTrail
import Foundation

/// Turns a parsed query into a `QueryPlan`: binds names to properties, checks functions and
/// arguments, decides aggregation, names the result columns, sets the time window, and lints.
public struct AQLAnalyzer {
    let query: AQLQuery
    let options: AQLOptions
    private var properties: [PropertyDefinition] = []
    private var propertyIndex: [String: Int] = [:]
    private var warnings: [String] = []
    /// Select-list aliases (lower-cased) and the expressions they name, as written: an unknown
    /// name that is one of them gets a message saying so rather than "unknown property".
    private var selectAliases: [String: (alias: String, expression: String)] = [:]
    /// The clause being resolved, for that message.
    private var clause: AQLSemanticProblem.Clause = .select

    /// Where an expression stands: decides what it may contain.
    enum Scope {
        /// WHERE, GROUP BY, aggregate arguments: one event at a time, no aggregates, no aliases.
        case row
        /// The SELECT list: aggregates allowed.
        case select
        /// HAVING and ORDER BY: aggregates and select aliases allowed.
        case post
    }

    /// Plans `query` for `options`.
    public static func plan(_ query: AQLQuery, options: AQLOptions) throws(AQLSemanticError) -> QueryPlan {
        var analyzer = AQLAnalyzer(query: query, options: options)
        return try analyzer.makePlan()
    }

    /// Parses and plans `text`.
    public static func plan(_ text: String, options: AQLOptions) throws -> QueryPlan {
        try plan(try AQLParser.parse(text), options: options)
    }

    init(query: AQLQuery, options: AQLOptions) {
        self.query = query
        self.options = options
    }

    // MARK: - Plan

    mutating func makePlan() throws(AQLSemanticError) -> QueryPlan {
        guard query.table.lowercased() == "events" else {
            throw AQLSemanticError(.onlyEventsTable(query.table), at: query.tablePosition, length: max(1, query.table.utf8.count))
        }
        if let limit = query.limit, limit <= 0 { throw AQLSemanticError(.limitNotPositive, at: SourcePosition(offset: 0)) }

        // SELECT * expands to every property, in catalog order.
        var items: [(expression: AQLExpression, alias: String?, text: String)] = []
        for item in query.select {
            if let expression = item.expression {
                items.append((expression, item.alias, item.text))
            } else {
                for property in options.catalog.properties {
                    items.append((.name(property.name, quoted: true, at: item.position), nil, property.name))
                }
            }
        }

        for item in items {
            if let alias = item.alias, selectAliases[alias.lowercased()] == nil { selectAliases[alias.lowercased()] = (alias, item.text) }
        }
        clause = .select
        let selectResolved = try items.map { item throws(AQLSemanticError) in try resolve(item.expression, scope: .select, aliases: [:]) }
        var aliases: [String: ResolvedExpression] = [:]
        for (index, item) in items.enumerated() {
            if let alias = item.alias, aliases[alias.lowercased()] == nil { aliases[alias.lowercased()] = selectResolved[index] }
        }
        clause = .groupBy
        let groupKeys = try query.groupBy.map { expression throws(AQLSemanticError) in
            try resolve(expression, scope: .row, aliases: [:], aggregateError: .aggregateInGroupBy)
        }
        clause = .filter
        let filterConjuncts = try query.filter.map { expression throws(AQLSemanticError) in
            try AQLAnalyzer.conjuncts(of: expression).map { conjunct throws(AQLSemanticError) in
                (conjunct, try resolve(conjunct, scope: .row, aliases: [:], aggregateError: .aggregateInWhere))
            }
        } ?? []
        clause = .having
        let havingResolved = try query.having.map { expression throws(AQLSemanticError) in try resolve(expression, scope: .post, aliases: aliases) }
        clause = .orderBy
        let orderResolved = try query.orderBy.map { item throws(AQLSemanticError) in (try resolve(item.expression, scope: .post, aliases: aliases), item.descending) }

        let isAggregated = !groupKeys.isEmpty || selectResolved.contains { $0.containsAggregate }
            || (havingResolved?.containsAggregate ?? false) || orderResolved.contains { $0.0.containsAggregate }

        // Aggregated queries read group keys and aggregates from the group.
        var aggregates: [AggregateSpec] = []
        func rewrite(_ expression: ResolvedExpression) -> ResolvedExpression {
            expression.rewritten { node in
                if let key = groupKeys.firstIndex(of: node) { return .groupKey(key) }
                switch node {
                case .aggregate(let function, let argument):
                    return .aggregateSlot(AQLAnalyzer.slot(for: AggregateSpec(function: function, argument: argument), in: &aggregates))
                case .property:
                    // Neither grouped nor aggregated: the group's first value, as QRadar returns it.
                    return .aggregateSlot(AQLAnalyzer.slot(for: AggregateSpec(function: .first, argument: node), in: &aggregates))
                default:
                    return nil
                }
            }
        }
        let outputs = isAggregated ? selectResolved.map(rewrite) : selectResolved
        let having = isAggregated ? havingResolved.map(rewrite) : havingResolved
        let order = orderResolved.map { (expression: isAggregated ? rewrite($0.0) : $0.0, descending: $0.1) }

        let columns = AQLAnalyzer.uniqueNames(items.enumerated().map { index, item in
            columnName(for: item.expression, alias: item.alias, text: item.text, resolved: selectResolved[index],
                       groupKeys: groupKeys, isAggregated: isAggregated)
        })

        // The time window.
        var windowConditions: [ResolvedExpression] = []
        var filterParts: [ResolvedExpression] = []
        var replaced: [String] = []
        for (written, resolved) in filterConjuncts {
            if isTimeWindowCondition(resolved) {
                if case .hunt = options.mode { replaced.append(AQLAnalyzer.describe(written)) } else { windowConditions.append(resolved) }
            } else {
                filterParts.append(resolved)
            }
        }
        let window: TimeWindow
        var windowText: String
        switch options.mode {
        case .verbatim:
            switch query.window {
            case .last(let milliseconds, let text)?:
                window = TimeWindow(lower: options.now - milliseconds, lowerInclusive: false, upper: options.now, upperInclusive: true)
                windowText = text + " " + window.description
            case .startStop(let start, let stop, let position)?:
                guard let exactLow = parseTime(start) else { throw AQLSemanticError(.badTime(start), at: position) }
                guard let exactHigh = parseTime(stop) else { throw AQLSemanticError(.badTime(stop), at: position) }
                // Ariel searches whole minutes: START is rounded down to its minute and STOP up
                // to the next (IBM's examples: START '…15:51:20' STOP '…17:00:20' returns
                // 15:51:00 to 17:00:59; STOP '…17:00' stops before 17:00:00).
                let low = AQLAnalyzer.floorMinute(exactLow)
                let high = AQLAnalyzer.floorMinute(exactHigh) == exactHigh ? exactHigh : AQLAnalyzer.floorMinute(exactHigh) + 60_000
                window = TimeWindow(lower: low, lowerInclusive: true, upper: high, upperInclusive: false)
                windowText = "START/STOP " + window.description
                if low >= high {
                    warnings.append("START '\(start)' is not before STOP '\(stop)': the window [start, stop) holds no time, so no event can match")
                }
            case nil:
                window = .unbounded
                // QRadar would search the last five minutes; see docs/aql.md ("Time").
                windowText = "no time clause: the whole input (QRadar would search the last 5 minutes; write LAST 5 MINUTES for that)"
            }
            if !windowConditions.isEmpty {
                windowText += "; WHERE " + filterConjuncts.filter { windowConditions.contains($0.1) }.map { AQLAnalyzer.describe($0.0) }.joined(separator: " AND ")
            }
        case .hunt(let since, let until):
            window = TimeWindow(lower: since, lowerInclusive: true, upper: until, upperInclusive: true)
            windowText = since == nil && until == nil ? "hunt window: the whole input" : "hunt window " + window.description
            if case .last(_, let text)? = query.window { replaced.insert(text, at: 0) }
            if case .startStop(let start, let stop, _)? = query.window { replaced.insert("START '\(start)' STOP '\(stop)'", at: 0) }
        }

        let prefilters = filterParts.compactMap { prefilter(for: $0) }
        let filter = filterParts.isEmpty ? nil : filterParts.dropFirst().reduce(filterParts[0]) { .binary(.and, $0, $1) }

        var lint = AQLLinter.lint(query: query, resolved: selectResolved + groupKeys + filterConjuncts.map(\.1),
                                  groupKeys: groupKeys, properties: properties)
        lint.sort { $0.code < $1.code }

        return QueryPlan(
            query: query, columns: columns, properties: properties,
            window: window, windowConditions: windowConditions, prefilterConditions: prefilters, filter: filter,
            isAggregated: isAggregated, groupKeys: groupKeys, aggregates: aggregates, outputs: outputs,
            having: having, order: order, limit: query.limit, lint: lint, warnings: warnings, options: options,
            windowDescription: windowText, replacedWindow: replaced,
            starttimeProperty: propertyIndex["starttime"])
    }

    // MARK: - Names

    /// The index of property `name` in the plan's list; `length` is the name's length as written
    /// (with its quotes), for the caret under an unknown name.
    mutating func property(named name: String, at position: SourcePosition, length: Int) throws(AQLSemanticError) -> Int {
        guard let definition = options.catalog.property(named: name) else {
            if let aliased = selectAliases[name.lowercased()] {
                throw AQLSemanticError(.aliasNotUsable(aliased.alias, expression: aliased.expression, clause: clause),
                                       at: position, length: length)
            }
            throw AQLSemanticError(.unknownProperty(name, suggestions: options.catalog.nearestNames(to: name)),
                                   at: position, length: length)
        }
        let key = definition.name
        if let index = propertyIndex[key] { return index }
        propertyIndex[key] = properties.count
        properties.append(definition)
        return properties.count - 1
    }

    // MARK: - Resolution

    mutating func resolve(_ expression: AQLExpression, scope: Scope, aliases: [String: ResolvedExpression],
                          aggregateError: AQLSemanticProblem = .nestedAggregate) throws(AQLSemanticError) -> ResolvedExpression {
        func recurse(_ inner: AQLExpression) throws(AQLSemanticError) -> ResolvedExpression {
            try resolve(inner, scope: scope, aliases: aliases, aggregateError: aggregateError)
        }
        switch expression {
        case .name(let name, let quoted, let position):
            if scope == .post, let aliased = aliases[name.lowercased()] { return aliased }
            // A quoted name is written with its quotes, and each '"' inside it doubled.
            let written = quoted ? name.utf8.count + 2 + name.utf8.count(where: { $0 == UInt8(ascii: "\"") }) : name.utf8.count
            return .property(try property(named: name, at: position, length: written))
        case .string(let value): return .literal(.string(value))
        case .integer(let value): return .literal(.integer(value))
        case .decimal(let value): return .literal(.decimal(value))
        case .null: return .literal(.null)
        case .star(let position): throw AQLSemanticError(.starOutsideCount, at: position)
        case .not(let inner): return .not(try recurse(inner))
        case .negate(let inner): return .negate(try recurse(inner))
        case .binary(let operation, let left, let right):
            if operation == .concatenate { return .scalar(.concat, [try recurse(left), try recurse(right)]) }
            return .binary(operation, try recurse(left), try recurse(right))
        case .inList(let subject, let items, let negated):
            return .inList(try recurse(subject), try items.map { item throws(AQLSemanticError) in try recurse(item) }, negated: negated)
        case .between(let subject, let low, let high, let negated):
            return .between(try recurse(subject), try recurse(low), try recurse(high), negated: negated)
        case .isNull(let inner, let negated):
            return .isNull(try recurse(inner), negated: negated)
        case .pattern(let kind, let subject, let pattern, let negated):
            let resolvedSubject = try recurse(subject)
            if case .string(let text) = pattern {
                do {
                    return .matchLiteral(resolvedSubject, try PatternMatcher(kind, pattern: text), negated: negated)
                } catch {
                    throw AQLSemanticError(.invalidPattern(function: kind.rawValue, detail: error.message), at: AQLAnalyzer.position(of: subject))
                }
            }
            return .matchDynamic(kind, resolvedSubject, try recurse(pattern), negated: negated)
        case .caseWhen(let subject, let branches, let otherwise):
            return .caseWhen(subject: try subject.map { subject throws(AQLSemanticError) in try recurse(subject) },
                             branches: try branches.map { branch throws(AQLSemanticError) in ResolvedBranch(when: try recurse(branch.when), then: try recurse(branch.then)) },
                             otherwise: try otherwise.map { otherwise throws(AQLSemanticError) in try recurse(otherwise) })
        case .call(let name, let arguments, let position):
            return try resolveCall(name, arguments, at: position, scope: scope, aliases: aliases, aggregateError: aggregateError)
        }
    }

    mutating func resolveCall(_ name: String, _ arguments: [AQLExpression], at position: SourcePosition, scope: Scope,
                              aliases: [String: ResolvedExpression], aggregateError: AQLSemanticProblem) throws(AQLSemanticError) -> ResolvedExpression {
        let upper = name.uppercased()
        func arity(_ range: ClosedRange<Int>, _ text: String) throws(AQLSemanticError) {
            guard range.contains(arguments.count) else {
                throw AQLSemanticError(.wrongArgumentCount(function: upper, expected: text, got: arguments.count), at: position, length: name.utf8.count)
            }
        }
        func recurse(_ inner: AQLExpression) throws(AQLSemanticError) -> ResolvedExpression {
            try resolve(inner, scope: scope, aliases: aliases, aggregateError: aggregateError)
        }

        if let function = AggregateFunction.named(upper) {
            guard scope != .row else { throw AQLSemanticError(aggregateError, at: position, length: name.utf8.count) }
            try arity(1...1, "1 argument")
            if case .star = arguments[0] {
                guard function == .count else { throw AQLSemanticError(.starOutsideCount, at: position) }
                return .aggregate(.count, nil)
            }
            // The argument is evaluated per event: no aggregates inside, no aliases.
            let argument = try resolve(arguments[0], scope: .row, aliases: [:], aggregateError: .nestedAggregate)
            return .aggregate(function, argument)
        }
        switch upper {
        case "NOW":
            try arity(0...0, "no arguments")
            return .now
        case "DATEFORMAT":
            try arity(2...2, "2 arguments (time, 'pattern')")
            let time = try recurse(arguments[0])
            if case .string(let pattern) = arguments[1] {
                do {
                    return .dateFormat(time, DateFormatter(try SimpleDateFormat(pattern, timeZone: options.timeZone)))
                } catch {
                    throw AQLSemanticError(.invalidPattern(function: "DATEFORMAT", detail: error.message), at: position, length: name.utf8.count)
                }
            }
            return .scalar(.dateFormat, [time, try recurse(arguments[1])])
        case "REFERENCESETCONTAINS":
            try arity(2...2, "2 arguments ('set name', value)")
            guard case .string(let set) = arguments[0] else {
                throw AQLSemanticError(.literalRequired(function: upper, argument: "set name"), at: position, length: name.utf8.count)
            }
            if options.referenceSets.sets[set] == nil {
                let message = QueryPlan.unloadedReferenceSetWarning(set)
                if !warnings.contains(message) { warnings.append(message) }
            }
            return .referenceSetContains(set, try recurse(arguments[1]))
        case "INCIDR":
            try arity(2...2, "2 arguments ('cidr', ip)")
            if case .string(let cidr) = arguments[0], IPAddress.contains(cidr: cidr, address: "0.0.0.0") == nil,
               IPAddress.contains(cidr: cidr, address: "::") == nil {
                throw AQLSemanticError(.badCIDR(cidr), at: position, length: name.utf8.count)
            }
            return .scalar(.incidr, [try recurse(arguments[0]), try recurse(arguments[1])])
        default:
            guard let function = ScalarFunction(rawValue: upper) else {
                let known = ScalarFunction.allCases.map(\.rawValue) + AggregateFunction.allCases.map(\.rawValue) + ["NOW", "DATEFORMAT", "REFERENCESETCONTAINS", "DISTINCTCOUNT"]
                let suggestions = known.sorted { AQLAnalyzer.distance($0, upper) < AQLAnalyzer.distance($1, upper) }.prefix(3)
                throw AQLSemanticError(.unknownFunction(name, suggestions: Array(suggestions)), at: position, length: name.utf8.count)
            }
            let (range, text) = function.arity
            try arity(range, text)
            return .scalar(function, try arguments.map { argument throws(AQLSemanticError) in try recurse(argument) })
        }
    }

    // MARK: - Helpers

    static func slot(for spec: AggregateSpec, in aggregates: inout [AggregateSpec]) -> Int {
        if let index = aggregates.firstIndex(of: spec) { return index }
        aggregates.append(spec)
        return aggregates.count - 1
    }

    static func conjuncts(of expression: AQLExpression) -> [AQLExpression] {
        if case .binary(.and, let left, let right) = expression { return conjuncts(of: left) + conjuncts(of: right) }
        return [expression]
    }

    /// A condition that compares `starttime` or `devicetime` with something computed from `NOW()`
    /// (`=`, `<>`, `<`, `<=`, `>`, `>=` or `BETWEEN`). Anything else that mentions both, such as
    /// `starttime > NOW() - 3600000 OR "EventName" = 'X'`, is an ordinary condition.
    func isTimeWindowCondition(_ expression: ResolvedExpression) -> Bool {
        func uses(_ expression: ResolvedExpression, now: Bool) -> Bool {
            var found = false
            expression.visit { node in
                if now, case .now = node { found = true }
                if !now, case .property(let index) = node, ["starttime", "devicetime"].contains(properties[index].name.lowercased()) {
                    found = true
                }
            }
            return found
        }
        switch expression {
        case .binary(let operation, let left, let right) where operation.isComparison:
            return (uses(left, now: false) && uses(right, now: true)) || (uses(left, now: true) && uses(right, now: false))
        case .between(let subject, let low, let high, _):
            return uses(subject, now: false) && (uses(low, now: true) || uses(high, now: true))
        default:
            return false
        }
    }

    /// `ms` rounded down to its minute.
    static func floorMinute(_ ms: Int64) -> Int64 {
        let remainder = ms % 60_000
        return remainder < 0 ? ms - remainder - 60_000 : ms - remainder
    }

    /// A START/STOP time, read as every time a person writes is read (`EventTime.parseInstant`):
    /// QRadar's forms (`yyyy-MM-dd HH:mm[:ss]`, `yyyy/MM/dd HH:mm:ss`, `yyyy/MM/dd-HH:mm:ss`,
    /// `yyyy:MM:dd-HH:mm:ss`, each with an optional `Z`), RFC 3339, a date alone (its midnight)
    /// and epoch milliseconds; one written without a zone is in the `--timezone` zone.
    func parseTime(_ text: String) -> Int64? {
        EventTime.parseInstant(text, timeZone: options.timeZone)
    }

    func prefilter(for condition: ResolvedExpression) -> PrefilterCondition? {
        func textProperty(_ expression: ResolvedExpression) -> Int? {
            guard case .property(let index) = expression, properties[index].transform == .text,
                  properties[index].paths.count == 1 else { return nil }
            return index
        }
        switch condition {
        case .inList(let subject, let items, negated: false):
            guard let property = textProperty(subject) else { return nil }
            var values: [String] = []
            for item in items {
                guard case .literal(.string(let value)) = item else { return nil }
                values.append(value)
            }
            return PrefilterCondition(property: property, values: values)
        case .binary(.equal, let left, let right):
            if let property = textProperty(left), case .literal(.string(let value)) = right { return PrefilterCondition(property: property, values: [value]) }
            if let property = textProperty(right), case .literal(.string(let value)) = left { return PrefilterCondition(property: property, values: [value]) }
            return nil
        default:
            return nil
        }
    }

    func columnName(for expression: AQLExpression, alias: String?, text: String, resolved: ResolvedExpression,
                    groupKeys: [ResolvedExpression], isAggregated: Bool) -> String {
        if let alias { return alias }
        switch expression {
        case .name:
            guard case .property(let index) = resolved else { return text }
            let name = properties[index].name
            if isAggregated && !groupKeys.contains(resolved) { return "FIRST_" + name }
            return name
        case .call(let function, let arguments, _):
            guard let aggregate = AggregateFunction.named(function), arguments.count == 1 else { return text }
            if case .star = arguments[0] { return aggregate.rawValue }
            if case .name(let name, _, _) = arguments[0], let property = options.catalog.property(named: name) {
                return function.uppercased() + "_" + property.name
            }
            return text
        default:
            return text
        }
    }

    /// The names with `_2`, `_3` … added to repeats. Names that differ only in case are two
    /// names (the catalog has both `username` and `UserName`).
    static func uniqueNames(_ names: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return names.map { name in
            let count = (seen[name] ?? 0) + 1
            seen[name] = count
            return count == 1 ? name : "\(name)_\(count)"
        }
    }

    static func position(of expression: AQLExpression) -> SourcePosition {
        switch expression {
        case .name(_, _, let position), .call(_, _, let position), .star(let position): return position
        case .binary(_, let left, _), .inList(let left, _, _), .between(let left, _, _, _), .isNull(let left, _),
             .pattern(_, let left, _, _), .not(let left), .negate(let left):
            return position(of: left)
        default: return SourcePosition(offset: 0)
        }
    }

    /// The condition as AQL text (for headers), rebuilt from the tree.
    static func describe(_ expression: AQLExpression) -> String {
        switch expression {
        case .name(let name, let quoted, _): return quoted ? "\"\(name)\"" : name
        case .string(let value): return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .integer(let value): return String(value)
        case .decimal(let value): return String(value)
        case .null: return "NULL"
        case .star: return "*"
        case .not(let inner): return "NOT " + describe(inner)
        case .negate(let inner): return "-" + describe(inner)
        case .binary(let operation, let left, let right): return describe(left) + " " + operation.rawValue + " " + describe(right)
        case .inList(let subject, let items, let negated):
            return describe(subject) + (negated ? " NOT IN (" : " IN (") + items.map(describe).joined(separator: ", ") + ")"
        case .between(let subject, let low, let high, let negated):
            return describe(subject) + (negated ? " NOT BETWEEN " : " BETWEEN ") + describe(low) + " AND " + describe(high)
        case .isNull(let inner, let negated): return describe(inner) + (negated ? " IS NOT NULL" : " IS NULL")
        case .pattern(let kind, let subject, let pattern, let negated):
            return describe(subject) + (negated ? " NOT " : " ") + kind.rawValue + " " + describe(pattern)
        case .caseWhen: return "CASE … END"
        case .call(let name, let arguments, _): return name + "(" + arguments.map(describe).joined(separator: ", ") + ")"
        }
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
