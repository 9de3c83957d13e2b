/// The delivery layouts CloudTrail records arrive in (BRIEF §4), written around records made by
/// `record(_:)`, each as AWS or the SIEM writes it.
enum Envelope {
    /// S3 delivery: `{"Records":[…]}` on one line.
    static func s3(_ records: [String]) -> String { #"{"Records":["# + records.joined(separator: ",") + "]}" }

    /// An EventBridge event for an API call recorded by CloudTrail.
    static func eventBridge(_ record: String) -> String {
        #"{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"AWS API Call via CloudTrail","source":"aws.sns","account":"111122223333","time":"2024-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":"#
            + record + "}"
    }

    /// A CloudWatch Logs subscription payload: each record a string in `logEvents[].message`.
    static func cloudWatch(_ records: [String]) -> String {
        let events = records.enumerated().map { index, record in
            #"{"id":"3739\#(index)","timestamp":1704067200000,"message":""# + escaped(record) + #""}"#
        }
        return #"{"messageType":"DATA_MESSAGE","owner":"111122223333","logGroup":"aws-cloudtrail-logs","logStream":"111122223333_CloudTrail_us-east-1","subscriptionFilters":["all"],"logEvents":["#
            + events.joined(separator: ",") + "]}"
    }

    /// `aws cloudtrail lookup-events` output, pretty-printed as the CLI prints it, with the
    /// local-offset `EventTime` the CLI writes and the record as an escaped string.
    static func lookupEvents(_ records: [(name: String, record: String)]) -> String {
        let events = records.map { name, record in
            """
                    {
                        "EventId": "id-\(name)",
                        "EventName": "\(name)",
                        "ReadOnly": "false",
                        "AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
                        "EventTime": "2024-01-01T01:00:00+01:00",
                        "EventSource": "sns.amazonaws.com",
                        "Username": "alice",
                        "Resources": [],
                        "CloudTrailEvent": "\(escaped(record))"
                    }
            """
        }
        return "{\n    \"Events\": [\n" + events.joined(separator: ",\n") + "\n    ],\n    \"NextToken\": \"abc\"\n}\n"
    }

    /// A CloudTrail digest file's content.
    static let digest = #"{"awsAccountId":"111122223333","digestStartTime":"2024-01-01T00:00:00Z","digestEndTime":"2024-01-01T01:00:00Z","digestS3Bucket":"b","digestS3Object":"o","digestPublicKeyFingerprint":"f","digestSignatureAlgorithm":"SHA256withRSA","newestEventTime":"2024-01-01T00:59:00Z","oldestEventTime":"2024-01-01T00:00:00Z","previousDigestS3Bucket":null,"previousDigestS3Object":null,"previousDigestHashValue":null,"previousDigestHashAlgorithm":null,"previousDigestSignature":null,"logFiles":[{"s3Bucket":"b","s3Object":"AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/x.json.gz","hashValue":"00","hashAlgorithm":"SHA-256","newestEventTime":"2024-01-01T00:59:00Z","oldestEventTime":"2024-01-01T00:00:00Z"}]}"#

    /// A CloudTrail Insight record (its source and name sit inside `insightDetails`).
    static let insight = #"{"eventVersion":"1.07","eventTime":"2024-01-01T00:00:00Z","awsRegion":"us-east-1","eventID":"insight-1","eventType":"AwsCloudTrailInsight","recipientAccountId":"111122223333","sharedEventID":"s-1","insightDetails":{"state":"Start","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","insightType":"ApiCallRateInsight","insightContext":{"statistics":{"baseline":{"average":0.1},"insight":{"average":3.0}}}},"eventCategory":"Insight"}"#
}
