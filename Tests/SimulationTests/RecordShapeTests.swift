import CloudTrail
import Foundation
import Simulation
import Testing

/// Reads a full run (every scenario over a day of background) back through the CloudTrail layer
/// and checks every record against the shape rules of BRIEF §3–4.
@Suite("Record shapes", .serialized)
struct RecordShapeTests {
    /// One run shared by the tests of this suite.
    final class Run: Sendable {
        let summary: SimulationSummary
        let read: ReadBack
        let options: SimulationOptions
        // The folder must outlive the reads; keeping it here keeps it.
        nonisolated(unsafe) let folder: AnyObject

        init() throws {
            let options = SimulationOptions(seed: 7)
            let (folder, summary) = try simulate(ScenarioCatalog.standard.ids, options)
            self.options = options
            self.summary = summary
            self.folder = folder
            self.read = readBack(summary.folder)
        }
    }

    static let run = Result { try Run() }

    static var uuid: Regex<Substring> { #/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/# }
    static var longTermKey: Regex<Substring> { #/AKIA[A-Z2-7]{16}/# }
    static var sessionKey: Regex<Substring> { #/ASIA[A-Z2-7]{16}/# }
    static var account: Regex<Substring> { #/[0-9]{12}/# }
    static var region: Regex<(Substring, Substring?)> { #/[a-z]{2}(-gov)?-[a-z]+-[0-9]/# }
    static var ipv4: Regex<(Substring, Substring, Substring, Substring)> { #/((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/# }
    static var time: Regex<Substring> { #/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/# }
    static var s3Path: Regex<(Substring, Substring, Substring, Substring, Substring, Substring, Substring, Substring, Substring)> { #/AWSLogs/([0-9]{12})/CloudTrail/([a-z0-9-]+)/([0-9]{4})/([0-9]{2})/([0-9]{2})/([0-9]{12})_CloudTrail_([a-z0-9-]+)_([0-9]{8}T[0-9]{4}Z)_[A-Za-z0-9]{16}\.json\.gz/# }

    /// Data events, by hand from BRIEF §3: SNS publishes and SES v2 sends.
    static let dataEvents: Set<String> = ["sns.amazonaws.com Publish", "sns.amazonaws.com PublishBatch", "ses.amazonaws.com SendEmail"]

    /// `readOnly` of the calls that matter to the rules, by hand.
    static let readOnly: [String: Bool] = [
        "Publish": false, "SendEmail": false, "InvokeModel": true, "InvokeModelWithResponseStream": true,
        "Converse": true, "SetSMSAttributes": false, "CreateTopic": false, "CreateEmailIdentity": false,
        "GetEmailIdentity": true, "GetSendQuota": true, "GetAccount": true, "PutAccountDetails": false,
        "PutUseCaseForModelAccess": false, "CreateFoundationModelAgreement": false,
        "PutFoundationModelEntitlement": false, "GetFoundationModelAvailability": true,
        "ListFoundationModelAgreementOffers": true,
    ]

    /// `20260105T0215Z` → epoch milliseconds.
    static func deliveryTime(_ stamp: String) -> Int64? {
        let characters = Array(stamp)
        func part(_ range: Range<Int>) -> String { String(characters[range]) }
        let text = part(0..<4) + "-" + part(4..<6) + "-" + part(6..<8) + "T" + part(9..<11) + ":" + part(11..<13) + ":00Z"
        return EventTime.parse(text)
    }

    @Test("reads back every record with a reconciling report: nothing malformed, untimed or failed")
    func reportReconciles() throws {
        let run = try Self.run.get()
        let report = run.read.report
        #expect(report.reconciles)
        #expect(report.tally.malformed == 0)
        #expect(report.tally.untimed == 0)
        #expect(report.filesFailed == 0)
        #expect(report.issues.isEmpty)
        #expect(report.recordsEvaluated == run.summary.records)
        #expect(report.filesDiscovered == run.summary.fileCount)
        #expect(report.filesWithRecords == run.summary.fileCount)
        #expect(report.bytesDecoded == run.summary.uncompressedBytes)
        #expect(report.bytesRead == run.summary.compressedBytes)
        #expect(report.tally.duplicateEventIDsWithinFiles == 0)
        #expect(run.read.undecodable.isEmpty, "\(run.read.undecodable.prefix(3))")
        #expect(run.read.records.count == run.summary.records)
        // 20 events × 2 accounts × 3 regions × 24 hours, by hand.
        #expect(run.summary.backgroundRecords == 2_880)
        #expect(run.summary.records == 2_880 + ScenarioFacts.all.reduce(0) { $0 + $1.records })
        #expect(Set(run.read.records.map(\.record.eventID)).count == run.read.records.count, "eventIDs are unique")
    }

    @Test("writes eventVersion 1.11, UUID ids, ISO times inside the run, and valid accounts and regions")
    func commonFields() throws {
        let run = try Self.run.get()
        let start = run.options.start
        let end = start + 24 * 3_600_000
        for item in run.read.records {
            let record = item.record
            #expect(record.eventVersion == "1.11")
            #expect(record.eventID.wholeMatch(of: Self.uuid) != nil, "\(record.eventID)")
            if record.eventName == "ConsoleLogin" {
                #expect(record.requestID == nil && record.eventType == "AwsConsoleSignIn")
            } else {
                #expect(record.requestID?.wholeMatch(of: Self.uuid) != nil, "\(record.eventName)")
                #expect(record.eventType == "AwsApiCall")
            }
            #expect(record.eventTime.wholeMatch(of: Self.time) != nil)
            #expect(EventTime.parse(record.eventTime) == item.eventTime)
            #expect(item.eventTime >= start && item.eventTime < end, "\(record.eventTime)")
            #expect(record.recipientAccountId.wholeMatch(of: Self.account) != nil)
            #expect(record.awsRegion.wholeMatch(of: Self.region) != nil, "\(record.awsRegion)")
            #expect(record.eventSource.hasSuffix(".amazonaws.com"))
            #expect(!record.userAgent.isEmpty)
        }
    }

    @Test("files SNS publishes and SES sends as data events and everything else as management events")
    func eventCategories() throws {
        let run = try Self.run.get()
        var seen: Set<String> = []
        for item in run.read.records {
            let record = item.record
            let key = record.eventSource + " " + record.eventName
            if Self.dataEvents.contains(key) {
                #expect(record.eventCategory == "Data" && record.managementEvent == false, "\(key)")
            } else {
                #expect(record.eventCategory == "Management" && record.managementEvent == true, "\(key)")
            }
            if let expected = Self.readOnly[record.eventName] {
                #expect(record.readOnly == expected, "\(key)")
            }
            seen.insert(key)
        }
        for key in ["sns.amazonaws.com Publish", "ses.amazonaws.com SendEmail", "bedrock.amazonaws.com InvokeModel",
                    "bedrock.amazonaws.com Converse", "bedrock.amazonaws.com InvokeModelWithResponseStream"] {
            #expect(seen.contains(key), "\(key) is simulated")
        }
    }

    @Test("writes userIdentity blocks shaped as CloudTrail writes them for each identity type")
    func userIdentities() throws {
        let run = try Self.run.get()
        var types: Set<String> = []
        for item in run.read.records {
            let identity = item.record.userIdentity
            types.insert(identity.type)
            switch identity.type {
            case "IAMUser":
                let account = try #require(identity.accountId)
                let name = try #require(identity.userName)
                #expect(identity.arn == "arn:aws:iam::\(account):user/\(name)")
                #expect(identity.principalId?.wholeMatch(of: #/AIDA[A-Z2-7]{17}/#) != nil)
                if let key = identity.accessKeyId {
                    if key.hasPrefix("AKIA") {
                        #expect(key.wholeMatch(of: Self.longTermKey) != nil)
                        #expect(identity.sessionContext == nil)
                    } else {
                        #expect(key.wholeMatch(of: Self.sessionKey) != nil)
                        #expect(identity.sessionContext?.attributes.mfaAuthenticated == "true", "console session")
                    }
                } else {
                    #expect(item.record.eventName == "ConsoleLogin")
                }
            case "AssumedRole":
                let account = try #require(identity.accountId)
                let arn = try #require(identity.arn)
                let issuer = try #require(identity.sessionContext?.sessionIssuer)
                let role = try #require(issuer.userName)
                #expect(arn.hasPrefix("arn:aws:sts::\(account):assumed-role/\(role)/"))
                let session = String(arn.dropFirst("arn:aws:sts::\(account):assumed-role/\(role)/".count))
                #expect(!session.isEmpty)
                #expect(identity.principalId == (issuer.principalId ?? "") + ":" + session)
                #expect(issuer.principalId?.wholeMatch(of: #/AROA[A-Z2-7]{17}/#) != nil)
                #expect(issuer.type == "Role" && issuer.accountId == account)
                #expect(issuer.arn?.hasPrefix("arn:aws:iam::\(account):role/") == true)
                #expect(issuer.arn?.hasSuffix("/" + role) == true)
                #expect(identity.accessKeyId?.wholeMatch(of: Self.sessionKey) != nil)
                #expect(identity.sessionContext?.attributes.creationDate.wholeMatch(of: Self.time) != nil)
            case "Root":
                let account = try #require(identity.accountId)
                #expect(identity.principalId == account)
                #expect(identity.arn == "arn:aws:iam::\(account):root")
            case "AWSService":
                let service = try #require(identity.invokedBy)
                #expect(service.hasSuffix(".amazonaws.com"))
                #expect(identity.arn == nil && identity.accessKeyId == nil)
                #expect(item.record.sourceIPAddress == service)
            default:
                Issue.record("unexpected userIdentity.type \(identity.type)")
            }
        }
        #expect(types == ["IAMUser", "AssumedRole", "Root", "AWSService"])
    }

    @Test("writes source addresses as IPs, service names or AWS Internal, and TLS hosts that match the call")
    func addressesAndTLS() throws {
        let run = try Self.run.get()
        var sawInternal = false, sawService = false, sawIPv6 = false
        for item in run.read.records {
            let record = item.record
            let address = record.sourceIPAddress
            if address == "AWS Internal" {
                sawInternal = true
                #expect(record.tlsDetails == nil)
            } else if address.hasSuffix(".amazonaws.com") {
                sawService = true
            } else if address.contains(":") {
                sawIPv6 = true
                #expect(HandQuery.sourceIP(address) != nil, "\(address)")
            } else {
                #expect(address.wholeMatch(of: Self.ipv4) != nil, "\(address)")
            }
            if let tls = record.tlsDetails {
                #expect(["TLSv1.2", "TLSv1.3"].contains(tls.tlsVersion))
                #expect(tls.clientProvidedHostHeader.hasSuffix(".amazonaws.com") || tls.clientProvidedHostHeader == "signin.aws.amazon.com")
                if ["InvokeModel", "InvokeModelWithResponseStream", "Converse"].contains(record.eventName) {
                    #expect(record.eventSource == "bedrock.amazonaws.com")
                    #expect(tls.clientProvidedHostHeader == "bedrock-runtime.\(record.awsRegion).amazonaws.com")
                }
            }
        }
        #expect(sawInternal && sawService && sawIPv6)
    }

    @Test("writes request and response elements as the real APIs shape them, and errors with both code and message")
    func apiShapes() throws {
        let run = try Self.run.get()
        for item in run.read.records {
            let record = item.record
            #expect((record.errorCode == nil) == (record.errorMessage == nil), "\(record.eventName)")
            if record.errorCode != nil { #expect(record.responseElements.isNull) }
            switch (record.eventSource, record.eventName) {
            case ("sns.amazonaws.com", "Publish"):
                let parameters = record.requestParameters
                #expect(parameters["message"]?.string == "HIDDEN_DUE_TO_SECURITY_REASONS")
                let toPhone = parameters["phoneNumber"]?.string
                let toTopic = parameters["topicArn"]?.string
                #expect(toPhone == "HIDDEN_DUE_TO_SECURITY_REASONS" || toTopic?.hasPrefix("arn:aws:sns:\(record.awsRegion):") == true)
                #expect(record.responseElements["messageId"]?.string?.wholeMatch(of: Self.uuid) != nil)
                if let toTopic { #expect(record.resources?.first?.ARN == toTopic) }
            case ("ses.amazonaws.com", "SendEmail"):
                let parameters = record.requestParameters
                #expect(parameters["fromEmailAddress"]?.string?.contains("@") == true)
                let recipients = try #require(parameters["destination"]?["toAddresses"]?.array)
                #expect(!recipients.isEmpty && recipients.allSatisfy { $0.string?.contains("@") == true })
                if record.errorCode == nil {
                    #expect(record.responseElements["messageId"]?.string?.hasPrefix("0100019") == true)
                } else {
                    #expect(record.errorCode == "MessageRejected")
                }
            case ("bedrock.amazonaws.com", "InvokeModel"), ("bedrock.amazonaws.com", "InvokeModelWithResponseStream"),
                 ("bedrock.amazonaws.com", "Converse"):
                #expect(record.requestParameters["modelId"]?.string?.isEmpty == false)
                #expect(record.responseElements.isNull)
            case ("sns.amazonaws.com", "SetSMSAttributes"):
                #expect(record.requestParameters["attributes"]?["DefaultSMSType"]?.string == "Promotional")
                #expect(record.responseElements.isNull)
            case ("sns.amazonaws.com", "CreateTopic"):
                #expect(record.requestParameters["name"]?.string == "argus-t1496004-test")
                #expect(record.responseElements["topicArn"]?.string == "arn:aws:sns:\(record.awsRegion):\(record.recipientAccountId):argus-t1496004-test")
            default:
                break
            }
        }
    }

    @Test("delivers files under AWSLogs paths whose account, region and time match their records, shuffled inside")
    func s3Delivery() throws {
        let run = try Self.run.get()
        let files = run.read.report.files
        var shuffledFiles = 0
        var recordsByFile: [Int32: [ReadRecord]] = [:]
        for item in run.read.records { recordsByFile[item.location.fileIndex, default: []].append(item) }
        for (index, records) in recordsByFile {
            let path = files[Int(index)].path
            let relative = String(path.dropFirst(run.summary.folder.count + 1))
            let match = try #require(relative.wholeMatch(of: Self.s3Path), "\(relative)")
            let (account, region, stamp) = (String(match.1), String(match.2), String(match.8))
            #expect(match.6 == match.1 && match.7 == match.2)
            #expect("\(match.3)\(match.4)\(match.5)" == String(stamp.prefix(8)))
            // The stamp is the delivery time: the end of the file's five minutes.
            let delivered = try #require(Self.deliveryTime(stamp))
            for item in records {
                #expect(item.record.recipientAccountId == account)
                #expect(item.record.awsRegion == region)
                #expect(item.eventTime >= delivered - 300_000 && item.eventTime < delivered)
            }
            let times = records.map(\.eventTime)
            if times.count >= 10 && times != times.sorted() { shuffledFiles += 1 }
        }
        #expect(shuffledFiles > 0, "records are shuffled inside files")
        // One line, no whitespace between tokens.
        let first = try #require(run.summary.files.first)
        let bytes = try #require(FileManager.default.contents(atPath: run.summary.folder + "/" + first))
        #expect(bytes.prefix(2) == Data([0x1F, 0x8B]))
    }
}
