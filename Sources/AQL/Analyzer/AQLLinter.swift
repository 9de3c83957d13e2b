import CloudTrail

/// Warnings about what a query probably does not do as its author meant (never errors).
///
/// The notes encode what BRIEF §2–3 documents about CloudTrail and about the published
/// T1496.004 query: the week year in DATEFORMAT, UNIQUECOUNT of a grouped column, event sources
/// CloudTrail never writes, SES sends missing from default trails, data events, Bedrock's
/// Converse calls, clock-hour buckets and dropped failures.
enum AQLLinter {
    static let sesSendActions: Set<String> = ["SendEmail", "SendRawEmail", "SendTemplatedEmail", "SendBulkTemplatedEmail", "SendBulkEmail"]
    static let dataEventActions: Set<String> = ["Publish", "PublishBatch", "InvokeAgent"]
    static let missingSources: [String: String] = [
        "bedrock-runtime.amazonaws.com": "Bedrock inference is logged with eventSource bedrock.amazonaws.com (the runtime host appears only in tlsDetails)",
        "bedrock-agent-runtime.amazonaws.com": "Bedrock agent calls are logged with eventSource bedrock.amazonaws.com",
        "email.amazonaws.com": "SES (v1 and v2) is logged with eventSource ses.amazonaws.com",
    ]

    static func lint(query: AQLQuery, resolved: [ResolvedExpression], groupKeys: [ResolvedExpression],
                     properties: [PropertyDefinition]) -> [LintNote] {
        var notes: [LintNote] = []
        func add(_ code: String, _ message: String) {
            if !notes.contains(where: { $0.code == code && $0.message == message }) { notes.append(LintNote(code: code, message: message)) }
        }
        func propertyName(_ expression: ResolvedExpression) -> String? {
            if case .property(let index) = expression { return properties[index].name.lowercased() }
            return nil
        }
        var eventNames = Set<String>()
        var eventSources = Set<String>()
        func literals(comparedWith subject: ResolvedExpression, _ values: [ResolvedExpression]) {
            let strings = values.compactMap { value -> String? in
                if case .literal(.string(let text)) = value { return text }
                return nil
            }
            switch propertyName(subject) {
            case "eventname": eventNames.formUnion(strings)
            case "eventsource": eventSources.formUnion(strings)
            default: break
            }
        }
        var dropsFailures = false
        for expression in resolved {
            expression.visit { node in
                switch node {
                case .dateFormat(_, let formatter):
                    if formatter.format.mixesWeekYearWithDate {
                        add("week-year", "DATEFORMAT '\(formatter.format.pattern)' uses YYYY, the week year: 28–31 December can be labelled with the next year (2025-12-28 → 2026-12-28); use yyyy for the calendar year")
                    }
                    if formatter.format.pattern.contains("HH:00") {
                        add("clock-hour-buckets", "hourly buckets ('\(formatter.format.pattern)') split a burst that straddles the hour: 90 calls from 10:30 to 11:30 count as 45 + 45")
                    }
                case .aggregate(.uniqueCount, let argument?):
                    if groupKeys.contains(argument) {
                        add("uniquecount-grouped", "UNIQUECOUNT(\(propertyName(argument) ?? "…")) of a grouped column is always 1; an attacker rotating source IPs splits the count across groups instead")
                    }
                case .inList(let subject, let items, negated: false):
                    literals(comparedWith: subject, items)
                case .binary(.equal, let left, let right):
                    literals(comparedWith: left, [right])
                    literals(comparedWith: right, [left])
                case .isNull(let subject, negated: false):
                    if propertyName(subject) == "errorcode" { dropsFailures = true }
                default:
                    break
                }
            }
        }
        for source in eventSources.sorted() {
            if let reason = missingSources[source] { add("unknown-event-source", "'\(source)' never appears in CloudTrail: \(reason)") }
        }
        let sesSends = eventNames.intersection(sesSendActions).sorted()
        if !sesSends.isEmpty {
            add("ses-sends-not-logged", "\(sesSends.joined(separator: ", ")): SES sends are not in a default trail (SES API v2 sends appear only as data events a trail selects; SES event publishing records sends)")
        }
        let dataEvents = eventNames.intersection(dataEventActions).sorted()
        if !dataEvents.isEmpty {
            add("data-events", "\(dataEvents.joined(separator: ", ")): data events, logged only by trails with data events enabled (never in Event history)")
        }
        if eventNames.contains("InvokeModel") && !eventNames.contains("Converse") {
            add("converse-missing", "InvokeModel is listed but Converse and ConverseStream are not: LLMjacking through the Converse API goes unseen")
        }
        if dropsFailures {
            add("failures-dropped", "only successful calls count (ErrorCode IS NULL): failed probes (AccessDenied, ValidationException) that precede abuse are not seen")
        }
        _ = query
        return notes
    }
}
