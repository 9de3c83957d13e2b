/// One emulated situation: an attack, a benign look-alike, or the background alone, with what
/// each detection rule is expected to report for it.
///
/// Scenarios are data (`Scenarios/scenarios.json`, embedded in the library): the generator that
/// makes the events, the actor and volumes it uses, and the expectations, which were written
/// from the published query's logic before any run. Times are minutes after the run's *anchor*,
/// the first clock hour at or after `SimulationOptions.start`, so a scenario lands in the same
/// clock-hour buckets whatever the start. Expectations hold at scale 1 (see
/// `SimulationOptions.scale`).
public struct Scenario: Sendable, Codable, Equatable, Identifiable {
    /// What the scenario stands for.
    public enum Kind: String, Sendable, Codable {
        /// Adversary behaviour (the seed's tests, their scaled variants, evasions).
        case attack
        /// Legitimate activity that looks like an attack (the seed's false positives).
        case benign
        /// No events of its own: the background alone.
        case background
    }

    /// Stable identifier (`ses-send-burst-scaled`).
    public let id: String
    /// One line for listings.
    public let title: String
    /// What happens, and why each rule reacts as expected.
    public let description: String
    /// Attack, benign look-alike or background.
    public let kind: Kind
    /// The seed document's emulation test this scenario reproduces (1–4), if any.
    public let seedTest: Int?
    /// Name of the generator that makes its events (see `ScenarioCatalog.generatorNames`).
    public let generator: String
    /// Minute after the anchor of the scenario's first event.
    public let startMinute: Int
    /// Who acts, from where (absent for the background).
    public let actor: ScenarioActor?
    /// Volumes over time, for generators that send in bursts.
    public let phases: [ScenarioPhase]
    /// Generator-specific settings (model id, sender address, regions…).
    public let parameters: [String: ScenarioParameter]
    /// Expected outcome per rule id (`t1496.004-published`, `t1496.004-tuned`).
    public let expectations: [String: RuleExpectation]
    /// What a tuner would load into the tuned rule's reference sets for this scenario.
    public let referenceSets: ScenarioReferenceSets

    /// The expectation for `ruleID`, if the scenario states one.
    public func expectation(for ruleID: String) -> RuleExpectation? { expectations[ruleID] }

    private enum CodingKeys: String, CodingKey {
        case id, title, description, kind, seedTest, generator, startMinute, actor, phases, parameters, expectations, referenceSets
    }

    /// Decodes one entry of `scenarios.json`; `phases`, `parameters` and `actor` may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decode(String.self, forKey: .description)
        kind = try container.decode(Kind.self, forKey: .kind)
        seedTest = try container.decodeIfPresent(Int.self, forKey: .seedTest)
        generator = try container.decode(String.self, forKey: .generator)
        startMinute = try container.decode(Int.self, forKey: .startMinute)
        actor = try container.decodeIfPresent(ScenarioActor.self, forKey: .actor)
        phases = try container.decodeIfPresent([ScenarioPhase].self, forKey: .phases) ?? []
        parameters = try container.decodeIfPresent([String: ScenarioParameter].self, forKey: .parameters) ?? [:]
        expectations = try container.decode([String: RuleExpectation].self, forKey: .expectations)
        referenceSets = try container.decodeIfPresent(ScenarioReferenceSets.self, forKey: .referenceSets) ?? ScenarioReferenceSets()
    }
}

/// The identity a scenario acts as, and where it calls from.
/// A seed test simulated again at a larger volume (`--scale`), with what each rule should
/// report then: the issue's "each of tests 1–3 again at a volume that crosses the published
/// thresholds". The catalog states the scales on either side of each threshold, so a rule that
/// fires one call too early or too late is caught.
public struct ScaledRun: Sendable, Codable, Equatable, Identifiable {
    /// The scenario simulated (an attack scenario of the catalog).
    public let scenario: String
    /// The `--scale` it is simulated at: every burst call multiplied, set-up calls not.
    public let scale: Int
    /// How the expectation follows from the rule's thresholds, in words.
    public let note: String
    public let expectations: [String: RuleExpectation]

    /// `scenario×scale`, as the validation matrix names the row.
    public var id: String { "\(scenario)×\(scale)" }

    public func expectation(for ruleID: String) -> RuleExpectation? { expectations[ruleID] }
}

public struct ScenarioActor: Sendable, Codable, Equatable {
    /// `userIdentity.type`: `IAMUser`, `AssumedRole` or `Root`.
    public let type: String
    /// The account that owns the identity (and receives its calls).
    public let account: String
    /// The IAM user's name (`IAMUser`).
    public let userName: String?
    /// The role's name (`AssumedRole`).
    public let roleName: String?
    /// The default session name (`AssumedRole`; a phase may name its own session).
    public let sessionName: String?
    /// `longTermKey` (an `AKIA…` key) or `session` (an `ASIA…` key).
    public let credential: String
    /// `sourceIPAddress` values; most actors have one.
    public let sourceIPAddresses: [String]
    /// `awsRegion` of the calls (a generator may fan out to other regions).
    public let region: String
    /// `userAgent`, verbatim (may hold quotes, backslashes, control and non-ASCII characters).
    public let userAgent: String

    /// `userIdentity.arn` for the default session (or for `sessionName` when given).
    public func arn(sessionName override: String? = nil) -> String {
        switch type {
        case "AssumedRole":
            "arn:aws:sts::\(account):assumed-role/\(roleName ?? "")/\(override ?? sessionName ?? "")"
        case "Root":
            "arn:aws:iam::\(account):root"
        default:
            "arn:aws:iam::\(account):user/\(userName ?? "")"
        }
    }

    /// `userIdentity.sessionContext.sessionIssuer.arn` (the role), for `AssumedRole`.
    public var sessionIssuerARN: String? {
        type == "AssumedRole" ? "arn:aws:iam::\(account):role/\(roleName ?? "")" : nil
    }
}

/// A stretch of steady calls: `count` calls spread over `spanSeconds` from `minute`.
public struct ScenarioPhase: Sendable, Codable, Equatable {
    /// Minute after the anchor of the phase's first call.
    public let minute: Int
    /// Calls at scale 1.
    public let count: Int
    /// The calls fall in `[start, start + spanSeconds)`, one per `spanSeconds / count` step.
    public let spanSeconds: Int
    /// The session name used in this phase, for `AssumedRole` actors that start a session per run.
    public let sessionName: String?
}

/// A generator setting: a number, a text or a list of texts.
public enum ScenarioParameter: Sendable, Codable, Equatable {
    /// A JSON number (counts, seconds, minutes).
    case integer(Int)
    /// A JSON string (model id, address, name).
    case text(String)
    /// A JSON array of strings (regions).
    case texts([String])

    /// Decodes whichever of the three the JSON holds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else {
            self = .texts(try container.decode([String].self))
        }
    }

    /// Encodes as the plain JSON value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .texts(let value): try container.encode(value)
        }
    }
}

/// What one rule should report for a scenario (at scale 1).
public struct RuleExpectation: Sendable, Codable, Equatable {
    /// Whether the rule reports at least one finding.
    public let fires: Bool
    /// The result rows, in no particular order.
    public let findings: [ExpectedFinding]
}

/// One expected result row of the T1496.004 query: a group over its threshold.
public struct ExpectedFinding: Sendable, Codable, Equatable, Hashable {
    /// The clock hour of `TimeBucket`, in hours after the anchor.
    public let hour: Int
    /// `ServiceAbused` (`EventSource`).
    public let serviceAbused: String
    /// `CallerARN` (`UserIdentityArn`).
    public let callerARN: String
    /// `CallerType` (`UserIdentityType`).
    public let callerType: String
    /// `SourceIP` (the normalized `sourceip`).
    public let sourceIP: String
    /// `AWSRegion`.
    public let region: String
    /// `EventCount`.
    public let eventCount: Int
    /// `SuspicionScore` (1, 2 or 3).
    public let suspicionScore: Int

    /// A finding from its columns.
    public init(hour: Int, serviceAbused: String, callerARN: String, callerType: String, sourceIP: String,
                region: String, eventCount: Int, suspicionScore: Int) {
        self.hour = hour
        self.serviceAbused = serviceAbused
        self.callerARN = callerARN
        self.callerType = callerType
        self.sourceIP = sourceIP
        self.region = region
        self.eventCount = eventCount
        self.suspicionScore = suspicionScore
    }

    /// Epoch milliseconds of the start of the finding's clock hour, for a run anchored at `anchor`
    /// (see `SimulationOptions.anchor`).
    public func bucketStart(anchor: Int64) -> Int64 { anchor + Int64(hour) * 3_600_000 }
}
