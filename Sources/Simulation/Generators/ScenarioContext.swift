/// What a scenario generator works with: the scenario, where its time starts, its volume
/// multiplier and its own random stream, plus helpers that turn the actor into drafts.
struct ScenarioContext {
    let scenario: Scenario
    /// The scenario's position in the run (stored in each draft).
    let index: Int32
    /// Epoch milliseconds of the anchor (first clock hour at or after the start).
    let anchor: Int64
    /// The run's volume multiplier, already resolved for this scenario (1 for benign scenarios).
    let scale: Int
    var random: SplitMix64

    /// Epoch milliseconds of `minute` after the anchor.
    func time(minute: Int) -> Int64 { anchor + Int64(minute) * 60_000 }

    /// The scenario's first instant.
    var start: Int64 { time(minute: scenario.startMinute) }

    /// The actor, or an error naming the scenario.
    func actor() throws(SimulationError) -> ScenarioActor {
        guard let actor = scenario.actor else { throw .invalidScenario(scenario.id, "it has no actor") }
        return actor
    }

    // MARK: Parameters

    func integer(_ name: String) throws(SimulationError) -> Int {
        guard case .integer(let value)? = scenario.parameters[name] else {
            throw .invalidScenario(scenario.id, "parameter '\(name)' must be an integer")
        }
        return value
    }

    func text(_ name: String) throws(SimulationError) -> String {
        guard case .text(let value)? = scenario.parameters[name] else {
            throw .invalidScenario(scenario.id, "parameter '\(name)' must be a text")
        }
        return value
    }

    func optionalText(_ name: String) -> String? {
        if case .text(let value)? = scenario.parameters[name] { return value }
        return nil
    }

    func texts(_ name: String) throws(SimulationError) -> [String] {
        guard case .texts(let value)? = scenario.parameters[name], !value.isEmpty else {
            throw .invalidScenario(scenario.id, "parameter '\(name)' must be a non-empty list of texts")
        }
        return value
    }

    // MARK: Drafts

    /// The principal the actor calls as (with `sessionName` for a per-run session).
    func principal(_ actor: ScenarioActor, sessionName: String? = nil) throws(SimulationError) -> Principal {
        switch actor.type {
        case "IAMUser":
            guard let name = actor.userName else { throw .invalidScenario(scenario.id, "an IAMUser actor needs userName") }
            return .iamUser(account: actor.account, name: name)
        case "AssumedRole":
            guard let role = actor.roleName, let session = sessionName ?? actor.sessionName else {
                throw .invalidScenario(scenario.id, "an AssumedRole actor needs roleName and a session name")
            }
            return .assumedRole(account: actor.account, role: role, session: session)
        case "Root":
            return .root(account: actor.account)
        default:
            throw .invalidScenario(scenario.id, "actor type '\(actor.type)' is not simulated (IAMUser, AssumedRole, Root)")
        }
    }

    /// The caller for calls made from `sessionStart` on (a session key begins five minutes
    /// before the first call that uses it).
    func caller(_ actor: ScenarioActor, principal: Principal, sessionStart: Int64) -> Caller {
        if actor.credential == "session" {
            return Caller(principal, .session(start: sessionStart - 300_000, mfa: false, isConsole: false))
        }
        return Caller(principal, .longTermKey)
    }

    /// A draft of `action` by `caller` at `time`.
    func draft(_ action: Action, at time: Int64, by caller: Caller, actor: ScenarioActor, region: String? = nil,
               sourceIPAddress: String? = nil, failure: Failure? = nil) -> EventDraft {
        let agent = actor.userAgent
        let isSDK = agent.hasPrefix("aws-") || agent.hasPrefix("Boto3/") || agent.hasPrefix("Mozilla/")
        return EventDraft(time: time, action: action, caller: caller, region: region ?? actor.region,
                          recipientAccountID: actor.account,
                          sourceIPAddress: sourceIPAddress ?? actor.sourceIPAddresses.first ?? "AWS Internal",
                          userAgent: agent, tls: isSDK ? .modern : .legacy, failure: failure, vpcEndpointID: nil,
                          scenario: index)
    }

    /// `count` whole-second instants spread over `[start, start + spanSeconds)`: one per step of
    /// `spanSeconds / count`, at a random second inside its step, in increasing order.
    mutating func spread(_ count: Int, from start: Int64, spanSeconds: Int) -> [Int64] {
        guard count > 0 else { return [] }
        let span = max(spanSeconds, 1)
        return (0..<count).map { index in
            let low = index * span / count
            let high = (index + 1) * span / count
            return start + Int64(low + random.below(max(1, high - low))) * 1000
        }
    }

    /// A phase's count at this run's scale.
    func scaled(_ count: Int) -> Int { count * scale }
}
