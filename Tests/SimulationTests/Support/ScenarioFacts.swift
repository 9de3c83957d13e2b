import Testing

/// Facts about each scenario at scale 1, worked out by hand from the scenario descriptions:
/// how many records it writes and the window (seconds after the anchor) its records fall in.
struct ScenarioFacts: CustomTestStringConvertible, Sendable {
    var id: String
    var records: Int
    /// `[start, end)` in seconds after the anchor.
    var window: Range<Int>

    var testDescription: String { id }

    static let all: [ScenarioFacts] = [
        ScenarioFacts(id: "noise", records: 0, window: 0..<0),
        ScenarioFacts(id: "seed-ses-send", records: 10, window: 70 * 60..<(70 * 60 + 120)),
        // SetSMSAttributes + CreateTopic + 5 Publish.
        ScenarioFacts(id: "seed-sns-sms-publish", records: 7, window: 80 * 60..<(81 * 60 + 60)),
        ScenarioFacts(id: "seed-bedrock-invoke", records: 15, window: 90 * 60..<(90 * 60 + 90)),
        // CreateEmailIdentity, SendEmail (rejected), GetEmailIdentity within two minutes.
        ScenarioFacts(id: "seed-ses-enable-then-send", records: 3, window: 100 * 60..<(100 * 60 + 120)),
        ScenarioFacts(id: "ses-send-burst-scaled", records: 150, window: 125 * 60..<(125 * 60 + 2700)),
        ScenarioFacts(id: "sns-publish-burst-scaled", records: 250, window: 130 * 60..<(130 * 60 + 2400)),
        ScenarioFacts(id: "bedrock-invoke-burst-scaled", records: 160, window: 135 * 60..<(135 * 60 + 1800)),
        // 1 denied probe + 4 enablement calls + 5 availability checks + 1 rejected probe
        // + 1 first invocation + 179 InvokeModel + 240 Converse = 431, ending 240 + 2880 s in.
        ScenarioFacts(id: "bedrock-llmjacking-enablement", records: 431, window: 182 * 60..<(182 * 60 + 240 + 2880)),
        // 20 IPs × (30 + 10).
        ScenarioFacts(id: "bedrock-invoke-ip-rotation", records: 800, window: 245 * 60..<(245 * 60 + 3000)),
        // 45 before 06:00 after the anchor, 45 in the 25 minutes after.
        ScenarioFacts(id: "bedrock-invoke-hour-straddle", records: 90, window: 335 * 60..<(360 * 60 + 1500)),
        // GetSendQuota + GetAccount + 17 PutAccountDetails within ten seconds.
        ScenarioFacts(id: "ses-sandbox-escape-all-regions", records: 19, window: 432 * 60..<(432 * 60 + 10)),
        ScenarioFacts(id: "benign-ses-transactional", records: 240, window: 480 * 60..<(540 * 60 + 3500)),
        ScenarioFacts(id: "benign-sns-otp-burst", records: 320, window: 545 * 60..<(545 * 60 + 3000)),
        ScenarioFacts(id: "benign-bedrock-ml-pipeline", records: 240, window: 600 * 60..<(660 * 60 + 1500)),
    ]
}
