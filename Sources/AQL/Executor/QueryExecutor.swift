import CloudTrail
import Glibc

/*
 The executor's inner loop, per record (`consume`):

   1. time window      — `starttime` outside the plan's window, or a `starttime > NOW() - …`
                          condition false: counted as "left out by the window", stop;
   2. prefilters       — byte comparisons of EventSource/EventName-style conditions against the
                          scanned slots, before anything is decoded; most records stop here;
   3. WHERE            — full three-valued evaluation; properties decode lazily, once per record;
   4. group + update   — the key's values select a group (created on first sight), and each
                          aggregate's accumulator takes the row.

 Each worker owns one executor; `merge` folds another worker's executor into this one, and
 `finish` evaluates HAVING, the select list and ORDER BY per group. Nothing depends on which
 worker saw which file: accumulators merge commutatively and FIRST/LAST compare
 (time, file, offset), so results are byte-identical for any worker count.
*/

/// A plan bound to a projection table (its slots), ready to execute. Several plans can share one
/// table, so a pack of rules reads the input once.
public final class PreparedQuery: @unchecked Sendable {
    // @unchecked Sendable: the two buffers below are written once, in `init`, then only read,
    // and freed in `deinit`.
    public let plan: QueryPlan
    public let table: ProjectionTable
    let bound: [BoundProperty]
    /// `bound` again, as a buffer this query owns: what `RecordRow` reads for every record,
    /// without retaining an array (two atomic operations per record, with the cache's).
    let boundBuffer: UnsafeMutableBufferPointer<BoundProperty>
    /// Per group key: the property index of a key that is a bare property, or -1. The per-row
    /// key loop reads these instead of the key expressions: each expression is a boxed enum,
    /// retained and released around every use.
    let groupKeyProperties: UnsafeMutableBufferPointer<Int>
    let prefilters: [Prefilter]
    let evaluator: Evaluator
    // The parts of the plan read for every record, held here so that `consume` does not copy
    // the whole `QueryPlan` (two dozen reference-counted fields) per record: that copy was a
    // fifth of the run's time.
    let window: TimeWindow
    let windowConditions: [ResolvedExpression]
    let filter: ResolvedExpression?
    let isAggregated: Bool
    let groupKeys: [ResolvedExpression]
    let aggregates: [AggregateSpec]
    /// Per aggregate: its function, and the property index of an argument that is a bare
    /// property (-1 otherwise), for the per-row loop.
    let aggregateFunctions: [AggregateFunction]
    let aggregatePropertyIndexes: [Int]
    let outputs: [ResolvedExpression]
    let having: ResolvedExpression?
    let order: [(expression: ResolvedExpression, descending: Bool)]
    let limit: Int?

    /// Binds `plan` to `table`, which must hold every path of `plan.properties` (by default a
    /// table of exactly those).
    public init(_ plan: QueryPlan, table: ProjectionTable? = nil) {
        self.plan = plan
        let table = table ?? ProjectionTable(paths: plan.properties.flatMap(\.paths))
        self.table = table
        let bound = plan.properties.map { BoundProperty($0, table: table) }
        self.bound = bound
        boundBuffer = .allocate(capacity: bound.count)
        _ = boundBuffer.initialize(from: bound)
        groupKeyProperties = .allocate(capacity: plan.groupKeys.count)
        _ = groupKeyProperties.initialize(from: plan.groupKeys.map { key -> Int in
            if case .property(let index) = key { return index }
            return -1
        })
        self.prefilters = plan.prefilterConditions.map { condition in
            Prefilter.make(slot: bound[condition.property].slot, values: condition.values)
        }
        self.evaluator = Evaluator(now: plan.options.now, referenceSets: plan.options.referenceSets, timeZone: plan.options.timeZone)
        // Each executor gets its own copy (see `QueryExecutor.init`), with its own expression
        // nodes.
        // `starttime > NOW() - 86400000` and its kind are bounds of the window, known now: fold
        // them in, so no expression is evaluated per event for them.
        var window = plan.window
        var windowConditions: [ResolvedExpression] = []
        for condition in plan.windowConditions {
            if let timeBound = PreparedQuery.timeBound(condition, bound: bound, evaluator: evaluator) {
                window = window.narrowed(by: timeBound)
            } else {
                windowConditions.append(condition.detached())
            }
        }
        self.window = window
        self.windowConditions = windowConditions
        self.filter = plan.filter?.detached()
        self.isAggregated = plan.isAggregated
        self.groupKeys = plan.groupKeys.map { $0.detached() }
        self.aggregates = plan.aggregates.map { AggregateSpec(function: $0.function, argument: $0.argument?.detached()) }
        self.aggregateFunctions = plan.aggregates.map(\.function)
        self.aggregatePropertyIndexes = plan.aggregates.map { aggregate in
            if case .property(let index)? = aggregate.argument { return index }
            return -1
        }
        self.outputs = plan.outputs.map { $0.detached() }
        self.having = plan.having?.detached()
        self.order = plan.order.map { ($0.expression.detached(), $0.descending) }
        self.limit = plan.limit
    }

    deinit {
        for prefilter in prefilters { prefilter.deallocate() }
        boundBuffer.deallocate()
        groupKeyProperties.deallocate()
    }
}

extension PreparedQuery {
    /// A bound on `starttime` (or `devicetime`: both are the event's time), from a comparison of
    /// it with an integer that does not depend on the event (`NOW() - 86400000`, a literal);
    /// `nil` for any other condition, which stays an expression.
    static func timeBound(_ condition: ResolvedExpression, bound: [BoundProperty], evaluator: Evaluator) -> TimeWindow? {
        guard case .binary(let operation, let left, let right) = condition else { return nil }
        func isEventTime(_ expression: ResolvedExpression) -> Bool {
            guard case .property(let index) = expression else { return false }
            return bound[index].transform == .epochMillis && bound[index].slot == bound[index].eventTimeSlot
        }
        func constant(_ expression: ResolvedExpression) -> Int64? {
            var dependsOnEvent = false
            expression.visit { node in
                switch node {
                case .property, .groupKey, .aggregate, .aggregateSlot: dependsOnEvent = true
                default: break
                }
            }
            guard !dependsOnEvent else { return nil }
            var row = ConstantRow()
            guard case .integer(let value) = evaluator.evaluate(expression, &row) else { return nil }
            return value
        }
        // starttime OP c, or c OP starttime (mirrored).
        var mirrored = false
        var value: Int64 = 0
        if isEventTime(left), let number = constant(right) {
            value = number
        } else if isEventTime(right), let number = constant(left) {
            mirrored = true
            value = number
        } else {
            return nil
        }
        switch (operation, mirrored) {
        case (.greater, false), (.less, true):
            return TimeWindow(lower: value, lowerInclusive: false, upper: nil, upperInclusive: true)
        case (.greaterOrEqual, false), (.lessOrEqual, true):
            return TimeWindow(lower: value, lowerInclusive: true, upper: nil, upperInclusive: true)
        case (.less, false), (.greater, true):
            return TimeWindow(lower: nil, lowerInclusive: true, upper: value, upperInclusive: false)
        case (.lessOrEqual, false), (.greaterOrEqual, true):
            return TimeWindow(lower: nil, lowerInclusive: true, upper: value, upperInclusive: true)
        case (.equal, _):
            return TimeWindow(lower: value, lowerInclusive: true, upper: value, upperInclusive: true)
        default:
            return nil
        }
    }
}

/// A row for expressions that read nothing from an event.
private struct ConstantRow: EvaluationRow {
    mutating func property(_ index: Int) -> AQLValue { .null }
    func groupKey(_ index: Int) -> AQLValue { .null }
    func aggregate(_ index: Int) -> AQLValue { .null }
}

/// Counts about one query's pass over the input.
public struct AQLStatistics: Sendable, Equatable, Codable {
    /// Events the query looked at (every evaluated record).
    public var considered = 0
    /// Events left out by the time window (LAST, START/STOP, `starttime` vs `NOW()`, hunt window).
    public var excludedByWindow = 0
    /// Newest and oldest `starttime` among the events left out.
    public var newestExcluded: Int64?
    public var oldestExcluded: Int64?
    /// Events that passed WHERE.
    public var matched = 0

    public init() {}

    mutating func merge(_ other: AQLStatistics) {
        considered += other.considered
        excludedByWindow += other.excludedByWindow
        matched += other.matched
        if let time = other.newestExcluded { newestExcluded = max(newestExcluded ?? time, time) }
        if let time = other.oldestExcluded { oldestExcluded = min(oldestExcluded ?? time, time) }
    }
}

/// One worker's execution of one query: a `RecordSink`.
public struct QueryExecutor: RecordSink {
    let prepared: PreparedQuery
    public private(set) var statistics = AQLStatistics()
    /// Group keys in the byte form of `ValueBytes` → index in `groups`.
    private var groupIndex = ByteKeyTable()
    private var groups: [Group] = []
    /// Reused per record: the group key's bytes, and one aggregate argument's.
    private var keyBuffer: [UInt8] = []
    private var argumentBuffer: [UInt8] = []
    private var rows: [PendingRow] = []
    private let cache: PropertyCache

    struct Group {
        var keys: [AQLValue]
        var accumulators: [Accumulator]
        var firstTime: Int64
        var lastTime: Int64
        var events: Int
    }

    struct PendingRow {
        var values: [AQLValue]
        var orderValues: [AQLValue]
        var time: Int64
        var location: RecordLocation
    }

    /// An executor with its own copy of `prepared`: nothing it touches per record is shared
    /// with another worker's executor, so no reference count bounces between cores.
    public init(_ prepared: PreparedQuery) {
        self.prepared = PreparedQuery(prepared.plan, table: prepared.table)
        self.cache = PropertyCache(count: prepared.plan.properties.count)
    }

    /// Property values this executor has decoded (not counting merged executors).
    var decodedProperties: Int { cache.decodedCount }

    public mutating func consume(_ record: ScannedRecord) {
        let plan = prepared
        statistics.considered += 1
        let time = record.eventTime
        // Most events stop at the window or a prefilter, before any value is decoded and before
        // a row (with its reference-counted parts) is built.
        if !plan.window.contains(time) {
            excludeByWindow(time)
            return
        }
        cache.reset()
        if !plan.windowConditions.isEmpty {
            var windowRow = RecordRow(record: record, bound: prepared.boundBuffer, cache: cache)
            if !windowConditionsHold(&windowRow) {
                excludeByWindow(time)
                return
            }
        }
        for index in plan.prefilters.indices where !plan.prefilters[index].mayPass(record) { return }
        // Values the window conditions decoded stay in the cache for the rest.
        var row = RecordRow(record: record, bound: prepared.boundBuffer, cache: cache)
        if let filter = plan.filter, prepared.evaluator.evaluate(filter, &row).truth != true { return }
        statistics.matched += 1

        if !plan.isAggregated {
            // Without aggregates HAVING is one more condition on the row (it may name aliases).
            if let having = plan.having, prepared.evaluator.evaluate(having, &row).truth != true { return }
            var values: [AQLValue] = []
            values.reserveCapacity(plan.outputs.count)
            for output in plan.outputs { values.append(prepared.evaluator.evaluate(output, &row)) }
            var orderValues: [AQLValue] = []
            for item in plan.order { orderValues.append(prepared.evaluator.evaluate(item.expression, &row)) }
            rows.append(PendingRow(values: values, orderValues: orderValues, time: time, location: record.location))
            if let limit = plan.limit, rows.count >= max(4 * limit, 1024) { trimRows(to: limit) }
            return
        }

        // The group: looked up by the key's bytes; its values are decoded only when it is new.
        keyBuffer.removeAll(keepingCapacity: true)
        for key in 0..<plan.groupKeyProperties.count {
            let property = plan.groupKeyProperties[key]
            if property >= 0 {
                row.appendPropertyKey(property, to: &keyBuffer)
            } else {
                row.appendKey(plan.groupKeys[key], evaluator: plan.evaluator, to: &keyBuffer)
            }
        }
        let index = keyBuffer.withUnsafeBytes { key -> Int in
            let hash = ValueBytes.hash(key)
            if let existing = groupIndex.value(for: key, hash: hash) { return existing }
            groupIndex.insert(key, hash: hash, value: groups.count)
            return -1
        }
        let group: Int
        if index >= 0 {
            group = index
        } else {
            group = groups.count
            let keys = plan.groupKeys.map { plan.evaluator.evaluate($0, &row) }
            groups.append(Group(keys: keys, accumulators: Array(repeating: Accumulator(), count: plan.aggregates.count),
                                firstTime: time, lastTime: time, events: 0))
        }
        groups[group].firstTime = min(groups[group].firstTime, time)
        groups[group].lastTime = max(groups[group].lastTime, time)
        groups[group].events += 1
        for slot in plan.aggregates.indices {
            // The function and a property argument's index are plain values: looking at the
            // aggregate's expression would retain and release it for every row.
            let function = plan.aggregateFunctions[slot]
            let propertyIndex = plan.aggregatePropertyIndexes[slot]
            if function == .uniqueCount, propertyIndex >= 0, let slot0 = row.plainKeySlot(propertyIndex) {
                // A plain string goes into the set from a temporary on the stack, without the
                // scratch array's appends; anything else through `appendKey` below.
                if let slot0 {
                    row.record.withRawString(slot0) { bytes in
                        ValueBytes.withStringKey(bytes) { groups[group].accumulators[slot].addUnique($0) }
                    }
                }
                continue
            }
            if function == .minimum || function == .maximum, propertyIndex >= 0,
               let text = row.plainTextSlot(propertyIndex) {
                // Most rows do not beat the extreme: for a plain ASCII string property, compare
                // its bytes with the extreme's (strings order by their UTF-8 bytes) and decode
                // only a winner. NULL never counts.
                guard let text else { continue }
                let order = row.record.withRawString(text) { groups[group].accumulators[slot].order(ofPlainString: $0) }
                if let order, function == .maximum ? order <= 0 : order >= 0 { continue }
            }
            let aggregate = plan.aggregates[slot]
            guard let argument = aggregate.argument else {
                groups[group].accumulators[slot].addRow()
                continue
            }
            switch aggregate.function {
            case .uniqueCount:
                argumentBuffer.removeAll(keepingCapacity: true)
                row.appendKey(argument, evaluator: plan.evaluator, to: &argumentBuffer)
                if argumentBuffer.first != ValueBytes.nullTag {
                    argumentBuffer.withUnsafeBytes { groups[group].accumulators[slot].addUnique($0) }
                }
            case .first, .last:
                // Most rows do not replace the chosen one: compute the value only when one does.
                guard groups[group].accumulators[slot].wouldChoose(aggregate.function, time: time, location: record.location) else { continue }
                let value = plan.evaluator.evaluate(argument, &row)
                groups[group].accumulators[slot].add(aggregate.function, value, time: time, location: record.location)
            default:
                let value = plan.evaluator.evaluate(argument, &row)
                groups[group].accumulators[slot].add(aggregate.function, value, time: time, location: record.location)
            }
        }
    }

    private mutating func excludeByWindow(_ time: Int64) {
        statistics.excludedByWindow += 1
        statistics.newestExcluded = max(statistics.newestExcluded ?? time, time)
        statistics.oldestExcluded = min(statistics.oldestExcluded ?? time, time)
    }

    private func windowConditionsHold(_ row: inout RecordRow) -> Bool {
        for condition in prepared.windowConditions where prepared.evaluator.evaluate(condition, &row).truth != true {
            return false
        }
        return true
    }

    /// Folds another worker's executor (of the same prepared query) into this one.
    public mutating func merge(_ other: QueryExecutor) {
        statistics.merge(other.statistics)
        rows.append(contentsOf: other.rows)
        var key: [UInt8] = []
        for group in other.groups {
            key.removeAll(keepingCapacity: true)
            for value in group.keys { ValueBytes.append(value, to: &key) }
            let existing = key.withUnsafeBytes { groupIndex.value(for: $0, hash: ValueBytes.hash($0)) }
            if let index = existing {
                groups[index].firstTime = min(groups[index].firstTime, group.firstTime)
                groups[index].lastTime = max(groups[index].lastTime, group.lastTime)
                groups[index].events += group.events
                for (slot, aggregate) in prepared.plan.aggregates.enumerated() {
                    groups[index].accumulators[slot].merge(aggregate.function, group.accumulators[slot])
                }
            } else {
                key.withUnsafeBytes { groupIndex.insert($0, hash: ValueBytes.hash($0), value: groups.count) }
                groups.append(group)
            }
        }
    }

    private mutating func trimRows(to limit: Int) {
        rows.sort(by: rowPrecedes)
        rows.removeSubrange(min(limit, rows.count)...)
    }

    private func rowPrecedes(_ a: PendingRow, _ b: PendingRow) -> Bool {
        for (index, item) in prepared.plan.order.enumerated() {
            let order = AQLValue.sortOrder(a.orderValues[index], b.orderValues[index])
            if order != 0 { return item.descending ? order > 0 : order < 0 }
        }
        return a.location < b.location
    }

    /// The result rows: HAVING, the select list, ORDER BY and LIMIT applied.
    public func finish() -> AQLResult {
        let plan = prepared.plan
        if !plan.isAggregated {
            var sorted = rows.sorted(by: rowPrecedes)
            if let limit = plan.limit, sorted.count > limit { sorted.removeSubrange(limit...) }
            let output = sorted.map { AQLRow(values: $0.values, firstEventTime: $0.time, lastEventTime: $0.time, eventCount: 1) }
            return AQLResult(columns: plan.columns, rows: output, statistics: statistics)
        }
        var finished: [(row: AQLRow, order: [AQLValue], keys: [AQLValue])] = []
        var allGroups = groups
        if allGroups.isEmpty && plan.groupKeys.isEmpty {
            // Aggregates without GROUP BY: one row, even over no events.
            allGroups.append(Group(keys: [], accumulators: Array(repeating: Accumulator(), count: plan.aggregates.count),
                                   firstTime: 0, lastTime: 0, events: 0))
        }
        for group in allGroups {
            var context = GroupRow(keys: group.keys, aggregates: zip(plan.aggregates, group.accumulators).map { $1.value($0.function) })
            if let having = plan.having, prepared.evaluator.evaluate(having, &context).truth != true { continue }
            let values = plan.outputs.map { prepared.evaluator.evaluate($0, &context) }
            let order = plan.order.map { prepared.evaluator.evaluate($0.expression, &context) }
            let hasEvents = group.events > 0
            finished.append((AQLRow(values: values, firstEventTime: hasEvents ? group.firstTime : nil,
                                    lastEventTime: hasEvents ? group.lastTime : nil, eventCount: group.events), order, group.keys))
        }
        finished.sort { a, b in
            for (index, item) in plan.order.enumerated() {
                let order = AQLValue.sortOrder(a.order[index], b.order[index])
                if order != 0 { return item.descending ? order > 0 : order < 0 }
            }
            for index in a.keys.indices {
                let order = AQLValue.sortOrder(a.keys[index], b.keys[index])
                if order != 0 { return order < 0 }
            }
            return false
        }
        if let limit = plan.limit, finished.count > limit { finished.removeSubrange(limit...) }
        return AQLResult(columns: plan.columns, rows: finished.map(\.row), statistics: statistics)
    }
}

/// Decoded property values of the current record, each computed at most once.
///
/// A class so every `RecordRow` of a worker shares one buffer without copying; used by one
/// worker at a time, never shared across threads.
final class PropertyCache {
    /// The decoded values, `nil` where not decoded yet. A buffer the cache owns rather than an
    /// array: reading an array held by a class retained and released its storage around every
    /// look, and a row looks here several times per record.
    let values: UnsafeMutableBufferPointer<AQLValue?>
    /// Whether any value was stored since the last reset (most events store none: they stop
    /// at a prefilter).
    var isDirty = false
    /// Property values decoded so far, over every record (tests check that a record rejected by
    /// a prefilter decodes none). One add per decode, which costs far more.
    var decodedCount = 0

    init(count: Int) {
        values = .allocate(capacity: count)
        values.initialize(repeating: nil)
    }

    deinit {
        values.deinitialize()
        values.deallocate()
    }

    @inline(__always)
    func reset() {
        guard isDirty else { return }
        for index in values.indices { values[index] = nil }
        isDirty = false
    }
}

/// The current record, as expressions see it.
struct RecordRow: EvaluationRow {
    let record: ScannedRecord
    /// The prepared query's bound properties and the executor's cache, both of which outlive
    /// every row (a row lives inside one `consume`): held without reference counting, which
    /// cost two atomic increments and decrements per record.
    let bound: UnsafeMutableBufferPointer<BoundProperty>
    unowned(unsafe) let cache: PropertyCache

    mutating func property(_ index: Int) -> AQLValue {
        if let value = cache.values[index] { return value }
        let value: AQLValue
        switch bound[index].value(in: record) {
        case .null: value = .null
        case .text(let text): value = .string(text)
        case .integer(let number): value = .integer(number)
        }
        cache.values[index] = value
        cache.isDirty = true
        cache.decodedCount += 1
        return value
    }

    func groupKey(_ index: Int) -> AQLValue { .null }
    func aggregate(_ index: Int) -> AQLValue { .null }

    /// `plainKeySlot` for a property whose value is its text (not `sourceip`'s canonical form):
    /// what MIN and MAX compare in place.
    func plainTextSlot(_ index: Int) -> Int?? {
        guard bound[index].transform == .text else { return nil }
        return plainKeySlot(index)
    }

    /// Whether property `index` can be keyed straight from the record's bytes: `.some(slot)` for
    /// a plain ASCII string (no escapes; for `sourceip`, a canonical IPv4 address), `.some(nil)`
    /// for NULL, `nil` when its value must be evaluated (the same test as `appendKey`'s).
    func plainKeySlot(_ index: Int) -> Int?? {
        guard cache.values[index] == nil else { return nil }
        let property = bound[index]
        guard property.transform == .text || property.transform == .ipAddress else { return nil }
        let field = record.field(property.slot)
        switch field.kind {
        case .absent, .null:
            return .some(nil)
        case .string where !field.hasEscapes:
            let plain = record.withRawString(property.slot) { bytes -> Bool in
                ValueBytes.isASCII(bytes.baseAddress!, count: bytes.count)
                    && (property.transform != .ipAddress || IPAddress.isCanonicalIPv4(bytes))
            }
            return plain ? .some(property.slot) : nil
        default:
            return nil
        }
    }

    /// Appends `expression`'s value in the byte form of `ValueBytes`. A property holding a plain
    /// ASCII string (no escapes), or an IPv4 address for `sourceip`, is copied straight from the
    /// record: its decoded value is those bytes, so no `String` is made. Anything else is
    /// evaluated.
    mutating func appendKey(_ expression: ResolvedExpression, evaluator: Evaluator, to buffer: inout [UInt8]) {
        if case .property(let index) = expression {
            appendPropertyKey(index, to: &buffer)
            return
        }
        ValueBytes.append(evaluator.evaluate(expression, &self), to: &buffer)
    }

    /// `appendKey` of the bare property `index`.
    mutating func appendPropertyKey(_ index: Int, to buffer: inout [UInt8]) {
        if let slot = plainKeySlot(index) {
            if let slot {
                record.withRawString(slot) { ValueBytes.appendString($0, to: &buffer) }
            } else {
                buffer.append(ValueBytes.nullTag)
            }
            return
        }
        ValueBytes.append(property(index), to: &buffer)
    }
}

/// A finished group, as HAVING, the select list and ORDER BY see it.
struct GroupRow: EvaluationRow {
    let keys: [AQLValue]
    let aggregates: [AQLValue]

    mutating func property(_ index: Int) -> AQLValue { .null }
    func groupKey(_ index: Int) -> AQLValue { keys[index] }
    func aggregate(_ index: Int) -> AQLValue { aggregates[index] }
}

/// One result row, with the time span and number of the events behind it.
public struct AQLRow: Sendable, Equatable {
    public var values: [AQLValue]
    /// Earliest and latest `starttime` of the row's events (nil for an aggregate over nothing).
    public var firstEventTime: Int64?
    public var lastEventTime: Int64?
    public var eventCount: Int
}

/// A query's answer.
public struct AQLResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [AQLRow]
    public var statistics: AQLStatistics
}
