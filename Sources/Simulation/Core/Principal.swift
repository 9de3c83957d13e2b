/// A caller as CloudTrail's `userIdentity` describes it: who, in which account, with which ids.
///
/// Identifiers are derived from the ARN with a stable hash, not from the seed, so one identity
/// keeps its `principalId` and long-term `AKIA…` key in every simulation (the reference sets and
/// expectations in `scenarios.json` name identities by ARN and must not depend on the seed).
/// Session keys (`ASIA…`) are derived from the identity and the session's start, so all calls of
/// one session share a key, as they do in AWS.
final class Principal: Sendable {
    /// `userIdentity.type`.
    enum Kind: String, Sendable {
        case iamUser = "IAMUser"
        case assumedRole = "AssumedRole"
        case root = "Root"
        case awsService = "AWSService"
    }

    let kind: Kind
    /// `userIdentity.accountId` (empty for `AWSService`).
    let accountID: String
    /// `userIdentity.arn` (empty for `AWSService`).
    let arn: String
    /// `userIdentity.principalId`: `AIDA…` for users, `AROA…:session` for roles, the account id
    /// for the root user.
    let principalID: String
    /// `userIdentity.userName`, for IAM users.
    let userName: String?
    /// The issuing role of an assumed-role session.
    let roleName: String?
    let roleARN: String?
    let rolePrincipalID: String?
    /// The session name of an assumed-role session (the last part of its ARN).
    let sessionName: String?
    /// `userIdentity.invokedBy`: the service that called on the principal's behalf.
    let invokedBy: String?
    /// The long-term access key (`AKIA…`) of a user or root key, when it calls with one.
    let longTermKeyID: String
    /// A stable hash of the ARN, mixed with a session's start to make its `ASIA…` key.
    let identitySeed: UInt64

    private init(kind: Kind, accountID: String, arn: String, principalID: String, userName: String?,
                 roleName: String?, roleARN: String?, rolePrincipalID: String?, sessionName: String?,
                 invokedBy: String?) {
        self.kind = kind
        self.accountID = accountID
        self.arn = arn
        self.principalID = principalID
        self.userName = userName
        self.roleName = roleName
        self.roleARN = roleARN
        self.rolePrincipalID = rolePrincipalID
        self.sessionName = sessionName
        self.invokedBy = invokedBy
        self.identitySeed = stableHash("session:" + arn)
        var key = JSONBuffer(capacity: 20)
        key.raw("AKIA")
        key.base32(stableHash("key:" + arn), count: 16)
        self.longTermKeyID = String(decoding: key.bytes, as: UTF8.self)
    }

    /// An IAM user.
    static func iamUser(account: String, name: String) -> Principal {
        let arn = "arn:aws:iam::\(account):user/\(name)"
        return Principal(kind: .iamUser, accountID: account, arn: arn,
                         principalID: Principal.uniqueID(prefix: "AIDA", of: arn), userName: name,
                         roleName: nil, roleARN: nil, rolePrincipalID: nil, sessionName: nil, invokedBy: nil)
    }

    /// A session of an IAM role (`path` is the role's path, such as `aws-service-role/config.amazonaws.com/`).
    static func assumedRole(account: String, role: String, session: String, path: String = "",
                            invokedBy: String? = nil) -> Principal {
        let roleARN = "arn:aws:iam::\(account):role/\(path)\(role)"
        let rolePrincipalID = Principal.uniqueID(prefix: "AROA", of: roleARN)
        return Principal(kind: .assumedRole, accountID: account,
                         arn: "arn:aws:sts::\(account):assumed-role/\(role)/\(session)",
                         principalID: rolePrincipalID + ":" + session, userName: nil,
                         roleName: role, roleARN: roleARN, rolePrincipalID: rolePrincipalID,
                         sessionName: session, invokedBy: invokedBy)
    }

    /// The account's root user.
    static func root(account: String) -> Principal {
        Principal(kind: .root, accountID: account, arn: "arn:aws:iam::\(account):root", principalID: account,
                  userName: nil, roleName: nil, roleARN: nil, rolePrincipalID: nil, sessionName: nil, invokedBy: nil)
    }

    /// An AWS service acting on its own (`userIdentity` holds only the type and `invokedBy`).
    static func awsService(_ service: String) -> Principal {
        Principal(kind: .awsService, accountID: "", arn: "", principalID: "", userName: nil, roleName: nil,
                  roleARN: nil, rolePrincipalID: nil, sessionName: nil, invokedBy: service)
    }

    /// `AIDA…`/`AROA…` followed by 17 base-32 characters, from a hash of `arn`.
    static func uniqueID(prefix: StaticString, of arn: String) -> String {
        var buffer = JSONBuffer(capacity: 21)
        buffer.raw(prefix)
        buffer.base32(stableHash("id:" + arn), count: 17)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// The name lookup-events shows in `Username`: the user name, the session name, or `root`.
    var displayName: String? {
        switch kind {
        case .iamUser: userName
        case .assumedRole: sessionName
        case .root: "root"
        case .awsService: nil
        }
    }
}

/// How one call was authenticated: the principal and the credential it used.
struct Caller: Sendable {
    /// The credential of a call.
    enum Credential: Sendable {
        /// No access key in the record (console sign-in, AWS service calls).
        case none
        /// The principal's long-term `AKIA…` key.
        case longTermKey
        /// A temporary `ASIA…` key of a session that began at `start` (epoch ms); `isConsole` adds
        /// the console `sessionContext` of an IAM user or the root user.
        case session(start: Int64, mfa: Bool, isConsole: Bool)
    }

    let principal: Principal
    let credential: Credential

    init(_ principal: Principal, _ credential: Credential) {
        self.principal = principal
        self.credential = credential
    }
}
