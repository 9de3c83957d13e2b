import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// A sink that evaluates bound properties on every record it receives.
struct PropertySink: RecordSink {
    let properties: [BoundProperty]
    var values: [[PropertyValue]] = []

    mutating func consume(_ record: ScannedRecord) {
        values.append(properties.map { $0.value(in: record) })
    }
}

/// Ingests `text` as one file with every property of `catalog` bound; returns each record's
/// values by property name, exact and lower-cased (the lower-cased key only where no other
/// property shares it: `UserName` and `username` are two properties).
func propertyValues(_ text: String, catalog: PropertyCatalog = .builtIn) -> [[String: PropertyValue]] {
    let folder = TemporaryFolder()
    let path = folder.write("records.json", text)
    let table = ProjectionTable(paths: catalog.properties.flatMap(\.paths))
    let bound = catalog.properties.map { BoundProperty($0, table: table) }
    let outcome = IngestPipeline(table: table, options: IngestOptions(workers: 1)).run(paths: [path]) {
        PropertySink(properties: bound)
    }
    #expect(outcome.report.reconciles)
    let names = catalog.properties.map(\.name)
    let foldedCounts = Dictionary(names.map { ($0.lowercased(), 1) }, uniquingKeysWith: +)
    return outcome.sinks.flatMap(\.values).map { values in
        var byName: [String: PropertyValue] = [:]
        for (name, value) in zip(names, values) {
            byName[name] = value
            if foldedCounts[name.lowercased()] == 1 { byName[name.lowercased()] = value }
        }
        return byName
    }
}

@Suite struct PropertyCatalogTests {
    @Test("every built-in property reads its own member: each value written by hand from the record")
    func builtInValues() throws {
        // Every entry of properties.json, read here with Foundation's parser, made it in.
        let file = repositoryFolder + "/Sources/CloudTrail/Catalog/properties.json"
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [[String: Any]])
        #expect(PropertyCatalog.builtIn.properties.map(\.name) == entries.map { $0["name"] as? String ?? "?" })
        // Distinct values for every member, so a property pointed at the wrong one shows.
        let text = record("Publish", extra: #"""
            "awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.23","userAgent":"agent/7",
            "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","userName":"alice",
              "accountId":"111122223333","accessKeyId":"AKIAEXAMPLE","invokedBy":"x.amazonaws.com",
              "sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::111122223333:role/R"}}},
            "errorCode":"AccessDenied","errorMessage":"no","recipientAccountId":"444455556666",
            "eventType":"AwsApiCall","eventCategory":"Data","readOnly":false,"managementEvent":true,
            "requestParameters":{"modelId":"m"},"additionalEventData":{"callWithBearerToken":true},
            "requestID":"r1","tlsDetails":{"clientProvidedHostHeader":"sns.eu-west-1.amazonaws.com"}
            """#)
        let values = try #require(propertyValues(text).first)
        // record() writes eventTime 2024-01-01T00:00:00Z: 1,704,067,200 s.
        let expected: [String: PropertyValue] = [
            "EventSource": .text("sns.amazonaws.com"), "EventName": .text("Publish"),
            "UserIdentityArn": .text("arn:aws:iam::111122223333:user/alice"), "UserIdentityType": .text("IAMUser"),
            "ErrorCode": .text("AccessDenied"), "AWSRegion": .text("eu-west-1"), "sourceip": .text("198.51.100.23"),
            "starttime": .integer(1_704_067_200_000), "devicetime": .integer(1_704_067_200_000), "devicetype": .integer(347),
            "username": .text("alice"), "logsourceid": .text("444455556666"), "UserAgent": .text("agent/7"),
            "AccessKeyId": .text("AKIAEXAMPLE"), "AccountId": .text("111122223333"), "RecipientAccountId": .text("444455556666"),
            "EventType": .text("AwsApiCall"), "EventCategory": .text("Data"), "ReadOnly": .text("false"),
            "SessionIssuerArn": .text("arn:aws:iam::111122223333:role/R"), "ModelId": .text("m"), "EventID": .text("id-Publish"),
            "UserName": .text("alice"), "BearerToken": .text("true"), "RequestParameters": .text(#"{"modelId":"m"}"#),
            "SourceIPAddress": .text("198.51.100.23"), "ErrorMessage": .text("no"), "EventVersion": .text("1.08"),
            "ManagementEvent": .text("true"), "InvokedBy": .text("x.amazonaws.com"), "RequestID": .text("r1"),
            "TLSHost": .text("sns.eu-west-1.amazonaws.com"),
        ]
        // qid is a hash of eventSource and eventName (checked with QIDNAME in the AQL tests).
        #expect(Set(PropertyCatalog.builtIn.properties.map(\.name)) == Set(expected.keys).union(["qid"]))
        for (name, value) in expected { #expect(values[name] == value, "\(name)") }
        // Names are found in any case where only one property has them.
        #expect(values["useridentitytype"] == .text("IAMUser") && values["sessionissuerarn"] == .text("arn:aws:iam::111122223333:role/R"))
        if case .integer = values["qid"] {} else { Issue.record("qid is not a number") }

        // username without userName: the last part of the ARN (an AssumedRole's session name).
        let session = try #require(propertyValues(record("Publish", extra: #"""
            "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/R/sess-1"}
            """#)).first)
        #expect(session["username"] == .text("sess-1"))
        #expect(session["UserName"] == .null)
    }

    @Test("finds properties by name in any case")
    func caseInsensitive() {
        #expect(PropertyCatalog.builtIn.property(named: "EVENTNAME")?.name == "EventName")
        #expect(PropertyCatalog.builtIn.property(named: "SourceIP")?.transform == .ipAddress)
        #expect(PropertyCatalog.builtIn.property(named: "nope") == nil)
    }

    struct Value: CustomTestStringConvertible, Sendable {
        var label: String
        var members: String
        var property: String
        var expected: PropertyValue
        var testDescription: String { label }
    }

    @Test("computes transformed properties", arguments: [
        Value(label: "sourceip: IPv4 kept", members: #""sourceIPAddress":"198.51.100.4""#, property: "sourceip", expected: .text("198.51.100.4")),
        Value(label: "sourceip: IPv6 canonical", members: #""sourceIPAddress":"2001:DB8:0:0:1:0:0:1""#, property: "sourceip", expected: .text("2001:db8::1:0:0:1")),
        Value(label: "sourceip: service name is NULL", members: #""sourceIPAddress":"ec2.amazonaws.com""#, property: "sourceip", expected: .null),
        Value(label: "sourceip: AWS Internal is NULL", members: #""sourceIPAddress":"AWS Internal""#, property: "sourceip", expected: .null),
        Value(label: "sourceip: a number is NULL", members: #""sourceIPAddress":1234"#, property: "sourceip", expected: .null),
        Value(label: "sourceip: escaped address decoded first", members: #""sourceIPAddress":"10.0.0.\u0031""#, property: "sourceip", expected: .text("10.0.0.1")),
        Value(label: "SourceIPAddress: raw text", members: #""sourceIPAddress":"AWS Internal""#, property: "SourceIPAddress", expected: .text("AWS Internal")),
        Value(label: "username: userName first", members: #""userIdentity":{"userName":"bob","arn":"arn:aws:iam::1:user/alice"}"#, property: "username", expected: .text("bob")),
        Value(label: "username: ARN tail after the last slash", members: #""userIdentity":{"arn":"arn:aws:sts::1:assumed-role/Admin/session-7"}"#, property: "username", expected: .text("session-7")),
        Value(label: "username: root ARN tail after the last colon", members: #""userIdentity":{"arn":"arn:aws:iam::111122223333:root"}"#, property: "username", expected: .text("root")),
        Value(label: "username: null userName falls back to the ARN", members: #""userIdentity":{"userName":null,"arn":"arn:aws:iam::1:user/carol"}"#, property: "username", expected: .text("carol")),
        Value(label: "username: nothing is NULL", members: #""userIdentity":{"type":"AWSService"}"#, property: "username", expected: .null),
        Value(label: "devicetype is 347", members: "", property: "devicetype", expected: .integer(347)),
        Value(label: "starttime is eventTime in ms", members: "", property: "starttime", expected: .integer(1_704_067_200_000)),
        Value(label: "devicetime is eventTime in ms", members: "", property: "devicetime", expected: .integer(1_704_067_200_000)),
        Value(label: "requestParameters null is NULL", members: #""requestParameters":null"#, property: "RequestParameters", expected: .null),
        Value(label: "errorCode absent is NULL", members: "", property: "ErrorCode", expected: .null),
    ])
    func transformed(_ example: Value) throws {
        let values = try #require(propertyValues(record("Publish", extra: example.members)).first)
        #expect(values[example.property.lowercased()] == example.expected)
    }

    @Test("qid is stable for eventSource + eventName and maps back to the event name")
    func qid() throws {
        let text = record("Publish") + "\n" + record("Publish", second: 1, id: "other") + "\n" + record("Subscribe")
        let rows = propertyValues(text)
        #expect(rows.count == 3)
        guard case .integer(let first)? = rows[0]["qid"], case .integer(let second)? = rows[1]["qid"],
              case .integer(let third)? = rows[2]["qid"] else {
            Issue.record("qid is not an integer")
            return
        }
        #expect(first == second)
        #expect(first != third)
        #expect(first >= 0 && first <= 0x7FFF_FFFF)
        #expect(QIDRegistry.shared.name(of: first) == "Publish")
        #expect(QIDRegistry.shared.name(of: third) == "Subscribe")
    }

    @Test("adds a user property from NAME=JSONPATH")
    func userProperty() throws {
        var catalog = PropertyCatalog.builtIn
        try catalog.addUserProperty("Bucket=requestParameters.bucketName")
        try catalog.addUserProperty(#"Host Header=/"tlsDetails"/"clientProvidedHostHeader""#)
        #expect(catalog.property(named: "bucket")?.paths == [PropertyPath(keys: ["requestParameters", "bucketName"])])
        #expect(catalog.property(named: "host header")?.paths == [PropertyPath(keys: ["tlsDetails", "clientProvidedHostHeader"])])
        // Redefining a user property replaces it.
        try catalog.addUserProperty("Bucket=requestParameters.bucket")
        #expect(catalog.property(named: "Bucket")?.paths == [PropertyPath(keys: ["requestParameters", "bucket"])])
        #expect(catalog.properties.count == PropertyCatalog.builtIn.properties.count + 2)
        let values = try #require(propertyValues(record("PutObject", extra: #""requestParameters":{"bucket":"b1"}"#), catalog: catalog).first)
        #expect(values["bucket"] == .text("b1"))
    }

    @Test("refuses malformed --property arguments and redefinitions of built-ins", arguments: [
        "Bucket", "=requestParameters.bucketName", "Bucket-Name=a.b", "Bucket=", "Bucket=a..b", #"Bucket=/"a"#,
        "EventName=requestParameters.eventName", "eventname=eventName", "sourceip=sourceIPAddress",
    ])
    func userPropertyErrors(_ argument: String) {
        var catalog = PropertyCatalog.builtIn
        #expect(throws: CatalogError.self) { try catalog.addUserProperty(argument) }
        #expect(catalog.properties.count == PropertyCatalog.builtIn.properties.count)
    }

    @Test("suggests the nearest property names for a misspelling")
    func nearest() {
        let catalog = PropertyCatalog.builtIn
        #expect(catalog.nearestNames(to: "EventNme").first == "EventName")
        #expect(catalog.nearestNames(to: "sourcip").first == "sourceip")
        #expect(catalog.nearestNames(to: "devictype", limit: 1) == ["devicetype"])
        // UserName and username are equally near; ties break by name, upper case first.
        #expect(catalog.nearestNames(to: "usrname", limit: 2) == ["UserName", "username"])
        // Ties break by name.
        let tied = PropertyCatalog(properties: ["bc", "ab", "ba"].map { PropertyDefinition(name: $0, paths: [PropertyPath(keys: ["x"])]) })
        #expect(tied.nearestNames(to: "b", limit: 3) == ["ab", "ba", "bc"])
        #expect(catalog.nearestNames(to: "x", limit: 5).count == 5)
    }

    @Test("parses catalog files and rejects broken ones")
    func parseCatalog() throws {
        let good = try PropertyCatalog.parse(Data(#"[{"name":"A","path":"a.b"},{"name":"T","transform":"constant","constant":7}]"#.utf8))
        #expect(good == [PropertyDefinition(name: "A", paths: [PropertyPath(keys: ["a", "b"])]),
                         PropertyDefinition(name: "T", paths: [], transform: .constant, constant: 7)])
        for bad in [#"{"name":"A"}"#, #"[{"path":"a"}]"#, #"[{"name":"A","path":"a..b"}]"#,
                    #"[{"name":"A","path":"a","transform":"upper"}]"#, #"[{"name":"A","transform":"constant"}]"#,
                    #"[{"name":"A"}]"#, #"[{"name":"A","path":"a"},{"name":"A","path":"b"}]"#] {
            #expect(throws: CatalogError.self, "\(bad)") { try PropertyCatalog.parse(Data(bad.utf8)) }
        }
    }
}
