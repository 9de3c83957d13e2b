/*
 The record renderer: one `EventDraft` in, one CloudTrail record's JSON bytes out.

 This is the simulator's hot file. A gigabyte of background is ~700,000 records, so a record
 must cost a few microseconds. The rules that keep it there:
   - keys and constant values are `StaticString`s, appended with one `memcpy` each;
   - variable text comes from strings that already exist (pools, scenario actors) and is
     appended through their UTF-8 storage; text that comes from scenario data or options
     (user agents, names, addresses, regions) goes through the escaper, whose fast path is a
     scan and one copy; only pool values the simulator made itself are appended unescaped;
   - ARNs and hosts are written piecewise (`"arn:aws:kms:" region ":" account …`) rather than
     built as strings;
   - times, UUIDs and AWS identifiers are formatted from integers straight into the buffer.

 Key order follows CloudTrail's (eventVersion, userIdentity, eventTime, eventSource, eventName,
 awsRegion, sourceIPAddress, userAgent, errorCode, errorMessage, requestParameters,
 responseElements, additionalEventData, requestID, eventID, readOnly, resources, eventType,
 managementEvent, recipientAccountId, vpcEndpointId, eventCategory, tlsDetails). The output is
 one line: no whitespace between tokens.
*/

/// Writes CloudTrail records (`eventVersion` 1.11) for drafts.
struct RecordRenderer {
    /// Appends the record for `draft` to `out`.
    ///
    /// - Parameters:
    ///   - eventID: the 128 bits of `eventID` (drawn by the caller, which may need it again for a
    ///     lookup-events envelope).
    ///   - random: the file's generator, for `requestID`, message ids and background parameters.
    static func render(_ draft: EventDraft, eventID: (UInt64, UInt64), into out: inout JSONBuffer,
                       random: inout SplitMix64) {
        let action = draft.action
        out.raw("{\"eventVersion\":\"1.11\",\"userIdentity\":")
        writeUserIdentity(draft.caller, into: &out)
        out.raw(",\"eventTime\":")
        out.isoTime(draft.time)
        out.raw(",\"eventSource\":\"")
        out.raw(action.eventSource)
        out.raw("\",\"eventName\":\"")
        out.raw(action.eventName)
        out.raw("\",\"awsRegion\":\"")
        out.escaped(draft.region)
        out.raw("\",\"sourceIPAddress\":\"")
        out.escaped(draft.sourceIPAddress)
        out.raw("\",\"userAgent\":")
        out.string(draft.userAgent)
        if let failure = draft.failure {
            writeFailure(failure, draft: draft, into: &out)
        }
        out.raw(",\"requestParameters\":")
        writeRequestParameters(draft, into: &out, random: &random)
        out.raw(",\"responseElements\":")
        if draft.failure == nil {
            writeResponseElements(draft, into: &out, random: &random)
        } else {
            out.raw("null")
        }
        writeAdditionalEventData(draft, into: &out, random: &random)
        if case .background(.signinConsoleLogin, _) = action {
            // Console sign-ins carry no requestID.
        } else {
            out.raw(",\"requestID\":\"")
            out.uuid(&random)
            out.byte(0x22)
        }
        out.raw(",\"eventID\":\"")
        out.uuid(high: eventID.0, low: eventID.1)
        out.raw(action.isReadOnly ? "\",\"readOnly\":true" : "\",\"readOnly\":false")
        writeResources(draft, into: &out)
        out.raw(",\"eventType\":\"")
        out.raw(action.eventType)
        out.raw(action.isDataEvent ? "\",\"managementEvent\":false" : "\",\"managementEvent\":true")
        out.raw(",\"recipientAccountId\":\"")
        out.escaped(draft.recipientAccountID)
        out.byte(0x22)
        if let endpoint = draft.vpcEndpointID {
            out.raw(",\"vpcEndpointId\":\"")
            out.plain(endpoint)
            out.raw("\",\"vpcEndpointAccountId\":\"")
            out.plain(draft.recipientAccountID)
            out.byte(0x22)
        }
        out.raw(action.isDataEvent ? ",\"eventCategory\":\"Data\"" : ",\"eventCategory\":\"Management\"")
        writeTLSDetails(draft, into: &out)
        out.byte(0x7D)
    }

    // MARK: - userIdentity

    static func writeUserIdentity(_ caller: Caller, into out: inout JSONBuffer) {
        let principal = caller.principal
        out.raw("{\"type\":\"")
        switch principal.kind {
        case .awsService:
            out.raw("AWSService\",\"invokedBy\":\"")
            out.escaped(principal.invokedBy ?? "")
            out.raw("\"}")
            return
        case .iamUser: out.raw("IAMUser")
        case .assumedRole: out.raw("AssumedRole")
        case .root: out.raw("Root")
        }
        out.raw("\",\"principalId\":\"")
        out.escaped(principal.principalID)
        out.raw("\",\"arn\":")
        out.string(principal.arn)
        out.raw(",\"accountId\":\"")
        out.escaped(principal.accountID)
        out.byte(0x22)
        if hasAccessKey(caller) {
            out.raw(",\"accessKeyId\":\"")
            writeAccessKeyID(caller, into: &out)
            out.byte(0x22)
        }
        if let userName = principal.userName {
            out.raw(",\"userName\":")
            out.string(userName)
        }
        switch (principal.kind, caller.credential) {
        case (.assumedRole, .session(let start, let mfa, _)):
            out.raw(",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"")
            out.plain(principal.rolePrincipalID ?? "")
            out.raw("\",\"arn\":")
            out.string(principal.roleARN ?? "")
            out.raw(",\"accountId\":\"")
            out.plain(principal.accountID)
            out.raw("\",\"userName\":")
            out.string(principal.roleName ?? "")
            out.raw("},\"webIdFederationData\":{},\"attributes\":{\"creationDate\":")
            out.isoTime(start)
            out.raw(mfa ? ",\"mfaAuthenticated\":\"true\"}}" : ",\"mfaAuthenticated\":\"false\"}}")
        case (.iamUser, .session(let start, let mfa, true)), (.root, .session(let start, let mfa, true)):
            out.raw(",\"sessionContext\":{\"sessionIssuer\":{},\"webIdFederationData\":{},\"attributes\":{\"creationDate\":")
            out.isoTime(start)
            out.raw(mfa ? ",\"mfaAuthenticated\":\"true\"}}" : ",\"mfaAuthenticated\":\"false\"}}")
        default:
            break
        }
        if let invokedBy = principal.invokedBy {
            out.raw(",\"invokedBy\":\"")
            out.plain(invokedBy)
            out.byte(0x22)
        }
        out.byte(0x7D)
    }

    /// Whether the call was signed with an access key (`userIdentity.accessKeyId`).
    static func hasAccessKey(_ caller: Caller) -> Bool {
        if case .none = caller.credential { return false }
        return caller.principal.kind != .awsService
    }

    /// Writes the access key id (no quotes): the principal's `AKIA…` key, or the session's
    /// `ASIA…` key derived from the identity and the session's start.
    static func writeAccessKeyID(_ caller: Caller, into out: inout JSONBuffer) {
        switch caller.credential {
        case .none:
            break
        case .longTermKey:
            out.plain(caller.principal.longTermKeyID)
        case .session(let start, _, _):
            out.raw("ASIA")
            out.base32(SplitMix64.mix(caller.principal.identitySeed ^ UInt64(bitPattern: start)), count: 16)
        }
    }

    // MARK: - Errors

    static func writeFailure(_ failure: Failure, draft: EventDraft, into out: inout JSONBuffer) {
        switch failure {
        case .custom(let code, let message):
            out.raw(",\"errorCode\":")
            out.string(code)
            out.raw(",\"errorMessage\":")
            out.string(message)
        case .accessDenied(let permission):
            out.raw(",\"errorCode\":\"AccessDenied\",\"errorMessage\":\"User: ")
            out.escaped(draft.caller.principal.arn)
            out.raw(" is not authorized to perform: ")
            out.raw(permission)
            out.raw(" because no identity-based policy allows the ")
            out.raw(permission)
            out.raw(" action\"")
        case .throttled:
            if case .background(let background, _) = draft.action, background.isEC2 {
                out.raw(",\"errorCode\":\"Client.RequestLimitExceeded\",\"errorMessage\":\"Request limit exceeded.\"")
            } else {
                out.raw(",\"errorCode\":\"ThrottlingException\",\"errorMessage\":\"Rate exceeded\"")
            }
        }
    }

    // MARK: - requestParameters

    static func writeRequestParameters(_ draft: EventDraft, into out: inout JSONBuffer, random: inout SplitMix64) {
        switch draft.action {
        case .sesSendEmail(let message):
            out.raw("{\"fromEmailAddress\":")
            out.string(message.from)
            out.raw(",\"destination\":{\"toAddresses\":[")
            for (index, address) in message.to.enumerated() {
                if index > 0 { out.byte(0x2C) }
                out.string(address)
            }
            out.raw("]},\"content\":{\"simple\":{\"subject\":{\"data\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"},\"body\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}}")
            if let configurationSet = message.configurationSet {
                out.raw(",\"configurationSetName\":")
                out.string(configurationSet)
            }
            out.byte(0x7D)
        case .sesCreateEmailIdentity(let identity), .sesGetEmailIdentity(let identity):
            out.raw("{\"emailIdentity\":")
            out.string(identity)
            out.byte(0x7D)
        case .sesGetSendQuota, .sesGetAccount, .snsListTopics, .bedrockListFoundationModels:
            out.raw("null")
        case .sesPutAccountDetails(let websiteURL):
            out.raw("{\"mailType\":\"MARKETING\",\"websiteURL\":")
            out.string(websiteURL)
            out.raw(",\"contactLanguage\":\"EN\",\"useCaseDescription\":\"HIDDEN_DUE_TO_SECURITY_REASONS\",\"additionalContactEmailAddresses\":\"HIDDEN_DUE_TO_SECURITY_REASONS\",\"productionAccessEnabled\":true}")
        case .snsSetSMSAttributes(let smsType):
            out.raw("{\"attributes\":{\"DefaultSMSType\":")
            out.string(smsType)
            out.raw("}}")
        case .snsCreateTopic(let name):
            out.raw("{\"name\":")
            out.string(name)
            out.byte(0x7D)
        case .snsPublishToTopic(let topicARN):
            out.raw("{\"topicArn\":")
            out.string(topicARN)
            out.raw(",\"message\":\"HIDDEN_DUE_TO_SECURITY_REASONS\",\"subject\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}")
        case .snsPublishSMS:
            out.raw("{\"phoneNumber\":\"HIDDEN_DUE_TO_SECURITY_REASONS\",\"message\":\"HIDDEN_DUE_TO_SECURITY_REASONS\",\"messageAttributes\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}")
        case .bedrockInvokeModel(let modelID), .bedrockInvokeModelWithResponseStream(let modelID),
             .bedrockConverse(let modelID), .bedrockListFoundationModelAgreementOffers(let modelID),
             .bedrockPutFoundationModelEntitlement(let modelID), .bedrockGetFoundationModelAvailability(let modelID):
            out.raw("{\"modelId\":")
            out.string(modelID)
            out.byte(0x7D)
        case .bedrockCreateFoundationModelAgreement(let modelID):
            out.raw("{\"modelId\":")
            out.string(modelID)
            out.raw(",\"offerToken\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}")
        case .bedrockPutUseCaseForModelAccess:
            out.raw("{\"formData\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}")
        case .background(let action, let pools):
            writeBackgroundParameters(action, pools: pools, draft: draft, into: &out, random: &random)
        }
    }

    static func writeBackgroundParameters(_ action: BackgroundAction, pools: RegionPools, draft: EventDraft,
                                          into out: inout JSONBuffer, random: inout SplitMix64) {
        switch action {
        case .ec2DescribeInstances:
            if random.chance(1, in: 3) {
                out.raw("{\"instancesSet\":{\"items\":[{\"instanceId\":\"")
                out.plain(random.pick(pools.instanceIDs))
                out.raw("\"}]},\"filterSet\":{}}")
            } else {
                out.raw("{\"instancesSet\":{},\"filterSet\":{}}")
            }
        case .ec2DescribeSecurityGroups:
            out.raw("{\"securityGroupSet\":{},\"securityGroupIdSet\":{},\"filterSet\":{}}")
        case .ec2DescribeVolumes:
            out.raw("{\"volumeSet\":{\"items\":[{\"volumeId\":\"")
            out.plain(random.pick(pools.volumeIDs))
            out.raw("\"}]},\"filterSet\":{}}")
        case .ec2CreateTags:
            out.raw("{\"resourcesSet\":{\"items\":[{\"resourceId\":\"")
            out.plain(random.pick(pools.instanceIDs))
            out.raw("\"}]},\"tagSet\":{\"items\":[{\"key\":\"Patch Group\",\"value\":\"prod-weekly\"}]}}")
        case .s3ListBuckets:
            out.raw("{\"Host\":\"s3.amazonaws.com\"}")
        case .s3GetBucketAcl:
            let bucket = random.pick(pools.bucketNames)
            out.raw("{\"bucketName\":\"")
            out.plain(bucket)
            out.raw("\",\"Host\":\"")
            out.plain(bucket)
            out.raw(".s3.")
            out.plain(pools.region)
            out.raw(".amazonaws.com\",\"acl\":\"\"}")
        case .iamListRoles:
            out.raw("{\"maxItems\":100}")
        case .iamGetAccountSummary, .stsGetCallerIdentity, .ecrGetAuthorizationToken:
            out.raw("null")
        case .stsAssumeRole:
            out.raw("{\"roleArn\":\"")
            out.plain(pools.lambdaRoleARN)
            out.raw("\",\"roleSessionName\":\"")
            out.plain(pools.lambdaSessionName)
            out.raw("\"}")
        case .kmsDecrypt:
            out.raw("{\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\",\"encryptionContext\":{\"SecretARN\":\"arn:aws:secretsmanager:")
            out.plain(pools.region)
            out.byte(0x3A)
            out.plain(pools.accountID)
            out.raw(":secret:")
            out.plain(random.pick(pools.secretIDs))
            out.raw("\",\"SecretVersionId\":\"")
            out.uuid(&random)
            out.raw("\"}}")
        case .kmsGenerateDataKey:
            out.raw("{\"keyId\":\"")
            out.plain(pools.kmsKeyARNs[0])
            out.raw("\",\"encryptionContext\":{\"aws:cloudtrail:arn\":\"")
            out.plain(pools.trailARN)
            out.raw("\"},\"keySpec\":\"AES_256\"}")
        case .ssmGetParameters:
            out.raw("{\"names\":[\"")
            out.plain(random.pick(pools.parameterNames))
            out.raw("\"],\"withDecryption\":true}")
        case .secretsManagerGetSecretValue:
            out.raw("{\"secretId\":\"")
            out.plain(random.pick(pools.secretIDs))
            out.raw("\"}")
        case .logsCreateLogStream:
            let day = CivilTime(millis: draft.time)
            out.raw("{\"logGroupName\":\"")
            out.plain(pools.logGroups[0])
            out.raw("\",\"logStreamName\":\"")
            out.digits(day.year, width: 4)
            out.byte(0x2F)
            out.digits(day.month, width: 2)
            out.byte(0x2F)
            out.digits(day.day, width: 2)
            out.raw("/[$LATEST]")
            out.hex(random.next(), count: 16)
            out.hex(random.next(), count: 16)
            out.raw("\"}")
        case .dynamodbDescribeTable:
            out.raw("{\"tableName\":\"")
            out.plain(random.pick(pools.tableNames))
            out.raw("\"}")
        case .cloudwatchDescribeAlarms:
            out.raw("{\"stateValue\":\"ALARM\",\"maxRecords\":100}")
        case .healthDescribeEventAggregates:
            out.raw("{\"aggregateField\":\"eventTypeCategory\",\"filter\":{\"eventStatusCodes\":[\"open\",\"upcoming\"]}}")
        case .ecsDescribeServices:
            out.raw("{\"cluster\":\"")
            out.plain(pools.ecsCluster)
            out.raw("\",\"services\":[\"")
            out.plain(random.pick(pools.ecsServices))
            out.raw("\"]}")
        case .ecsUpdateService:
            out.raw("{\"cluster\":\"")
            out.plain(pools.ecsCluster)
            out.raw("\",\"service\":\"")
            out.plain(pools.ecsServices[0])
            out.raw("\",\"forceNewDeployment\":true}")
        case .signinConsoleLogin:
            out.raw("null")
        }
    }

    // MARK: - responseElements

    static func writeResponseElements(_ draft: EventDraft, into out: inout JSONBuffer, random: inout SplitMix64) {
        switch draft.action {
        case .sesSendEmail:
            // SES message ids: 16 hex digits, a UUID, and a six-digit suffix.
            out.raw("{\"messageId\":\"0100019")
            out.hex(random.next(), count: 9)
            out.byte(0x2D)
            out.uuid(&random)
            out.raw("-000000\"}")
        case .sesCreateEmailIdentity:
            out.raw("{\"identityType\":\"EMAIL_ADDRESS\",\"verifiedForSendingStatus\":false}")
        case .snsCreateTopic(let name):
            out.raw("{\"topicArn\":\"arn:aws:sns:")
            out.plain(draft.region)
            out.byte(0x3A)
            out.plain(draft.recipientAccountID)
            out.byte(0x3A)
            out.escaped(name)
            out.raw("\"}")
        case .snsPublishToTopic, .snsPublishSMS:
            out.raw("{\"messageId\":\"")
            out.uuid(&random)
            out.raw("\"}")
        case .bedrockCreateFoundationModelAgreement(let modelID):
            out.raw("{\"modelId\":")
            out.string(modelID)
            out.byte(0x7D)
        case .bedrockPutFoundationModelEntitlement:
            out.raw("{\"status\":\"SUCCESS\"}")
        case .background(let action, let pools):
            writeBackgroundResponse(action, pools: pools, draft: draft, into: &out, random: &random)
        default:
            out.raw("null")
        }
    }

    static func writeBackgroundResponse(_ action: BackgroundAction, pools: RegionPools, draft: EventDraft,
                                        into out: inout JSONBuffer, random: inout SplitMix64) {
        switch action {
        case .ec2CreateTags:
            out.raw("{\"requestId\":\"")
            out.uuid(&random)
            out.raw("\",\"_return\":true}")
        case .stsAssumeRole:
            out.raw("{\"credentials\":{\"accessKeyId\":\"ASIA")
            out.base32(random.next(), count: 16)
            out.raw("\",\"expiration\":\"")
            writeExpiration(draft.time + 12 * 3_600_000, into: &out)
            out.raw("\"},\"assumedRoleUser\":{\"assumedRoleId\":\"")
            out.plain(pools.lambdaAssumedRoleID)
            out.raw("\",\"arn\":\"")
            out.plain(pools.lambdaAssumedRoleARN)
            out.raw("\"}}")
        case .ecsUpdateService:
            out.raw("{\"service\":{\"serviceArn\":\"arn:aws:ecs:")
            out.plain(pools.region)
            out.byte(0x3A)
            out.plain(pools.accountID)
            out.raw(":service/")
            out.plain(pools.ecsCluster)
            out.byte(0x2F)
            out.plain(pools.ecsServices[0])
            out.raw("\",\"status\":\"ACTIVE\",\"desiredCount\":3}}")
        case .signinConsoleLogin:
            out.raw("{\"ConsoleLogin\":\"Success\"}")
        default:
            out.raw("null")
        }
    }

    private static let monthNames: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// STS's credential expiration text: `Jan 5, 2026, 11:10:00 AM`.
    static func writeExpiration(_ millis: Int64, into out: inout JSONBuffer) {
        let civil = CivilTime(millis: millis)
        out.raw(monthNames[civil.month - 1])
        out.byte(0x20)
        out.integer(civil.day)
        out.raw(", ")
        out.integer(civil.year)
        out.raw(", ")
        let twelveHour = civil.hour % 12 == 0 ? 12 : civil.hour % 12
        out.integer(twelveHour)
        out.byte(0x3A)
        out.digits(civil.minute, width: 2)
        out.byte(0x3A)
        out.digits(civil.second, width: 2)
        out.raw(civil.hour < 12 ? " AM" : " PM")
    }

    // MARK: - additionalEventData, resources, tlsDetails

    static func writeAdditionalEventData(_ draft: EventDraft, into out: inout JSONBuffer, random: inout SplitMix64) {
        guard case .background(let action, let pools) = draft.action else { return }
        switch action {
        case .s3ListBuckets, .s3GetBucketAcl:
            out.raw(",\"additionalEventData\":{\"SignatureVersion\":\"SigV4\",\"CipherSuite\":\"TLS_AES_128_GCM_SHA256\",\"bytesTransferredIn\":0,\"AuthenticationMethod\":\"AuthHeader\",\"x-amz-id-2\":\"")
            out.base32(random.next(), count: 24)
            out.base32(random.next(), count: 24)
            out.raw("=\",\"bytesTransferredOut\":")
            out.integer(400 + random.below(4000))
            out.byte(0x7D)
        case .signinConsoleLogin:
            out.raw(",\"additionalEventData\":{\"LoginTo\":\"https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true\",\"MobileVersion\":\"No\"")
            if draft.caller.principal.kind == .iamUser {
                out.raw(",\"MFAIdentifier\":\"")
                out.plain(pools.consoleMFADevice)
                out.byte(0x22)
            }
            out.raw(",\"MFAUsed\":\"Yes\"}")
        default:
            break
        }
    }

    static func writeResources(_ draft: EventDraft, into out: inout JSONBuffer) {
        switch draft.action {
        case .snsPublishToTopic(let topicARN):
            out.raw(",\"resources\":[{\"accountId\":\"")
            out.plain(draft.recipientAccountID)
            out.raw("\",\"type\":\"AWS::SNS::Topic\",\"ARN\":")
            out.string(topicARN)
            out.raw("}]")
        case .sesSendEmail(let message):
            out.raw(",\"resources\":[{\"accountId\":\"")
            out.plain(draft.recipientAccountID)
            out.raw("\",\"type\":\"AWS::SES::EmailIdentity\",\"ARN\":\"arn:aws:ses:")
            out.plain(draft.region)
            out.byte(0x3A)
            out.plain(draft.recipientAccountID)
            out.raw(":identity/")
            out.escaped(message.from)
            out.raw("\"}]")
        case .background(.kmsDecrypt, let pools), .background(.kmsGenerateDataKey, let pools):
            out.raw(",\"resources\":[{\"accountId\":\"")
            out.plain(pools.accountID)
            out.raw("\",\"type\":\"AWS::KMS::Key\",\"ARN\":\"")
            out.plain(pools.kmsKeyARNs[0])
            out.raw("\"}]")
        case .background(.stsAssumeRole, let pools):
            out.raw(",\"resources\":[{\"accountId\":\"")
            out.plain(pools.accountID)
            out.raw("\",\"type\":\"AWS::IAM::Role\",\"ARN\":\"")
            out.plain(pools.lambdaRoleARN)
            out.raw("\"}]")
        default:
            break
        }
    }

    static func writeTLSDetails(_ draft: EventDraft, into out: inout JSONBuffer) {
        switch draft.tls {
        case .none:
            return
        case .modern:
            out.raw(",\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\",\"clientProvidedHostHeader\":\"")
        case .legacy:
            out.raw(",\"tlsDetails\":{\"tlsVersion\":\"TLSv1.2\",\"cipherSuite\":\"ECDHE-RSA-AES128-GCM-SHA256\",\"clientProvidedHostHeader\":\"")
        }
        switch draft.action.host {
        case .regional(let prefix):
            out.raw(prefix)
            out.plain(draft.region)
            out.raw(".amazonaws.com")
        case .global(let host):
            out.raw(host)
        }
        out.raw("\"}")
    }
}
