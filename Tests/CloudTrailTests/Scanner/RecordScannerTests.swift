@testable import CloudTrail
import Testing

@Suite struct RecordScannerTests {
    @Test("returns one past the closing brace and the byte range of each projected value")
    func designExample() {
        // Offsets counted by hand: "eventName" value body 14..<21, userIdentity object at 38,
        // arn body 63..<84, 97 bytes in all.
        let text = #"{"eventName":"Publish","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"},"x":[1,2]}"#
        let scan = CandidateScan(text, paths: ["userIdentity.arn"])
        #expect(scan.result == 97)
        #expect(scan.slot("eventName").kind == .string)
        #expect(scan.slot("eventName").start == 14 && scan.slot("eventName").end == 21)
        #expect(scan.slot("userIdentity.arn").start == 63 && scan.slot("userIdentity.arn").end == 84)
        #expect(scan.text("userIdentity.arn") == "arn:aws:iam::1:user/a")
        #expect(scan.slot("eventSource").kind == .absent)
    }

    @Test("extracts only the fields asked for, plus the fields that decide what a record is")
    func projectionOnly() {
        let table = ProjectionTable(paths: [PropertyPath(keys: ["awsRegion"]), PropertyPath(keys: ["userIdentity", "arn"]),
                                            PropertyPath(keys: ["eventName"])])
        let expected: Set<[String]> = [["eventSource"], ["eventName"], ["eventTime"], ["eventVersion"], ["eventType"],
                                        ["eventID"], ["digestStartTime"], ["awsRegion"], ["userIdentity", "arn"]]
        #expect(Set(table.paths.map(\.keys)) == expected)
        #expect(table.slotCount == 9)
        #expect(table.slot(for: PropertyPath(keys: ["userAgent"])) == nil)
        #expect(table.slot(for: PropertyPath(keys: ["userIdentity"])) == nil)

        let scan = CandidateScan(#"{"awsRegion":"eu-west-1","userAgent":"x","userIdentity":{"arn":"a","type":"t"}}"#,
                                 paths: ["awsRegion", "userIdentity.arn"])
        #expect(scan.text("awsRegion") == "eu-west-1")
        #expect(scan.text("userIdentity.arn") == "a")
        #expect(scan.text("userAgent") == nil)
    }

    @Test("notes escapes without decoding them; the text is decoded on request")
    func escapesDeferred() {
        let text = #"{"userAgent":"a\"b\\c\/d\n\u00e9\ud83d\ude00","awsRegion":"plain","errorCode":"x\u0041\tdone"}"#
        let scan = CandidateScan(text, paths: ["userAgent", "awsRegion"])
        #expect(scan.slot("userAgent").hasEscapes)
        #expect(!scan.slot("awsRegion").hasEscapes)
        #expect(scan.text("userAgent") == "a\"b\\c/d\n\u{e9}\u{1F600}")
        #expect(scan.text("awsRegion") == "plain")
        // Unprojected, so never decoded: its slot does not exist.
        #expect(scan.table.slot(for: PropertyPath(keys: ["errorCode"])) == nil)
    }

    @Test("matches a key written with escapes, at the root and below it")
    func escapedKeys() {
        let text = #"{"\u0065ventName":"Publish","userIdentity":{"\u0061rn":"arn:x","type":"t"},"event\u0053ource":"s"}"#
        let scan = CandidateScan(text, paths: ["userIdentity.arn"])
        #expect(scan.text("eventName") == "Publish")
        #expect(scan.text("eventSource") == "s")
        #expect(scan.text("userIdentity.arn") == "arn:x")
    }

    @Test("escaped keys that only look alike do not match")
    func escapedKeysThatDiffer() {
        let scan = CandidateScan(#"{"eventName\u0000":"a","event\/Name":"b","EventName":"c"}"#)
        #expect(scan.slot("eventName").kind == .absent)
    }

    @Test("long keys match on every byte: a difference past the first eight, in a middle word or in the last byte, is another key",
          arguments: [
              "sourceIPAddresz",            // 15 bytes: last byte
              "sourceXPAddress",            // 15 bytes: inside the overlapping last word only
              "recipientAccountIx",         // 18 bytes: last byte
              "recipientXccountId",         // 18 bytes: second word
              "additionalEventDataX",       // one byte longer
          ])
    func longKeysThatDiffer(key: String) {
        let paths = ["sourceIPAddress", "recipientAccountId", "additionalEventData.callWithBearerToken"]
        let exact = CandidateScan(#"{"sourceIPAddress":"a","recipientAccountId":"b","additionalEventData":{"callWithBearerToken":true}}"#,
                                  paths: paths)
        #expect(exact.text("sourceIPAddress") == "a")
        #expect(exact.text("recipientAccountId") == "b")
        #expect(exact.text("additionalEventData.callWithBearerToken") == "true")

        let near = CandidateScan("{\"\(key)\":\"x\",\"additionalEventDatb\":{\"callWithBearerToken\":true}}", paths: paths)
        for path in paths { #expect(near.slot(path).kind == .absent, "\(key) must not fill \(path)") }
    }

    struct Drift: CustomTestStringConvertible, Sendable {
        var members: String
        var path: String
        var kind: FieldKind
        var text: String?
        var testDescription: String { members }
    }

    @Test("keeps each value's own type; non-strings read as their JSON text", arguments: [
        Drift(members: #""readOnly":true"#, path: "readOnly", kind: .boolean, text: "true"),
        Drift(members: #""readOnly":"true""#, path: "readOnly", kind: .string, text: "true"),
        Drift(members: #""readOnly":false"#, path: "readOnly", kind: .boolean, text: "false"),
        Drift(members: #""requestParameters":null"#, path: "requestParameters", kind: .null, text: nil),
        Drift(members: #""requestParameters":{"bucketName": "b", "key":[1, 2]}"#, path: "requestParameters", kind: .object,
              text: #"{"bucketName": "b", "key":[1, 2]}"#),
        Drift(members: #""resources":[{"ARN":"a"}]"#, path: "resources", kind: .array, text: #"[{"ARN":"a"}]"#),
        Drift(members: #""eventName":12345"#, path: "eventName", kind: .number, text: "12345"),
        Drift(members: #""eventName":-1.5e+3"#, path: "eventName", kind: .number, text: "-1.5e+3"),
        Drift(members: #""userIdentity":"arn:aws:iam::1:root""#, path: "userIdentity.arn", kind: .absent, text: nil),
        Drift(members: #""userIdentity":null"#, path: "userIdentity.arn", kind: .absent, text: nil),
        Drift(members: #""userIdentity":[{"arn":"a"}]"#, path: "userIdentity.arn", kind: .absent, text: nil),
    ])
    func typeDrift(_ example: Drift) {
        let scan = CandidateScan("{" + example.members + "}", paths: [example.path])
        #expect(scan.result == example.members.utf8.count + 2)
        #expect(scan.slot(example.path).kind == example.kind)
        #expect(scan.text(example.path) == example.text)
    }

    @Test("the last of duplicate keys wins, for values and for whole objects")
    func duplicateKeys() {
        let scan = CandidateScan(#"""
            {"eventName":"First","userIdentity":{"arn":"arn:first","type":"IAMUser"},"eventName":"Second",
             "userIdentity":{"type":"Root"},"awsRegion":"a","awsRegion":null}
            """#, paths: ["userIdentity.arn", "userIdentity.type", "awsRegion"])
        #expect(scan.text("eventName") == "Second")
        #expect(scan.slot("userIdentity.arn").kind == .absent)
        #expect(scan.text("userIdentity.type") == "Root")
        #expect(scan.slot("awsRegion").kind == .null)
    }

    @Test("a repeated object key also forgets values below it when the second value is not an object")
    func duplicateObjectKeyReplacedByScalar() {
        let scan = CandidateScan(#"{"userIdentity":{"arn":"a"},"userIdentity":"flat"}"#, paths: ["userIdentity.arn"])
        #expect(scan.slot("userIdentity.arn").kind == .absent)
    }

    @Test("stops at a wrapper key whose value is an array, without reading the array")
    func wrapper() {
        #expect(CandidateScan(#"{"Records":[{"eventName":"#, isFinal: false).result == RecordScanner.wrapper)
        #expect(CandidateScan(#"{"meta":1,"Events":["#, isFinal: false).result == RecordScanner.wrapper)
        #expect(CandidateScan(#"{"logEvents" : [ ]}"#).result == RecordScanner.wrapper)
        // Not an array: an ordinary key.
        #expect(CandidateScan(#"{"Records":"none"}"#).result == 18)
    }

    @Test("asks for more input when the buffer ends inside a value that may go on", arguments: [
        #"{"a":"abc"#, #"{"a":12"#, #"{"a":nu"#, #"{"a":"\u12"#, #"{"a":"x\"#, #"{"a""#, "{", #"{"a":[1,"#, #"{"a":-"#,
    ])
    func needsMore(_ text: String) {
        let scan = CandidateScan(text, isFinal: false)
        #expect(scan.result == RecordScanner.needMore)
        let final = CandidateScan(text, isFinal: true)
        #expect(final.result == RecordScanner.failed)
    }

    struct Broken: CustomTestStringConvertible, Sendable {
        var text: String
        var position: Int
        var reason: ScanFailure.Reason
        var testDescription: String { text }
    }

    @Test("fails with the position and reason of the first broken byte", arguments: [
        Broken(text: #"{"a":1.}"#, position: 7, reason: .invalidNumber),
        Broken(text: #"{"a":-}"#, position: 6, reason: .invalidNumber),
        Broken(text: #"{"a":1e}"#, position: 7, reason: .invalidNumber),
        Broken(text: #"{"a":01}"#, position: 6, reason: .invalidNumber),
        Broken(text: #"{"a":-01}"#, position: 7, reason: .invalidNumber),
        Broken(text: #"{"a":+1}"#, position: 5, reason: .unexpectedByte(0x2B, expected: "a JSON value")),
        Broken(text: #"{"a":tru}"#, position: 5, reason: .invalidLiteral),
        Broken(text: #"{"a":nulL}"#, position: 5, reason: .invalidLiteral),
        Broken(text: #"{"a":"\x"}"#, position: 6, reason: .invalidEscape),
        Broken(text: #"{"a":"\u12G4"}"#, position: 6, reason: .invalidEscape),
        Broken(text: "{\"a\":\"line\nbreak\"}", position: 10, reason: .controlCharacterInString(0x0A)),
        Broken(text: "{\"a\":\"tab\there\"}", position: 9, reason: .controlCharacterInString(0x09)),
        Broken(text: #"{"a" 1}"#, position: 5, reason: .unexpectedByte(0x31, expected: "':'")),
        Broken(text: #"{"a":1,}"#, position: 7, reason: .unexpectedByte(0x7D, expected: "a key string")),
        Broken(text: #"{"a":1 "b":2}"#, position: 7, reason: .unexpectedByte(0x22, expected: "',' or '}'")),
        Broken(text: #"{a:1}"#, position: 1, reason: .unexpectedByte(0x61, expected: "a key string")),
        Broken(text: #"{"a":[1,]}"#, position: 8, reason: .unexpectedByte(0x5D, expected: "a JSON value")),
        Broken(text: #"{"a":[1 2]}"#, position: 8, reason: .unexpectedByte(0x32, expected: "',' or ']'")),
        Broken(text: #"{"a":"x"#, position: 7, reason: .unexpectedEnd),
    ])
    func failures(_ example: Broken) {
        let scan = CandidateScan(example.text)
        #expect(scan.result == RecordScanner.failed)
        #expect(scan.failure?.position == example.position)
        #expect(scan.failure?.reason == example.reason)
    }

    @Test("caps nesting depth with its own failure instead of exhausting the stack")
    func nestingCap() {
        let shallow = "{\"a\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        #expect(CandidateScan(shallow).result == shallow.utf8.count)
        let deep = "{\"a\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let scan = CandidateScan(deep)
        #expect(scan.result == RecordScanner.failed)
        #expect(scan.failure?.reason == .nestingTooDeep(limit: RecordScanner.maxDepth))
        let objects = String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        #expect(CandidateScan(objects).failure?.reason == .nestingTooDeep(limit: RecordScanner.maxDepth))
    }

    @Test("takes raw bytes that are not UTF-8 inside strings and decodes them as U+FFFD")
    func invalidUTF8() {
        let bytes = Array(#"{"eventName":"a"#.utf8) + [0xFF, 0xC3] + Array(#"b"}"#.utf8)
        let scan = CandidateScan(bytes: bytes)
        #expect(scan.result == bytes.count)
        #expect(scan.text("eventName") == "a\u{FFFD}\u{FFFD}b")
    }

    @Test("a long string is scanned across its eight-byte steps, whatever its length")
    func stringLengths() {
        for length in 0..<40 {
            let body = String(repeating: "x", count: length)
            let scan = CandidateScan(#"{"eventName":""# + body + #""}"#)
            #expect(scan.text("eventName") == body, "length \(length)")
            let escaped = CandidateScan(#"{"eventName":""# + body + #"\"""# + "}")
            #expect(escaped.text("eventName") == body + "\"", "length \(length)")
        }
    }
}
