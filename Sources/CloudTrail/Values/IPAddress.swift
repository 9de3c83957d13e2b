/// The normalized form of CloudTrail's `sourceIPAddress`: QRadar's `sourceip`.
///
/// CloudTrail writes an IP address, a service name (`ec2.amazonaws.com`) or `AWS Internal`.
/// Only an address yields a value: IPv4 in dotted decimal with exactly four parts, each 0–255
/// written without leading zeros (`035.1.2.3` is ambiguous — octal to some parsers — so it is
/// rejected, as Python's `ipaddress` rejects it), and IPv6 in any RFC 4291 text form, returned in
/// RFC 5952 canonical text (lower case, longest zero run compressed, IPv4-mapped tail kept).
/// Zone suffixes (`%eth0`) and brackets are not addresses here.
public enum IPAddress {
    /// The canonical text, or `nil` when `text` is not an IP address.
    public static func canonical(_ text: String) -> String? {
        var copy = text
        return copy.withUTF8 { canonical($0.baseAddress, count: $0.count) }
    }

    /// The canonical text of `count` bytes at `bytes`, or `nil`.
    public static func canonical(_ bytes: UnsafePointer<UInt8>?, count: Int) -> String? {
        guard let bytes, count >= 2, count <= 45 else { return nil }
        let buffer = UnsafeBufferPointer(start: bytes, count: count)
        if buffer.contains(0x3A) {
            guard let groups = parseIPv6(buffer) else { return nil }
            return formatIPv6(groups)
        }
        // An IPv4 address that parses (four parts, 0–255, no leading zeros) is already in its
        // canonical text: return the bytes as they are rather than print the octets again.
        guard parseIPv4(buffer[...]) != nil else { return nil }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Whether `text` is an IPv4 address as `parseIPv4` accepts it, and so already its own
    /// canonical text (checked without allocating: the executor asks per event).
    public static func isCanonicalIPv4(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var parts = 0
        var value = 0
        var digits = 0
        var leadingZero = false
        for byte in text {
            if byte == 0x2E {
                guard digits > 0, !(leadingZero && digits > 1) else { return false }
                parts += 1
                value = 0
                digits = 0
                leadingZero = false
                continue
            }
            let digit = byte &- 0x30
            guard digit < 10 else { return false }
            if digits == 0 && digit == 0 { leadingZero = true }
            value = value * 10 + Int(digit)
            digits += 1
            guard digits <= 3, value <= 255 else { return false }
        }
        guard digits > 0, !(leadingZero && digits > 1) else { return false }
        return parts == 3
    }

    /// The four octets of a dotted-decimal IPv4 address.
    public static func parseIPv4(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8]? {
        var octets: [UInt8] = []
        octets.reserveCapacity(4)
        var value = 0
        var digits = 0
        var leadingZero = false
        for byte in text {
            if byte == 0x2E {
                guard digits > 0, !(leadingZero && digits > 1) else { return nil }
                octets.append(UInt8(value))
                value = 0
                digits = 0
                leadingZero = false
                continue
            }
            let digit = byte &- 0x30
            guard digit < 10 else { return nil }
            if digits == 0 && digit == 0 { leadingZero = true }
            value = value * 10 + Int(digit)
            digits += 1
            guard digits <= 3, value <= 255 else { return nil }
        }
        guard digits > 0, !(leadingZero && digits > 1) else { return nil }
        octets.append(UInt8(value))
        return octets.count == 4 ? octets : nil
    }

    /// The eight 16-bit groups of an IPv6 address.
    public static func parseIPv6(_ text: UnsafeBufferPointer<UInt8>) -> [UInt16]? {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawDoubleColon = false
        var index = 0
        let count = text.count
        if count >= 2 && text[0] == 0x3A && text[1] == 0x3A {
            sawDoubleColon = true
            index = 2
            if index == count { return [UInt16](repeating: 0, count: 8) }
        } else if text[0] == 0x3A {
            return nil
        }
        while index < count {
            // Read one group, or an IPv4 tail.
            var end = index
            while end < count && text[end] != 0x3A { end += 1 }
            let part = text[index..<end]
            if part.isEmpty { return nil }
            if part.contains(0x2E) {
                guard end == count, let octets = parseIPv4(part) else { return nil }
                let high = UInt16(octets[0]) << 8 | UInt16(octets[1])
                let low = UInt16(octets[2]) << 8 | UInt16(octets[3])
                if sawDoubleColon { tail += [high, low] } else { head += [high, low] }
                index = end
                break
            }
            guard part.count <= 4 else { return nil }
            var value: UInt16 = 0
            for byte in part {
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt16(digit)
            }
            if sawDoubleColon { tail.append(value) } else { head.append(value) }
            index = end
            if index < count {
                // At a colon: one separates groups, two (once) stand for zero groups.
                index += 1
                if index < count && text[index] == 0x3A {
                    guard !sawDoubleColon else { return nil }
                    sawDoubleColon = true
                    index += 1
                } else if index == count {
                    return nil
                }
            }
        }
        let total = head.count + tail.count
        if sawDoubleColon {
            guard total <= 7 else { return nil }
            return head + [UInt16](repeating: 0, count: 8 - total) + tail
        }
        return total == 8 ? head : nil
    }

    /// RFC 5952 text of eight groups.
    public static func formatIPv6(_ groups: [UInt16]) -> String {
        // IPv4-mapped (::ffff:a.b.c.d) keeps its dotted tail, as RFC 5952 §5 recommends.
        if groups[0..<5].allSatisfy({ $0 == 0 }) && groups[5] == 0xFFFF {
            return "::ffff:\(groups[6] >> 8).\(groups[6] & 0xFF).\(groups[7] >> 8).\(groups[7] & 0xFF)"
        }
        // Longest run of two or more zero groups (the first of equal runs) becomes "::".
        var bestStart = -1, bestLength = 0
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8 && groups[end] == 0 { end += 1 }
                if end - index > bestLength && end - index >= 2 {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }

    /// Whether the canonical address `address` lies in `cidr` (`10.0.0.0/8`, `2001:db8::/32`,
    /// or a single address); `nil` when `cidr` is malformed.
    public static func contains(cidr: String, address: String) -> Bool? {
        let parts = cidr.split(separator: "/", maxSplits: 1)
        guard let networkText = parts.first, let network = bits(String(networkText)) else { return nil }
        let prefix: Int
        if parts.count == 2 {
            guard let value = Int(parts[1]), value >= 0, value <= network.count * 8 else { return nil }
            prefix = value
        } else {
            prefix = network.count * 8
        }
        guard let candidate = bits(address), candidate.count == network.count else { return false }
        var remaining = prefix
        for index in 0..<network.count where remaining > 0 {
            let take = min(8, remaining)
            let mask: UInt8 = take == 8 ? 0xFF : ~(0xFF >> UInt8(take))
            if network[index] & mask != candidate[index] & mask { return false }
            remaining -= take
        }
        return true
    }

    /// The address as bytes: 4 for IPv4, 16 for IPv6.
    static func bits(_ text: String) -> [UInt8]? {
        var copy = text
        return copy.withUTF8 { buffer -> [UInt8]? in
            guard !buffer.isEmpty else { return nil }
            if buffer.contains(0x3A) {
                guard let groups = parseIPv6(buffer) else { return nil }
                return groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            }
            return parseIPv4(buffer[...])
        }
    }
}
