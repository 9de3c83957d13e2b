import CScanKernels
import Testing

/// The C kernel that finds where a run of plain string text ends, in its SSE2 form and its
/// word-arithmetic form, against a byte loop written from the definition.
@Suite struct ScanKernelTests {
    /// The definition: a quote, a backslash, a control character or a byte of 0x80 and above.
    static func endsRun(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80
    }

    static func expectedRun(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes.prefix(16).firstIndex(where: endsRun) ?? 16)
    }

    /// Where each form says the run ends: its mask's lowest set bit, 16 for none.
    static func runs(_ bytes: [UInt8]) -> (vector: UInt32, portable: UInt32) {
        bytes.withUnsafeBufferPointer { buffer in
            let vector = skua_string_stops16(buffer.baseAddress!)
            let portable = skua_string_stops16_portable(buffer.baseAddress!)
            func end(_ mask: UInt32) -> UInt32 { mask == 0 ? 16 : UInt32(mask.trailingZeroBitCount) }
            return (end(vector), end(portable))
        }
    }

    @Test("every byte value at every position of plain text: a run ends exactly at the bytes that end one")
    func everyByteEverywhere() {
        var mismatches: [String] = []
        for position in 0..<16 {
            for value in 0...255 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 16)
                bytes[position] = UInt8(value)
                let expected: UInt32 = ScanKernelTests.endsRun(UInt8(value)) ? UInt32(position) : 16
                let (vector, portable) = ScanKernelTests.runs(bytes)
                if vector != expected || portable != expected {
                    mismatches.append("byte \(value) at \(position): \(vector), \(portable), expected \(expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("two chosen bytes at every pair of positions: the first stop counts (borrows in the word form must not move it)")
    func pairsOfBytes() {
        // Bytes next to the stops (0x1F, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x81), where a borrow or a
        // near miss would show, the stops themselves, and plain text. A borrow only runs upward,
        // from a byte to the ones after it, so pairs show every way one byte can disturb another.
        let alphabet: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0x81, 0xC3, 0xFF, 0x61]
        var mismatches: [String] = []
        for first in 0..<16 {
            for second in (first + 1)..<16 {
                for a in alphabet {
                    for b in alphabet {
                        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 16)
                        bytes[first] = a
                        bytes[second] = b
                        let expected = ScanKernelTests.expectedRun(bytes)
                        let (vector, portable) = ScanKernelTests.runs(bytes)
                        if vector != expected || portable != expected {
                            mismatches.append("\(a) at \(first), \(b) at \(second): \(vector), \(portable), expected \(expected)")
                        }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
