import AQL
import CloudTrail

/// One result row of a rule: a suspicious group (identity, hour, service…) with its columns.
public struct Finding: Sendable, Equatable {
    /// The rule that produced it (`nil` for `skua aql`, whose findings are plain rows).
    public var rule: RuleReference?
    /// Result column names and values, in the query's order.
    public var columns: [String]
    public var values: [AQLValue]
    /// Earliest and latest `eventTime` of the events behind the row.
    public var firstEventTime: Int64?
    public var lastEventTime: Int64?
    public var eventCount: Int

    public init(rule: RuleReference?, columns: [String], values: [AQLValue], firstEventTime: Int64?,
                lastEventTime: Int64?, eventCount: Int) {
        self.rule = rule
        self.columns = columns
        self.values = values
        self.firstEventTime = firstEventTime
        self.lastEventTime = lastEventTime
        self.eventCount = eventCount
    }

    /// The value of the column called `name`, if the row has one.
    public func value(_ name: String?) -> AQLValue? {
        guard let name, let index = columns.firstIndex(of: name) else { return nil }
        return values[index]
    }
}

/// What a finding says about its rule.
public struct RuleReference: Sendable, Equatable {
    public var id: String
    public var title: String
    public var technique: String
    public var severity: DetectionRule.Severity
    public var layout: DetectionRule.TableLayout
}

extension DetectionRule {
    /// What a finding of this rule says about it.
    public var reference: RuleReference {
        RuleReference(id: id, title: title, technique: technique, severity: severity, layout: layout)
    }
}
