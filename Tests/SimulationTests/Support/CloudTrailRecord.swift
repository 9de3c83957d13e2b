/// A CloudTrail record, decoded with the types CloudTrail uses; keys the record must always have
/// are required, so a missing one fails decoding.
struct CloudTrailRecord: Decodable, Sendable {
    struct UserIdentity: Decodable, Sendable {
        var type: String
        var principalId: String?
        var arn: String?
        var accountId: String?
        var accessKeyId: String?
        var userName: String?
        var invokedBy: String?
        var sessionContext: SessionContext?
    }

    struct SessionContext: Decodable, Sendable {
        var sessionIssuer: SessionIssuer?
        var webIdFederationData: [String: JSONValue]?
        var attributes: Attributes
    }

    struct SessionIssuer: Decodable, Sendable {
        var type: String?
        var principalId: String?
        var arn: String?
        var accountId: String?
        var userName: String?
    }

    struct Attributes: Decodable, Sendable {
        var creationDate: String
        var mfaAuthenticated: String
    }

    struct Resource: Decodable, Sendable {
        var accountId: String
        var type: String
        var ARN: String
    }

    struct TLSDetails: Decodable, Sendable {
        var tlsVersion: String
        var cipherSuite: String
        var clientProvidedHostHeader: String
    }

    var eventVersion: String
    var userIdentity: UserIdentity
    var eventTime: String
    var eventSource: String
    var eventName: String
    var awsRegion: String
    var sourceIPAddress: String
    var userAgent: String
    var errorCode: String?
    var errorMessage: String?
    /// Present, possibly `null`.
    var requestParameters: JSONValue
    var responseElements: JSONValue
    var additionalEventData: JSONValue?
    var requestID: String?
    var eventID: String
    var readOnly: Bool
    var resources: [Resource]?
    var eventType: String
    var managementEvent: Bool
    var recipientAccountId: String
    var vpcEndpointId: String?
    var eventCategory: String
    var tlsDetails: TLSDetails?

    private enum CodingKeys: String, CodingKey {
        case eventVersion, userIdentity, eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent
        case errorCode, errorMessage, requestParameters, responseElements, additionalEventData, requestID, eventID
        case readOnly, resources, eventType, managementEvent, recipientAccountId, vpcEndpointId, eventCategory, tlsDetails
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        eventVersion = try c.decode(String.self, forKey: .eventVersion)
        userIdentity = try c.decode(UserIdentity.self, forKey: .userIdentity)
        eventTime = try c.decode(String.self, forKey: .eventTime)
        eventSource = try c.decode(String.self, forKey: .eventSource)
        eventName = try c.decode(String.self, forKey: .eventName)
        awsRegion = try c.decode(String.self, forKey: .awsRegion)
        sourceIPAddress = try c.decode(String.self, forKey: .sourceIPAddress)
        userAgent = try c.decode(String.self, forKey: .userAgent)
        errorCode = try c.decodeIfPresent(String.self, forKey: .errorCode)
        errorMessage = try c.decodeIfPresent(String.self, forKey: .errorMessage)
        // `decode` (not `decodeIfPresent`): the key must be there, even when its value is null.
        requestParameters = try c.decode(JSONValue.self, forKey: .requestParameters)
        responseElements = try c.decode(JSONValue.self, forKey: .responseElements)
        additionalEventData = try c.decodeIfPresent(JSONValue.self, forKey: .additionalEventData)
        requestID = try c.decodeIfPresent(String.self, forKey: .requestID)
        eventID = try c.decode(String.self, forKey: .eventID)
        readOnly = try c.decode(Bool.self, forKey: .readOnly)
        resources = try c.decodeIfPresent([Resource].self, forKey: .resources)
        eventType = try c.decode(String.self, forKey: .eventType)
        managementEvent = try c.decode(Bool.self, forKey: .managementEvent)
        recipientAccountId = try c.decode(String.self, forKey: .recipientAccountId)
        vpcEndpointId = try c.decodeIfPresent(String.self, forKey: .vpcEndpointId)
        eventCategory = try c.decode(String.self, forKey: .eventCategory)
        tlsDetails = try c.decodeIfPresent(TLSDetails.self, forKey: .tlsDetails)
    }

    /// `sessionContext.sessionIssuer.arn`, the tuned rule's `SessionIssuerArn`.
    var sessionIssuerARN: String? { userIdentity.sessionContext?.sessionIssuer?.arn }
}

/// Any JSON value, for parameters whose shape varies by API.
enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var isNull: Bool { self == .null }
}
