/// The ordinary activity of the simulated accounts: who calls what, how often, from where.
///
/// Per account and region, a weighted table of *activities* (an actor doing one kind of call).
/// A background event picks one activity by weight, so the mix is the same at every volume:
/// about a third machine-to-machine calls through a VPC endpoint (KMS, SSM, Secrets Manager),
/// console browsing, an engineer's CLI, a CI deployer, AWS Config and Lambda service calls,
/// Trusted Advisor's SES `GetSendQuota` (`AWS Internal`), and now and then a root console sign-in.
/// Calls to global services (IAM, sign-in, S3's bucket list, Health) happen only in `us-east-1`,
/// where CloudTrail records them. A few percent fail (`AccessDenied`, throttling).
///
/// Decisions taken here:
/// - The background also uses the three hijackable services at a low rate (an engineer's
///   Bedrock `InvokeModel`/`Converse`, a Lambda publishing to an SNS topic, a support mailer's SES
///   `SendEmail`), because real accounts do. Each of these is capped at two per five-minute file,
///   so one identity never exceeds 24 in a clock hour: far below the published thresholds
///   (50/100/200) at any `noise`, so the background never changes a scenario's expectations.
/// - Sessions (`ASIA…` keys, `sessionContext.attributes.creationDate`) rotate every clock hour.
/// - Addresses come from the documentation ranges (192.0.2.0/24 for the organization's own
///   egress, 10.0.0.0/8 behind VPC endpoints), never from real networks.
final class RegionBackground: Sendable {
    /// An actor doing one kind of call, with its share of the background.
    struct Activity: Sendable {
        let actor: Actor
        let kind: Kind
        /// Weight among the region's activities.
        let weight: Int
        /// Failed calls per thousand, and how they fail.
        let failuresPerThousand: Int
        let failure: Failure?
        /// Capped activities (the hijackable services) and their cap slot.
        let capSlot: Int?

        enum Kind: Sendable {
            case background(BackgroundAction)
            case bedrockInvokeModel, bedrockConverse, snsPublishToTopic, sesSendEmail, sesGetSendQuota
            case bedrockListFoundationModels, snsListTopics
        }
    }

    /// Someone who calls AWS, and how their calls look.
    struct Actor: Sendable {
        let principal: Principal
        let credential: CredentialStyle
        let sourceIPAddresses: [String]
        let userAgent: String
        let tls: TLSProfile
        let vpcEndpointID: String?

        enum CredentialStyle: Sendable {
            case none, longTermKey
            /// A session renewed every clock hour.
            case hourlySession(mfa: Bool, isConsole: Bool)
        }
    }

    /// Number of capped activity kinds (see `capSlot`).
    static let capSlots = 3
    /// Largest number of events of one capped kind in one five-minute file.
    static let capPerFile = 2

    let pools: RegionPools
    let activities: [Activity]
    let cumulativeWeights: [Int]
    let totalWeight: Int

    init(accountID: String, accountIndex: Int, region: String) {
        let consoleUserName = "alice.martin"
        let pools = RegionPools(accountID: accountID, region: region, consoleUser: consoleUserName)
        self.pools = pools
        let isHome = region == "us-east-1"
        let a = accountIndex
        let taskID = { () -> String in
            var buffer = JSONBuffer(capacity: 32)
            buffer.hex(stableHash("task:" + accountID + region), count: 16)
            buffer.hex(stableHash("task2:" + accountID + region), count: 16)
            return String(decoding: buffer.bytes, as: UTF8.self)
        }()

        let console = Actor(principal: .iamUser(account: accountID, name: consoleUserName),
                            credential: .hourlySession(mfa: true, isConsole: true),
                            sourceIPAddresses: ["192.0.2.\(10 + a)"],
                            userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                            tls: .modern, vpcEndpointID: nil)
        let consoleInternal = Actor(principal: console.principal, credential: console.credential,
                                    sourceIPAddresses: ["AWS Internal"], userAgent: "AWS Internal", tls: .none, vpcEndpointID: nil)
        let consoleSignIn = Actor(principal: console.principal, credential: .none, sourceIPAddresses: console.sourceIPAddresses,
                                  userAgent: console.userAgent, tls: .modern, vpcEndpointID: nil)
        let engineer = Actor(principal: .assumedRole(account: accountID, role: "AWSReservedSSO_PowerUserAccess_5c1f0e2a9b7d3c4e",
                                                     session: "jordan.lee@northwind-traders.example",
                                                     path: "aws-reserved/sso.amazonaws.com/"),
                             credential: .hourlySession(mfa: false, isConsole: false),
                             sourceIPAddresses: ["192.0.2.\(50 + a)"],
                             userAgent: "aws-cli/2.22.1 md/awscrt#0.22.0 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off",
                             tls: .modern, vpcEndpointID: nil)
        let application = Actor(principal: .assumedRole(account: accountID, role: "orders-api-task-role", session: taskID),
                                credential: .hourlySession(mfa: false, isConsole: false),
                                sourceIPAddresses: ["10.\(20 + a).3.41", "10.\(20 + a).7.118", "10.\(20 + a).12.9"],
                                userAgent: "aws-sdk-java/2.25.6 Linux/5.10.210-201.852.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy",
                                tls: .modern, vpcEndpointID: "vpce-0" + String(stableHash("vpce:" + accountID + region) & 0xFFFF_FFFF_FFFF_FFF, radix: 16))
        let function = Actor(principal: .assumedRole(account: accountID, role: "order-events-handler-role", session: "order-events-handler",
                                                     path: "service-role/"),
                             credential: .hourlySession(mfa: false, isConsole: false),
                             sourceIPAddresses: ["192.0.2.\(200 + a)", "192.0.2.\(210 + a)"],
                             userAgent: "aws-sdk-nodejs/2.1692.0 linux/v18.20.4 exec-env/AWS_Lambda_nodejs18.x promise",
                             tls: .modern, vpcEndpointID: nil)
        let deployer = Actor(principal: .iamUser(account: accountID, name: "github-actions-deployer"),
                             credential: .longTermKey,
                             sourceIPAddresses: ["192.0.2.\(80 + a * 4)", "192.0.2.\(81 + a * 4)", "192.0.2.\(82 + a * 4)"],
                             userAgent: "aws-sdk-js/3.621.0 ua/2.1 os/linux#6.5.0-1025-azure lang/js md/nodejs#20.17.0 api/ecs#3.621.0 m/E",
                             tls: .modern, vpcEndpointID: nil)
        let config = Actor(principal: .assumedRole(account: accountID, role: "AWSServiceRoleForConfig", session: "AWSConfig-Describe",
                                                   path: "aws-service-role/config.amazonaws.com/", invokedBy: "config.amazonaws.com"),
                           credential: .hourlySession(mfa: false, isConsole: false),
                           sourceIPAddresses: ["config.amazonaws.com"], userAgent: "config.amazonaws.com", tls: .none, vpcEndpointID: nil)
        let lambdaService = Actor(principal: .awsService("lambda.amazonaws.com"), credential: .none,
                                  sourceIPAddresses: ["lambda.amazonaws.com"], userAgent: "lambda.amazonaws.com", tls: .none, vpcEndpointID: nil)
        let trailService = Actor(principal: .awsService("cloudtrail.amazonaws.com"), credential: .none,
                                 sourceIPAddresses: ["cloudtrail.amazonaws.com"], userAgent: "cloudtrail.amazonaws.com", tls: .none, vpcEndpointID: nil)
        let advisor = Actor(principal: .assumedRole(account: accountID, role: "AWSServiceRoleForTrustedAdvisor",
                                                    session: "TrustedAdvisor_\(accountID)_b5e4a1c2-7d3f-4e8a-9c61-2f0d8b7a4e13",
                                                    path: "aws-service-role/trustedadvisor.amazonaws.com/"),
                            credential: .hourlySession(mfa: false, isConsole: false),
                            sourceIPAddresses: ["AWS Internal"], userAgent: "AWS Internal", tls: .none, vpcEndpointID: nil)
        let root = Actor(principal: .root(account: accountID), credential: .hourlySession(mfa: true, isConsole: true),
                         sourceIPAddresses: ["192.0.2.\(10 + a)"], userAgent: console.userAgent, tls: .modern, vpcEndpointID: nil)
        let rootSignIn = Actor(principal: root.principal, credential: .none, sourceIPAddresses: root.sourceIPAddresses,
                               userAgent: root.userAgent, tls: .modern, vpcEndpointID: nil)
        let mailer = Actor(principal: .iamUser(account: accountID, name: "svc-support-mailer"), credential: .longTermKey,
                           sourceIPAddresses: ["192.0.2.\(10 + a)"],
                           userAgent: "Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#6.1.109-118.189.amzn2023.x86_64 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.36",
                           tls: .modern, vpcEndpointID: nil)

        func activity(_ actor: Actor, _ kind: Activity.Kind, _ weight: Int, failing: Int = 0, _ failure: Failure? = nil,
                      cap: Int? = nil) -> Activity {
            Activity(actor: actor, kind: kind, weight: weight, failuresPerThousand: failing, failure: failure, capSlot: cap)
        }
        var table: [Activity] = [
            activity(console, .background(.ec2DescribeInstances), 40, failing: 10, .throttled),
            activity(console, .background(.ec2DescribeSecurityGroups), 20),
            activity(console, .background(.cloudwatchDescribeAlarms), 20),
            activity(engineer, .background(.stsGetCallerIdentity), 25),
            activity(engineer, .background(.ec2DescribeInstances), 30, failing: 10, .throttled),
            activity(engineer, .background(.ssmGetParameters), 15, failing: 50, .accessDenied(action: "ssm:GetParameters")),
            activity(engineer, .background(.ecrGetAuthorizationToken), 10),
            activity(engineer, .bedrockListFoundationModels, 5),
            activity(engineer, .bedrockInvokeModel, 30, cap: 0),
            activity(engineer, .bedrockConverse, 20, cap: 0),
            activity(engineer, .snsListTopics, 5),
            activity(application, .background(.kmsDecrypt), 120),
            activity(application, .background(.ssmGetParameters), 80, failing: 5, .throttled),
            activity(application, .background(.secretsManagerGetSecretValue), 90),
            activity(application, .background(.dynamodbDescribeTable), 40),
            activity(application, .background(.stsGetCallerIdentity), 20),
            activity(function, .background(.logsCreateLogStream), 60),
            activity(function, .background(.kmsDecrypt), 40),
            activity(function, .background(.dynamodbDescribeTable), 20),
            activity(function, .snsPublishToTopic, 30, cap: 1),
            activity(deployer, .background(.ecrGetAuthorizationToken), 30),
            activity(deployer, .background(.ecsDescribeServices), 30),
            activity(deployer, .background(.ecsUpdateService), 8),
            activity(deployer, .background(.ec2CreateTags), 6, failing: 100, .accessDenied(action: "ec2:CreateTags")),
            activity(deployer, .background(.stsGetCallerIdentity), 15),
            activity(deployer, .background(.ec2DescribeVolumes), 10, failing: 50, .throttled),
            activity(config, .background(.ec2DescribeInstances), 30),
            activity(config, .background(.ec2DescribeSecurityGroups), 30),
            activity(config, .background(.ec2DescribeVolumes), 20),
            activity(config, .background(.s3GetBucketAcl), 25),
            activity(lambdaService, .background(.stsAssumeRole), 50),
            activity(trailService, .background(.kmsGenerateDataKey), 30),
            activity(advisor, .sesGetSendQuota, 5),
            activity(mailer, .sesSendEmail, 15, cap: 2),
        ]
        if isHome {
            table += [
                activity(console, .background(.s3ListBuckets), 15),
                activity(consoleInternal, .background(.healthDescribeEventAggregates), 15),
                activity(consoleSignIn, .background(.signinConsoleLogin), 2),
                activity(application, .background(.iamListRoles), 5, failing: 1000, .accessDenied(action: "iam:ListRoles")),
                activity(engineer, .background(.iamListRoles), 5),
            ]
            if accountIndex == 0 {
                table += [
                    activity(rootSignIn, .background(.signinConsoleLogin), 1),
                    activity(root, .background(.iamGetAccountSummary), 1),
                ]
            }
        }
        activities = table
        var running = 0
        cumulativeWeights = table.map { running += $0.weight; return running }
        totalWeight = running
    }

    /// Draws one background call at a random whole second in `[from, from + seconds)` (a file's
    /// five-minute slot, clipped to the background window); `capped` counts this file's capped
    /// calls so far.
    func makeDraft(from: Int64, seconds: Int, random: inout SplitMix64, capped: inout (Int, Int, Int)) -> EventDraft {
        var activity: Activity
        while true {
            let ticket = random.below(totalWeight)
            var index = 0
            while cumulativeWeights[index] <= ticket { index += 1 }
            activity = activities[index]
            guard let slot = activity.capSlot else { break }
            switch slot {
            case 0 where capped.0 < RegionBackground.capPerFile: capped.0 += 1
            case 1 where capped.1 < RegionBackground.capPerFile: capped.1 += 1
            case 2 where capped.2 < RegionBackground.capPerFile: capped.2 += 1
            default: continue
            }
            break
        }
        let time = from + Int64(random.below(max(seconds, 1))) * 1000
        let actor = activity.actor
        let credential: Caller.Credential
        switch actor.credential {
        case .none: credential = .none
        case .longTermKey: credential = .longTermKey
        case .hourlySession(let mfa, let isConsole):
            credential = .session(start: time - time % 3_600_000, mfa: mfa, isConsole: isConsole)
        }
        let action: Action
        switch activity.kind {
        case .background(let background): action = .background(background, pools)
        case .bedrockInvokeModel: action = .bedrockInvokeModel(modelID: "anthropic.claude-3-5-haiku-20241022-v1:0")
        case .bedrockConverse: action = .bedrockConverse(modelID: "anthropic.claude-3-5-haiku-20241022-v1:0")
        case .bedrockListFoundationModels: action = .bedrockListFoundationModels
        case .snsPublishToTopic: action = .snsPublishToTopic(topicARN: pools.applicationTopicARN)
        case .snsListTopics: action = .snsListTopics
        case .sesGetSendQuota: action = .sesGetSendQuota
        case .sesSendEmail:
            action = .sesSendEmail(.init(from: pools.supportSender, to: [random.pick(pools.supportRecipients)],
                                         configurationSet: "support-tracking"))
        }
        var failure: Failure? = nil
        if activity.failuresPerThousand > 0, random.below(1000) < activity.failuresPerThousand {
            failure = activity.failure
        }
        let global: Bool
        if case .background(let background) = activity.kind { global = background.isGlobal } else { global = false }
        return EventDraft(time: time, action: action, caller: Caller(actor.principal, credential),
                          region: global ? "us-east-1" : pools.region, recipientAccountID: pools.accountID,
                          sourceIPAddress: actor.sourceIPAddresses.count == 1
                              ? actor.sourceIPAddresses[0] : random.pick(actor.sourceIPAddresses),
                          userAgent: actor.userAgent, tls: actor.tls, failure: failure,
                          vpcEndpointID: actor.vpcEndpointID, scenario: -1)
    }
}
