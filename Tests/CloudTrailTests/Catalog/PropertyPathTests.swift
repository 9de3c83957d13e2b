import CloudTrail
import Testing

@Suite struct PropertyPathTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var keys: [String]?
        var testDescription: String { text.debugDescription }
    }

    @Test("parses the dotted and the QRadar /\"a\"/\"b\" spellings", arguments: [
        Case(text: "eventName", keys: ["eventName"]),
        Case(text: "userIdentity.sessionContext.sessionIssuer.arn", keys: ["userIdentity", "sessionContext", "sessionIssuer", "arn"]),
        Case(text: " userIdentity.arn ", keys: ["userIdentity", "arn"]),
        Case(text: #"/"userIdentity"/"arn""#, keys: ["userIdentity", "arn"]),
        Case(text: #"/"aws.cloudtrail"/"eventName""#, keys: ["aws.cloudtrail", "eventName"]),
        Case(text: #"/"say \"hi\""/"x""#, keys: [#"say "hi""#, "x"]),
        Case(text: #"/"a""#, keys: ["a"]),
    ])
    func parses(_ example: Case) {
        #expect(PropertyPath(parsing: example.text)?.keys == example.keys)
    }

    @Test("rejects empty keys, stray slashes and unterminated quotes", arguments: [
        "", "   ", ".", "a.", ".a", "a..b", "/", #"/"a"/"#, #"/"a"#, #"/"""#, "/a", #"/"a"x"#, #"/"a"//"b""#,
    ])
    func rejects(_ text: String) {
        #expect(PropertyPath(parsing: text) == nil)
    }

    @Test("prints the dotted spelling")
    func description() {
        #expect(PropertyPath(parsing: #"/"userIdentity"/"arn""#)?.description == "userIdentity.arn")
    }
}
