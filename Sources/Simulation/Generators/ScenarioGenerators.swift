/// The scenario generators, by the name `scenarios.json` uses.
///
/// Each generator reads its scenario's actor, phases and parameters and returns the drafts of
/// the scenario's events. Volumes (phase counts, the heavy part of the LLMjacking chain, the
/// per-IP counts of the rotation, both halves of the straddle) are multiplied by the context's
/// scale; setup calls (topic creation, model enablement, the sandbox escape) are not.
enum ScenarioGenerators {
    typealias Generator = @Sendable (inout ScenarioContext) throws(SimulationError) -> [EventDraft]

    static let all: [String: Generator] = [
        "background": { _ in [] },
        "sesSendEmail": sesSendEmail,
        "snsSMSSetupThenPublish": snsSMSSetupThenPublish,
        "snsPublishSMS": snsPublishSMS,
        "bedrockInvokeModel": bedrockInvokeModel,
        "sesEnableThenSend": sesEnableThenSend,
        "bedrockEnablementChain": bedrockEnablementChain,
        "bedrockIPRotation": bedrockIPRotation,
        "bedrockHourStraddle": bedrockHourStraddle,
        "sesSandboxEscape": sesSandboxEscape,
    ]

    // MARK: SES

    /// SES v2 `SendEmail` data events over the phases; spam goes to one to three recipients,
    /// transactional mail (benign) to one.
    static func sesSendEmail(_ context: inout ScenarioContext) throws(SimulationError) -> [EventDraft] {
        let actor = try context.actor()
        let from = try context.text("from")
        let domain = try context.text("recipientDomain")
        let configurationSet = context.optionalText("configurationSet")
        let principal = try context.principal(actor)
        var drafts: [EventDraft] = []
        for phase in context.scenario.phases {
            let start = context.time(minute: phase.minute)
            let caller = context.caller(actor, principal: principal, sessionStart: start)
            for time in context.spread(context.scaled(phase.count), from: start, spanSeconds: phase.spanSeconds) {
                let recipients = context.scenario.kind == .benign ? 1 : 1 + context.random.below(3)
                let to = (0..<recipients).map { _ in
                    "user\(10_000 + context.random.below(90_000))@\(domain)"
                }
                let message = Action.SESMessage(from: from, to: to, configurationSet: configurationSet)
                drafts.append(context.draft(.sesSendEmail(message), at: time, by: caller, actor: actor))
            }
        }
        return drafts
    }

    /// Seed test 4: `CreateEmailIdentity`, a `SendEmail` eight seconds later rejected because the
    /// identity is unverified, `GetEmailIdentity` 95 seconds after the start.
    static func sesEnableThenSend(_ context: inout ScenarioContext) throws(SimulationError) -> [EventDraft] {
        let actor = try context.actor()
        let identity = try context.text("identity")
        let recipient = try context.text("recipient")
        let caller = context.caller(actor, principal: try context.principal(actor), sessionStart: context.start)
        let start = context.start
        let rejected = Failure.custom(
            code: "MessageRejected",
            message: "Email address is not verified. The following identities failed the check in region \(actor.region.uppercased()): \(identity)")
        return [
            context.draft(.sesCreateEmailIdentity(identity: identity), at: start, by: caller, actor: actor),
            context.draft(.sesSendEmail(.init(from: identity, to: [recipient], configurationSet: nil)),
                          at: start + 8_000, by: caller, actor: actor, failure: rejected),
            context.draft(.sesGetEmailIdentity(identity: identity), at: start + 95_000, by: caller, actor: actor),
        ]
    }

    /// `GetSendQuota` and `GetAccount` in the actor's region, then `PutAccountDetails` in every
    /// listed region, all within ten seconds.
    static func sesSandboxEscape(_ context: inout ScenarioContext) throws(SimulationError) -> [EventDraft] {
        let actor = try context.actor()
        let regions = try context.texts("regions")
        let website = try context.text("websiteURL")
        let start = context.start
        let caller = context.caller(actor, principal: try context.principal(actor), sessionStart: start)
        var drafts = [
            context.draft(.sesGetSendQuota, at: start, by: caller, actor: actor),
            context.draft(.sesGetAccount, at: start + 1_000, by: caller, actor: actor),
        ]
        for (index, region) in regions.enumerated() {
            let time = start + Int64(2 + index * 7 / regions.count) * 1000
            drafts.append(context.draft(.sesPutAccountDetails(websiteURL: website), at: time, by: caller, actor: actor,
                                        region: region))
        }
        return drafts
    }

    // MARK: SNS

    /// Seed test 2: `SetSMSAttributes` (DefaultSMSType), `CreateTopic` twenty seconds later, then
    /// the phases' `Publish` calls to the new topic.
    static func snsSMSSetupThenPublish(_ context: inout ScenarioContext) throws(SimulationError) -> [EventDraft] {
        let actor = try context.actor()
        let smsType = try context.text("smsType")
        let topicName = try context.text("topicName")
        let start = context.start
        let caller = context.caller(actor, principal: try context.principal(actor), sessionStart: start)
        let topicARN = "arn:aws:sns:\(actor.region):\(actor.account):\(topicName)"
        var drafts = [
            context.draft(.snsSetSMSAttributes(smsType: smsType), at: start, by: caller, actor: actor),
            context.draft(.snsCreateTopic(name: topicName), at: start + 20_000, by: caller, actor: actor),
        ]
        for phase in context.scenario.phases {
            for time in context.spread(context.scaled(phase.count), from: context.time(minute: phase.minute),
                                       spanSeconds: phase.spanSeconds) {
                drafts.append(context.draft(.snsPublishToTopic(topicARN: topicARN), at: time, by: caller, actor: actor))
            }
        }
        return drafts
    }

    /// SNS `Publish` straight to phone numbers (SMS; number and body redacted) over the phases.
    static func snsPublishSMS(_ context: inout ScenarioContext) throws(SimulationError) -> [EventDraft] {
        let actor = try context.actor()
        let principal = try context.principal(actor)
        var drafts: [EventDraft] = []
        for phase in context.scenario.phases {
            let start = context.time(minute: phase.minute)
            let caller = context.caller(actor, principal: principal, sessionStart: start)
            for time in context.spread(context.scaled(phase.count), from: start, spanSeconds: phase.spanSeconds) {
                drafts.append(context.draft(.snsPublishSMS, at: time, by: caller, actor: actor))
            }
        }
        return drafts
    }

    // MARK: Bedrock

    /// `InvokeModel` over the phases; an `AssumedRole` actor may start a new session per phase.
    static func bedrockInvokeModel(_ context: inout ScenarioContext) throws(SimulationError) -> [EventDraft] {
        let actor = try context.actor()
        let modelID = try context.text("modelId")
        var drafts: [EventDraft] = []
        for phase in context.scenario.phases {
            let start = context.time(minute: phase.minute)
            let caller = context.caller(actor, principal: try context.principal(actor, sessionName: phase.sessionName),
                                        sessionStart: start)
            for time in context.spread(context.scaled(phase.count), from: start, spanSeconds: phase.spanSeconds) {
                drafts.append(context.draft(.bedrockInvokeModel(modelID: modelID), at: time, by: caller, actor: actor))
            }
        }
        return drafts
    }

    /// The documented LLMjacking sequence, then heavy use.
    ///
    /// Seconds after the start: 0 `InvokeModel` denied (no model access); 30
    /// `PutUseCaseForModelAccess`; 45 `ListFoundationModelAgreementOffers`; 60
    /// `CreateFoundationModelAgreement`; 75 `PutFoundationModelEntitlement`; from 90, every 15 s,
    /// `availabilityChecks` × `GetFoundationModelAvailability`; then an `InvokeModel` rejected
    /// with `ValidationException` (a free probe) and, 15 s later, the first successful
    /// `InvokeModel`. From `heavyStartSeconds`, over `heavySpanSeconds`, the remaining
    /// `invokeCount − 1` `InvokeModel` and `converseCount` `Converse` calls, interleaved at random.
    static func bedrockEnablementChain(_ context: inout ScenarioContext) throws(SimulationError) -> [EventDraft] {
        let actor = try context.actor()
        let modelID = try context.text("modelId")
        let checks = try context.integer("availabilityChecks")
        let invokeCount = context.scaled(try context.integer("invokeCount"))
        let converseCount = context.scaled(try context.integer("converseCount"))
        let heavyStart = try context.integer("heavyStartSeconds")
        let heavySpan = try context.integer("heavySpanSeconds")
        guard invokeCount >= 1 else { throw .invalidScenario(context.scenario.id, "invokeCount must be at least 1") }
        let start = context.start
        let caller = context.caller(actor, principal: try context.principal(actor), sessionStart: start)
        func at(_ seconds: Int) -> Int64 { start + Int64(seconds) * 1000 }
        var drafts = [
            context.draft(.bedrockInvokeModel(modelID: modelID), at: at(0), by: caller, actor: actor,
                          failure: .custom(code: "AccessDeniedException",
                                           message: "You don't have access to the model with the specified model ID.")),
            context.draft(.bedrockPutUseCaseForModelAccess, at: at(30), by: caller, actor: actor),
            context.draft(.bedrockListFoundationModelAgreementOffers(modelID: modelID), at: at(45), by: caller, actor: actor),
            context.draft(.bedrockCreateFoundationModelAgreement(modelID: modelID), at: at(60), by: caller, actor: actor),
            context.draft(.bedrockPutFoundationModelEntitlement(modelID: modelID), at: at(75), by: caller, actor: actor),
        ]
        for check in 0..<checks {
            drafts.append(context.draft(.bedrockGetFoundationModelAvailability(modelID: modelID), at: at(90 + 15 * check),
                                        by: caller, actor: actor))
        }
        let probe = 90 + 15 * checks
        drafts.append(context.draft(.bedrockInvokeModel(modelID: modelID), at: at(probe), by: caller, actor: actor,
                                    failure: .custom(code: "ValidationException",
                                                     message: "Malformed input request: #: required key [messages] not found, please reformat your input and try again.")))
        drafts.append(context.draft(.bedrockInvokeModel(modelID: modelID), at: at(probe + 15), by: caller, actor: actor))
        var heavy = [Bool](repeating: true, count: invokeCount - 1) + [Bool](repeating: false, count: converseCount)
        context.random.shuffle(&heavy)
        let times = context.spread(heavy.count, from: at(heavyStart), spanSeconds: heavySpan)
        for (isInvoke, time) in zip(heavy, times) {
            let action: Action = isInvoke ? .bedrockInvokeModel(modelID: modelID) : .bedrockConverse(modelID: modelID)
            drafts.append(context.draft(action, at: time, by: caller, actor: actor))
        }
        return drafts
    }

    /// `invokePerIP` `InvokeModel` and `streamPerIP` `InvokeModelWithResponseStream` calls from
    /// each of the actor's addresses, shuffled together over `spanSeconds`.
    static func bedrockIPRotation(_ context: inout ScenarioContext) throws(SimulationError) -> [EventDraft] {
        let actor = try context.actor()
        let modelID = try context.text("modelId")
        let invokes = context.scaled(try context.integer("invokePerIP"))
        let streams = context.scaled(try context.integer("streamPerIP"))
        let span = try context.integer("spanSeconds")
        let caller = context.caller(actor, principal: try context.principal(actor), sessionStart: context.start)
        var calls: [(address: String, isStream: Bool)] = []
        for address in actor.sourceIPAddresses {
            calls += Array(repeating: (address, false), count: invokes)
            calls += Array(repeating: (address, true), count: streams)
        }
        context.random.shuffle(&calls)
        let times = context.spread(calls.count, from: context.start, spanSeconds: span)
        return zip(calls, times).map { call, time in
            let action: Action = call.isStream
                ? .bedrockInvokeModelWithResponseStream(modelID: modelID) : .bedrockInvokeModel(modelID: modelID)
            return context.draft(action, at: time, by: caller, actor: actor, sourceIPAddress: call.address)
        }
    }

    /// `beforeCount` `InvokeModel` calls from the start up to the clock hour at `boundaryMinute`,
    /// and `afterCount` in the `afterSeconds` after it.
    static func bedrockHourStraddle(_ context: inout ScenarioContext) throws(SimulationError) -> [EventDraft] {
        let actor = try context.actor()
        let modelID = try context.text("modelId")
        let boundaryMinute = try context.integer("boundaryMinute")
        let before = context.scaled(try context.integer("beforeCount"))
        let after = context.scaled(try context.integer("afterCount"))
        let afterSeconds = try context.integer("afterSeconds")
        guard boundaryMinute % 60 == 0, boundaryMinute > context.scenario.startMinute else {
            throw .invalidScenario(context.scenario.id, "boundaryMinute must be a whole hour after startMinute")
        }
        let boundary = context.time(minute: boundaryMinute)
        let caller = context.caller(actor, principal: try context.principal(actor), sessionStart: context.start)
        let times = context.spread(before, from: context.start, spanSeconds: (boundaryMinute - context.scenario.startMinute) * 60)
            + context.spread(after, from: boundary, spanSeconds: afterSeconds)
        return times.map { context.draft(.bedrockInvokeModel(modelID: modelID), at: $0, by: caller, actor: actor) }
    }
}
