/// Packages rendered records into one file's bytes, in one of the delivery layouts.
///
/// See `SimulationOptions.Layout` for the shapes. The caller orders the drafts (shuffled for
/// most layouts, newest first for lookup-events) and compresses the result when the layout asks.
struct ContainerWriter {
    let layout: SimulationOptions.Layout
    let lookupOffsetMinutes: Int
    /// Scratch space for layouts that need a record twice or escaped.
    private var record = JSONBuffer(capacity: 1 << 14)

    init(layout: SimulationOptions.Layout, lookupOffsetMinutes: Int) {
        self.layout = layout
        self.lookupOffsetMinutes = lookupOffsetMinutes
    }

    /// Appends the file's contents for `drafts` (in order) to `out`.
    mutating func write(_ drafts: [EventDraft], into out: inout JSONBuffer, random: inout SplitMix64) {
        switch layout {
        case .s3:
            out.raw("{\"Records\":[")
            for (index, draft) in drafts.enumerated() {
                if index > 0 { out.byte(0x2C) }
                RecordRenderer.render(draft, eventID: (random.next(), random.next()), into: &out, random: &random)
            }
            out.raw("]}")
        case .jsonl:
            for draft in drafts {
                RecordRenderer.render(draft, eventID: (random.next(), random.next()), into: &out, random: &random)
                out.byte(0x0A)
            }
        case .lookupEvents:
            writeLookupEvents(drafts, into: &out, random: &random)
        case .eventBridge:
            for draft in drafts {
                writeEventBridge(draft, into: &out, random: &random)
                out.byte(0x0A)
            }
        }
    }

    /// `aws cloudtrail lookup-events` output, indented by four spaces as the CLI prints it.
    private mutating func writeLookupEvents(_ drafts: [EventDraft], into out: inout JSONBuffer, random: inout SplitMix64) {
        out.raw("{\n    \"Events\": [")
        for (index, draft) in drafts.enumerated() {
            let eventID = (random.next(), random.next())
            record.removeAll()
            RecordRenderer.render(draft, eventID: eventID, into: &record, random: &random)
            out.raw(index == 0 ? "\n        {\n            \"EventId\": \"" : ",\n        {\n            \"EventId\": \"")
            out.uuid(high: eventID.0, low: eventID.1)
            out.raw("\",\n            \"EventName\": \"")
            out.raw(draft.action.eventName)
            out.raw(draft.action.isReadOnly ? "\",\n            \"ReadOnly\": \"true\"" : "\",\n            \"ReadOnly\": \"false\"")
            if RecordRenderer.hasAccessKey(draft.caller) {
                out.raw(",\n            \"AccessKeyId\": \"")
                RecordRenderer.writeAccessKeyID(draft.caller, into: &out)
                out.byte(0x22)
            }
            out.raw(",\n            \"EventTime\": \"")
            out.isoTimeBody(draft.time, offsetMinutes: lookupOffsetMinutes)
            out.raw("\",\n            \"EventSource\": \"")
            out.raw(draft.action.eventSource)
            out.byte(0x22)
            if let name = draft.caller.principal.displayName {
                out.raw(",\n            \"Username\": ")
                out.string(name)
            }
            out.raw(",\n            \"Resources\": [],\n            \"CloudTrailEvent\": \"")
            out.escaped(record.bytes)
            out.raw("\"\n        }")
        }
        out.raw(drafts.isEmpty ? "]\n}\n" : "\n    ]\n}\n")
    }

    /// One EventBridge event: the envelope, then the record under `detail`.
    private func writeEventBridge(_ draft: EventDraft, into out: inout JSONBuffer, random: inout SplitMix64) {
        out.raw("{\"version\":\"0\",\"id\":\"")
        out.uuid(&random)
        out.raw("\",\"detail-type\":\"")
        out.raw(draft.action.detailType)
        out.raw("\",\"source\":\"aws.")
        let source = draft.action.eventSource
        let bytes = UnsafeBufferPointer(start: source.utf8Start, count: source.utf8CodeUnitCount)
        out.bytes.append(contentsOf: bytes.prefix { $0 != 0x2E })
        out.raw("\",\"account\":\"")
        out.plain(draft.recipientAccountID)
        out.raw("\",\"time\":")
        out.isoTime(draft.time)
        out.raw(",\"region\":\"")
        out.plain(draft.region)
        out.raw("\",\"resources\":[],\"detail\":")
        RecordRenderer.render(draft, eventID: (random.next(), random.next()), into: &out, random: &random)
        out.byte(0x7D)
    }
}
