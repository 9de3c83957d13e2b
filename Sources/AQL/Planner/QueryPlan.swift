import CloudTrail
import Foundation

/// How to run a query: "now", the time zone, reference sets, properties, and whether the
/// query's own time window applies.
public struct AQLOptions: Sendable {
    /// Which time window applies.
    public enum Mode: Sendable, Equatable {
        /// QRadar's semantics exactly: the query's `LAST`/`START…STOP` and its `NOW()` conditions.
        case verbatim
        /// `skua hunt`: the query's window is replaced by `[since, until]` (both optional, both
        /// inclusive); unbounded means the whole input.
        case hunt(since: Int64?, until: Int64?)
    }

    /// "Now", epoch milliseconds.
    public var now: Int64
    /// Zone for `DATEFORMAT` and for `START`/`STOP` times written without a zone.
    public var timeZone: TimeZone
    public var referenceSets: ReferenceSets
    public var catalog: PropertyCatalog
    public var mode: Mode

    public init(now: Int64 = Int64(Date().timeIntervalSince1970 * 1000), timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                referenceSets: ReferenceSets = ReferenceSets(), catalog: PropertyCatalog = .builtIn, mode: Mode = .verbatim) {
        self.now = now
        self.timeZone = timeZone
        self.referenceSets = referenceSets
        self.catalog = catalog
        self.mode = mode
    }
}

/// A range of `starttime` values: each bound optional, inclusive or not.
public struct TimeWindow: Sendable, Equatable {
    public var lower: Int64?
    public var lowerInclusive: Bool
    public var upper: Int64?
    public var upperInclusive: Bool

    public static let unbounded = TimeWindow(lower: nil, lowerInclusive: true, upper: nil, upperInclusive: true)

    @inline(__always)
    public func contains(_ time: Int64) -> Bool {
        if let lower, lowerInclusive ? time < lower : time <= lower { return false }
        if let upper, upperInclusive ? time > upper : time >= upper { return false }
        return true
    }

    public var isUnbounded: Bool { lower == nil && upper == nil }

    /// The times inside both this window and `other`.
    public func narrowed(by other: TimeWindow) -> TimeWindow {
        var result = self
        if let low = other.lower {
            if let current = result.lower, current > low {
                // Already tighter.
            } else if let current = result.lower, current == low {
                result.lowerInclusive = result.lowerInclusive && other.lowerInclusive
            } else {
                result.lower = low
                result.lowerInclusive = other.lowerInclusive
            }
        }
        if let high = other.upper {
            if let current = result.upper, current < high {
                // Already tighter.
            } else if let current = result.upper, current == high {
                result.upperInclusive = result.upperInclusive && other.upperInclusive
            } else {
                result.upper = high
                result.upperInclusive = other.upperInclusive
            }
        }
        return result
    }

    /// `(2026-01-04T00:00:00Z, 2026-01-05T00:00:00Z]`, with `…` for a missing bound.
    public var description: String {
        let low = lower.map(EventTime.rfc3339) ?? "…"
        let high = upper.map(EventTime.rfc3339) ?? "…"
        return (lowerInclusive ? "[" : "(") + low + ", " + high + (upperInclusive ? "]" : ")")
    }
}

/// A finding of the linter: something in the query that is probably not what its author meant.
public struct LintNote: Sendable, Equatable, Codable {
    /// A short stable code (`week-year`, `uniquecount-grouped`, …).
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// One aggregate the query computes per group.
struct AggregateSpec: Equatable, Sendable {
    var function: AggregateFunction
    /// `nil` for `COUNT(*)`.
    var argument: ResolvedExpression?
}

/// A top-level `WHERE` condition a byte-level check can decide: a text property against string
/// literals. Bound to slots when the query is prepared (`Prefilter`).
struct PrefilterCondition: Sendable {
    var property: Int
    var values: [String]
}

/// A byte-level check on one top-level `WHERE` condition (`"EventSource" IN ('a', 'b')`,
/// `"EventName" = 'x'`), run before any value is decoded.
///
/// It only rejects records the full condition would also reject: a string that equals none of
/// the values, or a missing/null field. Anything else (a number where text was expected) passes
/// through to the full evaluation.
///
/// The values sit back to back in one buffer that `PreparedQuery` owns and frees: as an array
/// of arrays, each record paid a retain and a release per value looked at (the published query's
/// event names are eleven), a tenth of the executor's work on records it rejects.
struct Prefilter: @unchecked Sendable {
    // @unchecked Sendable: the buffers are written once, in `make`, then only read.
    let slot: Int
    /// The values' UTF-8, one after another.
    let bytes: UnsafeMutablePointer<UInt8>
    /// `ends[k]` is one past value k in `bytes`; value k starts at `ends[k - 1]` (0 for k = 0).
    let ends: UnsafeMutablePointer<Int>
    let count: Int

    static func make(slot: Int, values: [String]) -> Prefilter {
        let utf8 = values.map { Array($0.utf8) }
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, utf8.reduce(0) { $0 + $1.count }))
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: max(1, utf8.count))
        var end = 0
        for (index, value) in utf8.enumerated() {
            (bytes + end).initialize(from: value, count: value.count)
            end += value.count
            ends[index] = end
        }
        return Prefilter(slot: slot, bytes: bytes, ends: ends, count: utf8.count)
    }

    func deallocate() {
        bytes.deallocate()
        ends.deallocate()
    }

    @inline(__always)
    func mayPass(_ record: ScannedRecord) -> Bool {
        let field = record.field(slot)
        switch field.kind {
        case .absent, .null:
            return false
        case .string:
            var start = 0
            for index in 0..<count {
                let end = ends[index]
                if record.stringEquals(slot, UnsafeBufferPointer(start: bytes + start, count: end - start)) { return true }
                start = end
            }
            return false
        default:
            return true
        }
    }
}

/// A query ready to run: everything resolved, compiled and checked.
public struct QueryPlan: Sendable {
    public let query: AQLQuery
    /// Result column names, in order.
    public let columns: [String]
    /// The properties the query reads, in first-use order.
    public let properties: [PropertyDefinition]
    /// Events outside this range are left out (and counted as left out by the window).
    public let window: TimeWindow
    /// Top-level `WHERE` conditions comparing `starttime`/`devicetime` with `NOW()` (verbatim
    /// mode): part of the window for the "left out" count.
    let windowConditions: [ResolvedExpression]
    let prefilterConditions: [PrefilterCondition]
    let filter: ResolvedExpression?
    public let isAggregated: Bool
    let groupKeys: [ResolvedExpression]
    let aggregates: [AggregateSpec]
    let outputs: [ResolvedExpression]
    let having: ResolvedExpression?
    let order: [(expression: ResolvedExpression, descending: Bool)]
    public let limit: Int?
    public let lint: [LintNote]
    /// Problems that do not stop the run (a reference set that was not loaded).
    public let warnings: [String]
    public let options: AQLOptions
    /// What the window is, in words, for result headers.
    public let windowDescription: String
    /// In hunt mode: the conditions that were dropped from the query, as written.
    public let replacedWindow: [String]
    /// Index of `starttime` in `properties`, when the query reads it.
    let starttimeProperty: Int?

    /// Whether the plan, as it runs, depends on "now": a `LAST` window in verbatim mode, or a
    /// `NOW()` left anywhere in it (in hunt mode the window conditions that used it are gone).
    public var usesNow: Bool {
        if case .verbatim = options.mode, case .last? = query.window { return true }
        var found = false
        let expressions = windowConditions + [filter, having].compactMap { $0 } + outputs + order.map(\.expression) + groupKeys
            + aggregates.compactMap(\.argument)
        for expression in expressions { expression.visit { if case .now = $0 { found = true } } }
        return found
    }

    /// The reference sets the query reads (`REFERENCESETCONTAINS('Name', …)`), in first-use
    /// order, whether loaded or not.
    public var referenceSetNames: [String] {
        var names: [String] = []
        let expressions = [filter, having].compactMap { $0 } + outputs + order.map(\.expression) + groupKeys
            + aggregates.compactMap(\.argument)
        for expression in expressions {
            expression.visit { node in
                if case .referenceSetContains(let name, _) = node, !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    /// The warning a plan carries for a reference set the query reads but nobody loaded.
    public static func unloadedReferenceSetWarning(_ name: String) -> String {
        "reference set '\(name)' was not loaded: it is empty (load it with --reference-set \(name)=FILE)"
    }

    /// Whether `query` depends on "now" (so `skua aql` must know the newest event first).
    public static func queryUsesNow(_ query: AQLQuery) -> Bool {
        if case .last = query.window { return true }
        let callsNow: (AQLExpression) -> Bool = { node in
            if case .call(let name, _, _) = node { return name.uppercased() == "NOW" }
            return false
        }
        let expressions = [query.filter, query.having].compactMap { $0 } + query.select.compactMap(\.expression)
            + query.orderBy.map(\.expression) + query.groupBy
        return expressions.contains { $0.contains(where: callsNow) }
    }
}
