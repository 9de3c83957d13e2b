import CloudTrail
import Testing

@Suite struct IPAddressTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var canonical: String?
        var testDescription: String { "\(text.debugDescription) → \(canonical ?? "nil")" }
    }

    @Test("IPv4 in dotted decimal is kept; anything ambiguous or out of range is not an address", arguments: [
        Case(text: "1.2.3.4", canonical: "1.2.3.4"),
        Case(text: "0.0.0.0", canonical: "0.0.0.0"),
        Case(text: "255.255.255.255", canonical: "255.255.255.255"),
        Case(text: "10.0.0.10", canonical: "10.0.0.10"),
        Case(text: "035.1.2.3", canonical: nil),
        Case(text: "1.2.3.04", canonical: nil),
        Case(text: "00.1.2.3", canonical: nil),
        Case(text: "256.1.2.3", canonical: nil),
        Case(text: "1.2.3", canonical: nil),
        Case(text: "1.2.3.4.5", canonical: nil),
        Case(text: "1.2.3.", canonical: nil),
        Case(text: ".1.2.3", canonical: nil),
        Case(text: "1..2.3", canonical: nil),
        Case(text: "1.2.3.4 ", canonical: nil),
        Case(text: "1234.1.1.1", canonical: nil),
        Case(text: "-1.2.3.4", canonical: nil),
    ])
    func ipv4(_ example: Case) {
        #expect(IPAddress.canonical(example.text) == example.canonical)
    }

    @Test("service names and AWS Internal are not addresses", arguments: [
        "AWS Internal", "ec2.amazonaws.com", "cloudtrail.amazonaws.com", "localhost", "", "a", "::g",
    ])
    func serviceNames(_ text: String) {
        #expect(IPAddress.canonical(text) == nil)
    }

    @Test("IPv6 comes back in RFC 5952 text", arguments: [
        Case(text: "2001:DB8:0:0:1:0:0:1", canonical: "2001:db8::1:0:0:1"),
        Case(text: "2001:0db8:0000:0000:0000:0000:0000:0001", canonical: "2001:db8::1"),
        Case(text: "2001:db8:0:0:1:0:0:0", canonical: "2001:db8:0:0:1::"),
        Case(text: "1:0:0:2:0:0:0:3", canonical: "1:0:0:2::3"),
        Case(text: "1:2:3:4:5:6:7::", canonical: "1:2:3:4:5:6:7:0"),
        Case(text: "1::2:3:4:5:6:7", canonical: "1:0:2:3:4:5:6:7"),
        Case(text: "::", canonical: "::"),
        Case(text: "1::", canonical: "1::"),
        Case(text: "::1", canonical: "::1"),
        Case(text: "0:0:0:0:0:0:0:0", canonical: "::"),
        Case(text: "::ffff:1.2.3.4", canonical: "::ffff:1.2.3.4"),
        Case(text: "::FFFF:1.2.3.4", canonical: "::ffff:1.2.3.4"),
        Case(text: "0:0:0:0:0:ffff:0102:0304", canonical: "::ffff:1.2.3.4"),
        Case(text: "FE80::ABCD", canonical: "fe80::abcd"),
    ])
    func ipv6(_ example: Case) {
        #expect(IPAddress.canonical(example.text) == example.canonical)
    }

    @Test("malformed IPv6 is rejected", arguments: [
        "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:::2", "12345::", "1:2:3:4:5:6:7:8::",
        "1:2:3:4:5:6:7:8:", ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7", "::ffff:1.2.3", "1.2.3.4::",
        "::ffff:1.2.3.4:5", "fe80::1%eth0", "[::1]", "::ffff:035.1.2.3", "1:2:3:4:5:6:7:1.2.3.4",
    ])
    func ipv6Rejected(_ text: String) {
        #expect(IPAddress.canonical(text) == nil)
    }

    struct Membership: CustomTestStringConvertible, Sendable {
        var cidr: String
        var address: String
        var contains: Bool?
        var testDescription: String { "\(address) in \(cidr)" }
    }

    @Test("tests membership in a CIDR block, and says nil for a malformed block", arguments: [
        Membership(cidr: "10.0.0.0/8", address: "10.255.1.2", contains: true),
        Membership(cidr: "10.0.0.0/8", address: "11.0.0.1", contains: false),
        Membership(cidr: "192.168.4.0/22", address: "192.168.7.255", contains: true),
        Membership(cidr: "192.168.4.0/22", address: "192.168.8.0", contains: false),
        Membership(cidr: "1.2.3.4", address: "1.2.3.4", contains: true),
        Membership(cidr: "1.2.3.4", address: "1.2.3.5", contains: false),
        Membership(cidr: "0.0.0.0/0", address: "203.0.113.9", contains: true),
        Membership(cidr: "2001:db8::/32", address: "2001:db8:ffff::1", contains: true),
        Membership(cidr: "2001:db8::/32", address: "2001:db9::1", contains: false),
        Membership(cidr: "2001:db8::/33", address: "2001:db8:8000::1", contains: false),
        Membership(cidr: "10.0.0.0/8", address: "2001:db8::1", contains: false),
        Membership(cidr: "10.0.0.0/8", address: "AWS Internal", contains: false),
        Membership(cidr: "10.0.0.0/33", address: "10.0.0.1", contains: nil),
        Membership(cidr: "10.0.0.0/-1", address: "10.0.0.1", contains: nil),
        Membership(cidr: "2001:db8::/129", address: "2001:db8::1", contains: nil),
        Membership(cidr: "ten/8", address: "10.0.0.1", contains: nil),
        Membership(cidr: "10.0.0.0/x", address: "10.0.0.1", contains: nil),
    ])
    func cidr(_ example: Membership) {
        #expect(IPAddress.contains(cidr: example.cidr, address: example.address) == example.contains)
    }
}
