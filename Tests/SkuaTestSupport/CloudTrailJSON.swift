import CloudTrail
import Foundation

/// Hand-built CloudTrail records for tests above the reading layer (detection, reporting, CLI):
/// one JSON object per call, with just the fields the T1496.004 queries read.
public enum CloudTrailJSON {
    /// A caller: an IAM user, or an AssumedRole session of `role`.
    public struct Caller: Sendable {
        public var type: String
        public var arn: String
        public var issuer: String?

        public static func user(_ name: String, account: String = "111122223333") -> Caller {
            Caller(type: "IAMUser", arn: "arn:aws:iam::\(account):user/\(name)", issuer: nil)
        }

        public static func session(_ role: String, _ session: String, account: String = "111122223333") -> Caller {
            Caller(type: "AssumedRole", arn: "arn:aws:sts::\(account):assumed-role/\(role)/\(session)",
                   issuer: "arn:aws:iam::\(account):role/\(role)")
        }
    }

    /// One record. `time` is RFC 3339.
    public static func record(time: String, source: String, name: String, caller: Caller, ip: String = "203.0.113.7",
                              region: String = "us-east-1", errorCode: String? = nil, id: String = UUID().uuidString,
                              userAgent: String = "aws-cli/2.15.0") -> String {
        var fields: [String] = [
            #""eventVersion":"1.11""#,
            #""userIdentity":{"type":"\#(caller.type)","arn":"\#(caller.arn)""# + (caller.issuer.map {
                #","sessionContext":{"sessionIssuer":{"type":"Role","arn":"\#($0)"}}"#
            } ?? "") + "}",
            #""eventTime":"\#(time)""#,
            #""eventSource":"\#(source)""#,
            #""eventName":"\#(name)""#,
            #""awsRegion":"\#(region)""#,
            #""sourceIPAddress":"\#(ip)""#,
            #""userAgent":\#(quoted(userAgent))"#,
            #""eventID":"\#(id)""#,
        ]
        if let errorCode { fields.append(#""errorCode":"\#(errorCode)""#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// `count` records one second apart from `start` (RFC 3339, whole seconds, Z).
    public static func burst(count: Int, start: String, source: String, name: String, caller: Caller,
                             ip: String = "203.0.113.7", region: String = "us-east-1", errorCode: String? = nil) -> [String] {
        let base = EventTime.parse(start)!
        return (0..<count).map { index in
            record(time: EventTime.rfc3339(base + Int64(index) * 1000), source: source, name: name, caller: caller,
                   ip: ip, region: region, errorCode: errorCode)
        }
    }

    static func quoted(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text])
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}
