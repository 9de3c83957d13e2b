/// One AWS API call the simulator can write, with the facts CloudTrail records about it.
///
/// The facts per call follow AWS documentation and BRIEF §3:
/// - SNS `Publish`/`PublishBatch` and SES API v2 `SendEmail` are **data** events
///   (`managementEvent` false, `eventCategory` "Data"); they exist only on trails that select them.
/// - Bedrock `InvokeModel`, `InvokeModelWithResponseStream` and `Converse` are **management**
///   events; their `eventSource` is `bedrock.amazonaws.com` while the host the client connected to
///   (`tlsDetails.clientProvidedHostHeader`) is `bedrock-runtime.<region>.amazonaws.com`.
///   CloudTrail records the `modelId`, never prompts or tokens; `responseElements` is null.
/// - SMS phone numbers and message bodies are redacted as `HIDDEN_DUE_TO_SECURITY_REASONS`.
///
/// Scenario calls carry their parameters; background calls (`background`) draw theirs from the
/// region's pools while rendering, so planning them allocates nothing.
enum Action: Sendable {
    // SES (API v2 unless noted).
    case sesSendEmail(SESMessage)
    case sesCreateEmailIdentity(identity: String)
    case sesGetEmailIdentity(identity: String)
    /// SES API v1 (`GetSendQuota` exists only there); Trusted Advisor calls it too.
    case sesGetSendQuota
    case sesGetAccount
    case sesPutAccountDetails(websiteURL: String)
    // SNS.
    case snsSetSMSAttributes(smsType: String)
    case snsCreateTopic(name: String)
    case snsPublishToTopic(topicARN: String)
    case snsPublishSMS
    case snsListTopics
    // Bedrock.
    case bedrockInvokeModel(modelID: String)
    case bedrockInvokeModelWithResponseStream(modelID: String)
    case bedrockConverse(modelID: String)
    case bedrockPutUseCaseForModelAccess
    case bedrockListFoundationModelAgreementOffers(modelID: String)
    case bedrockCreateFoundationModelAgreement(modelID: String)
    case bedrockPutFoundationModelEntitlement(modelID: String)
    case bedrockGetFoundationModelAvailability(modelID: String)
    case bedrockListFoundationModels
    /// Ordinary activity of the background (EC2, S3, IAM, STS, KMS…).
    case background(BackgroundAction, RegionPools)

    /// An SES v2 `SendEmail` request.
    struct SESMessage: Sendable {
        var from: String
        var to: [String]
        var configurationSet: String?
    }

    /// `eventSource`.
    var eventSource: StaticString {
        switch self {
        case .sesSendEmail, .sesCreateEmailIdentity, .sesGetEmailIdentity, .sesGetSendQuota, .sesGetAccount,
             .sesPutAccountDetails:
            "ses.amazonaws.com"
        case .snsSetSMSAttributes, .snsCreateTopic, .snsPublishToTopic, .snsPublishSMS, .snsListTopics:
            "sns.amazonaws.com"
        case .bedrockInvokeModel, .bedrockInvokeModelWithResponseStream, .bedrockConverse,
             .bedrockPutUseCaseForModelAccess, .bedrockListFoundationModelAgreementOffers,
             .bedrockCreateFoundationModelAgreement, .bedrockPutFoundationModelEntitlement,
             .bedrockGetFoundationModelAvailability, .bedrockListFoundationModels:
            "bedrock.amazonaws.com"
        case .background(let action, _):
            action.eventSource
        }
    }

    /// `eventName`.
    var eventName: StaticString {
        switch self {
        case .sesSendEmail: "SendEmail"
        case .sesCreateEmailIdentity: "CreateEmailIdentity"
        case .sesGetEmailIdentity: "GetEmailIdentity"
        case .sesGetSendQuota: "GetSendQuota"
        case .sesGetAccount: "GetAccount"
        case .sesPutAccountDetails: "PutAccountDetails"
        case .snsSetSMSAttributes: "SetSMSAttributes"
        case .snsCreateTopic: "CreateTopic"
        case .snsPublishToTopic, .snsPublishSMS: "Publish"
        case .snsListTopics: "ListTopics"
        case .bedrockInvokeModel: "InvokeModel"
        case .bedrockInvokeModelWithResponseStream: "InvokeModelWithResponseStream"
        case .bedrockConverse: "Converse"
        case .bedrockPutUseCaseForModelAccess: "PutUseCaseForModelAccess"
        case .bedrockListFoundationModelAgreementOffers: "ListFoundationModelAgreementOffers"
        case .bedrockCreateFoundationModelAgreement: "CreateFoundationModelAgreement"
        case .bedrockPutFoundationModelEntitlement: "PutFoundationModelEntitlement"
        case .bedrockGetFoundationModelAvailability: "GetFoundationModelAvailability"
        case .bedrockListFoundationModels: "ListFoundationModels"
        case .background(let action, _): action.eventName
        }
    }

    /// `readOnly`.
    var isReadOnly: Bool {
        switch self {
        case .sesGetEmailIdentity, .sesGetSendQuota, .sesGetAccount, .snsListTopics, .bedrockInvokeModel,
             .bedrockInvokeModelWithResponseStream, .bedrockConverse, .bedrockListFoundationModelAgreementOffers,
             .bedrockGetFoundationModelAvailability, .bedrockListFoundationModels:
            true
        case .sesSendEmail, .sesCreateEmailIdentity, .sesPutAccountDetails, .snsSetSMSAttributes, .snsCreateTopic,
             .snsPublishToTopic, .snsPublishSMS, .bedrockPutUseCaseForModelAccess,
             .bedrockCreateFoundationModelAgreement, .bedrockPutFoundationModelEntitlement:
            false
        case .background(let action, _):
            action.isReadOnly
        }
    }

    /// Whether CloudTrail files the call as a data event (`eventCategory` "Data").
    var isDataEvent: Bool {
        switch self {
        case .sesSendEmail, .snsPublishToTopic, .snsPublishSMS: true
        default: false
        }
    }

    /// The host the client connected to, for `tlsDetails.clientProvidedHostHeader`.
    var host: Host {
        switch self {
        case .sesSendEmail, .sesCreateEmailIdentity, .sesGetEmailIdentity, .sesGetSendQuota, .sesGetAccount,
             .sesPutAccountDetails:
            .regional("email.")
        case .snsSetSMSAttributes, .snsCreateTopic, .snsPublishToTopic, .snsPublishSMS, .snsListTopics:
            .regional("sns.")
        case .bedrockInvokeModel, .bedrockInvokeModelWithResponseStream, .bedrockConverse:
            .regional("bedrock-runtime.")
        case .bedrockPutUseCaseForModelAccess, .bedrockListFoundationModelAgreementOffers,
             .bedrockCreateFoundationModelAgreement, .bedrockPutFoundationModelEntitlement,
             .bedrockGetFoundationModelAvailability, .bedrockListFoundationModels:
            .regional("bedrock.")
        case .background(let action, _):
            action.host
        }
    }

    /// `eventType` (console sign-ins differ from API calls).
    var eventType: StaticString {
        if case .background(.signinConsoleLogin, _) = self { return "AwsConsoleSignIn" }
        return "AwsApiCall"
    }

    /// The `detail-type` of the EventBridge envelope.
    var detailType: StaticString {
        if case .background(.signinConsoleLogin, _) = self { return "AWS Console Sign In via CloudTrail" }
        return "AWS API Call via CloudTrail"
    }
}

/// Where a client connected, for `tlsDetails.clientProvidedHostHeader`.
enum Host: Sendable {
    /// `<prefix><region>.amazonaws.com`.
    case regional(StaticString)
    /// A host without region (`iam.amazonaws.com`, `signin.aws.amazon.com`).
    case global(StaticString)
}

/// Ordinary calls of the background: what keeps a real trail busy.
enum BackgroundAction: Sendable, CaseIterable {
    case ec2DescribeInstances, ec2DescribeSecurityGroups, ec2DescribeVolumes, ec2CreateTags
    case s3ListBuckets, s3GetBucketAcl
    case iamListRoles, iamGetAccountSummary
    case stsGetCallerIdentity, stsAssumeRole
    case kmsDecrypt, kmsGenerateDataKey
    case ssmGetParameters, secretsManagerGetSecretValue
    case logsCreateLogStream, dynamodbDescribeTable, cloudwatchDescribeAlarms, healthDescribeEventAggregates
    case ecrGetAuthorizationToken, ecsDescribeServices, ecsUpdateService
    case signinConsoleLogin

    /// `eventSource`.
    var eventSource: StaticString {
        switch self {
        case .ec2DescribeInstances, .ec2DescribeSecurityGroups, .ec2DescribeVolumes, .ec2CreateTags: "ec2.amazonaws.com"
        case .s3ListBuckets, .s3GetBucketAcl: "s3.amazonaws.com"
        case .iamListRoles, .iamGetAccountSummary: "iam.amazonaws.com"
        case .stsGetCallerIdentity, .stsAssumeRole: "sts.amazonaws.com"
        case .kmsDecrypt, .kmsGenerateDataKey: "kms.amazonaws.com"
        case .ssmGetParameters: "ssm.amazonaws.com"
        case .secretsManagerGetSecretValue: "secretsmanager.amazonaws.com"
        case .logsCreateLogStream: "logs.amazonaws.com"
        case .dynamodbDescribeTable: "dynamodb.amazonaws.com"
        case .cloudwatchDescribeAlarms: "monitoring.amazonaws.com"
        case .healthDescribeEventAggregates: "health.amazonaws.com"
        case .ecrGetAuthorizationToken: "ecr.amazonaws.com"
        case .ecsDescribeServices, .ecsUpdateService: "ecs.amazonaws.com"
        case .signinConsoleLogin: "signin.amazonaws.com"
        }
    }

    /// `eventName`.
    var eventName: StaticString {
        switch self {
        case .ec2DescribeInstances: "DescribeInstances"
        case .ec2DescribeSecurityGroups: "DescribeSecurityGroups"
        case .ec2DescribeVolumes: "DescribeVolumes"
        case .ec2CreateTags: "CreateTags"
        case .s3ListBuckets: "ListBuckets"
        case .s3GetBucketAcl: "GetBucketAcl"
        case .iamListRoles: "ListRoles"
        case .iamGetAccountSummary: "GetAccountSummary"
        case .stsGetCallerIdentity: "GetCallerIdentity"
        case .stsAssumeRole: "AssumeRole"
        case .kmsDecrypt: "Decrypt"
        case .kmsGenerateDataKey: "GenerateDataKey"
        case .ssmGetParameters: "GetParameters"
        case .secretsManagerGetSecretValue: "GetSecretValue"
        case .logsCreateLogStream: "CreateLogStream"
        case .dynamodbDescribeTable: "DescribeTable"
        case .cloudwatchDescribeAlarms: "DescribeAlarms"
        case .healthDescribeEventAggregates: "DescribeEventAggregates"
        case .ecrGetAuthorizationToken: "GetAuthorizationToken"
        case .ecsDescribeServices: "DescribeServices"
        case .ecsUpdateService: "UpdateService"
        case .signinConsoleLogin: "ConsoleLogin"
        }
    }

    /// `readOnly`.
    var isReadOnly: Bool {
        switch self {
        case .ec2CreateTags, .logsCreateLogStream, .ecsUpdateService, .signinConsoleLogin: false
        default: true
        }
    }

    /// Whether the call goes to EC2 (whose throttling error is `Client.RequestLimitExceeded`).
    var isEC2: Bool {
        switch self {
        case .ec2DescribeInstances, .ec2DescribeSecurityGroups, .ec2DescribeVolumes, .ec2CreateTags: true
        default: false
        }
    }

    /// Whether the call is recorded in `us-east-1` whatever region the caller works in (IAM,
    /// sign-in, the S3 bucket list, AWS Health).
    var isGlobal: Bool {
        switch self {
        case .iamListRoles, .iamGetAccountSummary, .s3ListBuckets, .signinConsoleLogin, .healthDescribeEventAggregates: true
        default: false
        }
    }

    /// The host the client connected to.
    var host: Host {
        switch self {
        case .ec2DescribeInstances, .ec2DescribeSecurityGroups, .ec2DescribeVolumes, .ec2CreateTags: .regional("ec2.")
        case .s3ListBuckets: .global("s3.amazonaws.com")
        case .s3GetBucketAcl: .regional("s3.")
        case .iamListRoles, .iamGetAccountSummary: .global("iam.amazonaws.com")
        case .stsGetCallerIdentity, .stsAssumeRole: .regional("sts.")
        case .kmsDecrypt, .kmsGenerateDataKey: .regional("kms.")
        case .ssmGetParameters: .regional("ssm.")
        case .secretsManagerGetSecretValue: .regional("secretsmanager.")
        case .logsCreateLogStream: .regional("logs.")
        case .dynamodbDescribeTable: .regional("dynamodb.")
        case .cloudwatchDescribeAlarms: .regional("monitoring.")
        case .healthDescribeEventAggregates: .global("health.us-east-1.amazonaws.com")
        case .ecrGetAuthorizationToken: .regional("api.ecr.")
        case .ecsDescribeServices, .ecsUpdateService: .regional("ecs.")
        case .signinConsoleLogin: .global("signin.aws.amazon.com")
        }
    }
}
