import Simulation

/// The published T1496.004 query's logic, written again by hand from the seed text (not from
/// the simulator or the expectations), to check the expectations against the records:
/// successful calls (`errorCode` absent or empty) of the eleven listed event names to SES, SNS or
/// Bedrock, grouped by clock hour (epoch hour, which equals the query's `YYYY-MM-dd HH` bucket
/// away from week-year edges), event source, caller ARN, caller type, source IP and region; a
/// group fires above 100 / 200 / 50 and scores 1, 2 or 3 above 1×, 3× and 10× that.
enum HandQuery {
    static let eventNames: Set<String> = [
        "SendEmail", "SendRawEmail", "SendBulkTemplatedEmail", "SendBulkEmail", "SendTemplatedEmail",
        "Publish", "PublishBatch",
        "InvokeModel", "InvokeModelWithResponseStream", "CreateModelInvocationJob", "InvokeAgent",
    ]

    static func threshold(_ source: String) -> Int? {
        switch source {
        case "ses.amazonaws.com": 100
        case "sns.amazonaws.com": 200
        case "bedrock.amazonaws.com": 50
        default: nil
        }
    }

    static func score(_ source: String, _ count: Int) -> Int {
        let (high, middle): (Int, Int) = switch source {
        case "ses.amazonaws.com": (1000, 300)
        case "sns.amazonaws.com": (2000, 600)
        default: (500, 150)
        }
        return count > high ? 3 : count > middle ? 2 : 1
    }

    struct GroupKey: Hashable {
        var epochHour: Int64
        var source: String
        var arn: String?
        var type: String
        var ip: String?
        var region: String
    }

    /// `sourceip`: the address, or nil for service names and `AWS Internal`.
    static func sourceIP(_ text: String) -> String? {
        let isIPv4 = text.split(separator: ".").count == 4 && text.allSatisfy { $0.isNumber || $0 == "." }
        let isIPv6 = text.contains(":") && text.allSatisfy { $0.isHexDigit || $0 == ":" }
        return isIPv4 || isIPv6 ? text : nil
    }

    /// Counts per group of the records the query keeps, optionally without allowlisted callers.
    static func groups(_ records: [ReadRecord], excluding sets: ScenarioReferenceSets? = nil) -> [GroupKey: Int] {
        var counts: [GroupKey: Int] = [:]
        for item in records {
            let record = item.record
            guard threshold(record.eventSource) != nil, eventNames.contains(record.eventName),
                  record.errorCode == nil || record.errorCode == "" else { continue }
            if let sets {
                if let arn = record.userIdentity.arn, sets.contains(arn, in: "AllowedCallers") { continue }
                if let issuer = record.sessionIssuerARN, sets.contains(issuer, in: "AllowedRoles") { continue }
            }
            let key = GroupKey(epochHour: item.eventTime / 3_600_000, source: record.eventSource,
                               arn: record.userIdentity.arn, type: record.userIdentity.type,
                               ip: sourceIP(record.sourceIPAddress), region: record.awsRegion)
            counts[key, default: 0] += 1
        }
        return counts
    }

    /// The rows the query returns, as findings with hours counted from `anchor`.
    static func findings(_ records: [ReadRecord], anchor: Int64, excluding sets: ScenarioReferenceSets? = nil) -> Set<ExpectedFinding> {
        var rows = Set<ExpectedFinding>()
        for (key, count) in groups(records, excluding: sets) {
            guard let threshold = threshold(key.source), count > threshold else { continue }
            rows.insert(ExpectedFinding(hour: Int((key.epochHour * 3_600_000 - anchor) / 3_600_000),
                                        serviceAbused: key.source, callerARN: key.arn ?? "", callerType: key.type,
                                        sourceIP: key.ip ?? "", region: key.region, eventCount: count,
                                        suspicionScore: score(key.source, count)))
        }
        return rows
    }
}
