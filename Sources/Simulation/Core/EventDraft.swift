/// One call, decided but not yet written: everything that makes a record except the random
/// identifiers (`eventID`, `requestID`, message ids), which the renderer draws from the file's
/// generator.
///
/// Scenario generators make drafts ahead of time; the background's drafts are made inside the
/// worker that writes their file. Text fields refer to strings that already exist (pools,
/// scenario actors), so a draft costs no allocation beyond its own storage.
struct EventDraft: Sendable {
    /// `eventTime`, epoch milliseconds (whole seconds: CloudTrail writes seconds).
    var time: Int64
    var action: Action
    var caller: Caller
    /// `awsRegion`.
    var region: String
    /// `recipientAccountId`: the account whose trail records the call (and whose S3 folder
    /// receives it).
    var recipientAccountID: String
    /// `sourceIPAddress`: an IP address, a service name (`lambda.amazonaws.com`) or `AWS Internal`.
    var sourceIPAddress: String
    /// `userAgent` (attacker-controlled text; escaped when written).
    var userAgent: String
    var tls: TLSProfile
    /// Set for failed calls (`errorCode`, `errorMessage`).
    var failure: Failure?
    /// `vpcEndpointId`, for calls that came through an interface endpoint.
    var vpcEndpointID: String?
    /// Index of the scenario in the run, or -1 for the background.
    var scenario: Int32
}

/// The TLS session a client negotiated, for `tlsDetails`; `none` writes no `tlsDetails` (calls
/// made inside AWS: service principals, `AWS Internal`).
enum TLSProfile: Sendable {
    case none
    /// TLSv1.3 with `TLS_AES_128_GCM_SHA256` (current SDKs and browsers).
    case modern
    /// TLSv1.2 with `ECDHE-RSA-AES128-GCM-SHA256` (older clients, scripts).
    case legacy
}

/// Why a call failed.
enum Failure: Sendable {
    /// A scenario-specified error.
    case custom(code: String, message: String)
    /// `AccessDenied` with IAM's message naming the caller and the action.
    case accessDenied(action: StaticString)
    /// The service's throttling error.
    case throttled
}
