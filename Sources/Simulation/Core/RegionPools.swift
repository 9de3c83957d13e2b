/// The resources of one account in one region that background calls name: instances, buckets,
/// keys, parameters, functions.
///
/// Names come from a stable hash of the account and region, not from the seed, so a resource
/// keeps its name across simulations, as it would in a real account.
final class RegionPools: Sendable {
    let accountID: String
    let region: String
    let instanceIDs: [String]
    let volumeIDs: [String]
    let bucketNames: [String]
    let kmsKeyARNs: [String]
    let parameterNames: [String]
    let secretIDs: [String]
    let tableNames: [String]
    let ecsCluster: String
    let ecsServices: [String]
    let logGroups: [String]
    /// The role the Lambda service assumes for the account's function, and its session.
    let lambdaRoleARN: String
    let lambdaSessionName: String
    let lambdaAssumedRoleID: String
    let lambdaAssumedRoleARN: String
    let trailARN: String
    /// The MFA device of the console user, for `ConsoleLogin`'s `additionalEventData`.
    let consoleMFADevice: String
    /// The SNS topic an application publishes to, and the SES sender of support mail.
    let applicationTopicARN: String
    let supportSender: String
    let supportRecipients: [String]

    init(accountID: String, region: String, consoleUser: String) {
        self.accountID = accountID
        self.region = region
        var random = SplitMix64(seed: stableHash("pools:" + accountID + ":" + region))
        func hexText(_ count: Int) -> String {
            var buffer = JSONBuffer(capacity: count)
            buffer.hex(random.next(), count: min(count, 16))
            if count > 16 { buffer.hex(random.next(), count: count - 16) }
            return String(decoding: buffer.bytes, as: UTF8.self)
        }
        func uuidText() -> String {
            var buffer = JSONBuffer(capacity: 36)
            buffer.uuid(&random)
            return String(decoding: buffer.bytes, as: UTF8.self)
        }
        instanceIDs = (0..<6).map { _ in "i-0" + hexText(16) }
        volumeIDs = (0..<4).map { _ in "vol-0" + hexText(16) }
        bucketNames = ["northwind-\(accountID)-\(region)-artifacts", "northwind-\(accountID)-app-uploads",
                       "northwind-\(accountID)-cloudtrail", "aws-athena-query-results-\(accountID)-\(region)"]
        kmsKeyARNs = (0..<2).map { _ in "arn:aws:kms:\(region):\(accountID):key/" + uuidText() }
        parameterNames = ["/prod/orders-api/db-host", "/prod/orders-api/db-port", "/prod/orders-api/feature-flags",
                          "/prod/shared/datadog-api-key"]
        secretIDs = ["prod/orders-api/db-credentials", "prod/payments/stripe-webhook", "prod/shared/smtp"]
        tableNames = ["orders", "customer-sessions", "idempotency-keys"]
        ecsCluster = "prod-\(region)"
        ecsServices = ["orders-api", "checkout-web", "notification-worker"]
        logGroups = ["/aws/lambda/order-events-handler", "/aws/lambda/invoice-renderer", "/ecs/orders-api"]
        lambdaRoleARN = "arn:aws:iam::\(accountID):role/service-role/order-events-handler-role"
        lambdaSessionName = "order-events-handler"
        lambdaAssumedRoleID = Principal.uniqueID(prefix: "AROA", of: lambdaRoleARN) + ":order-events-handler"
        lambdaAssumedRoleARN = "arn:aws:sts::\(accountID):assumed-role/order-events-handler-role/order-events-handler"
        trailARN = "arn:aws:cloudtrail:us-east-1:\(accountID):trail/management-and-data"
        consoleMFADevice = "arn:aws:iam::\(accountID):mfa/\(consoleUser)"
        applicationTopicARN = "arn:aws:sns:\(region):\(accountID):order-status-updates"
        supportSender = "support@northwind-traders.example"
        supportRecipients = ["customer.care@example.org", "ops-escalations@example.net", "j.doe@example.com"]
    }
}
