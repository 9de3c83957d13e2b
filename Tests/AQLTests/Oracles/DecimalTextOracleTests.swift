@testable import AQL
import Foundation
import SkuaTestSupport
import Testing

/// The text of a decimal (`STR`, `CONCAT`, result output) against Java 17's own
/// `Double.toString` over thousands of doubles.
@Suite(.enabled(if: !OracleProcess.skipRequested, "SKUA_SKIP_ORACLES=1: Java Double.toString oracle skipped"))
struct DecimalTextOracleTests {
    static let javaSource = """
        import java.io.*;
        public final class DoubleText {
            public static void main(String[] args) throws IOException {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
                StringBuilder out = new StringBuilder();
                String line;
                while ((line = in.readLine()) != null) {
                    out.append(Double.toString(Double.longBitsToDouble(Long.parseUnsignedLong(line)))).append('\\n');
                }
                System.out.print(out);
            }
        }
        """

    /// Doubles of every magnitude from 10^-12 to 10^16 (where JDK 17 prints the shortest digits;
    /// above, it sometimes prints more, a difference docs/aql.md lists), both signs, the
    /// boundaries of the plain range, and whole numbers.
    static func doubles() -> [Double] {
        var state: UInt64 = 20_260_102
        func next() -> UInt64 {   // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var values: [Double] = [0.001, 0.000999, 1e7, 9_999_999.999, 1e16 - 2, 0.1, 0.2, 0.30000000000000004, 100, 2, -0.0, 0]
        for _ in 0..<6000 {
            let exponent = Double(next() % 28_000) / 1000 - 12   // 10^-12 … 10^16
            let mantissa = 1 + Double(next() >> 11) / Double(1 << 53)
            var value = mantissa * pow(10, exponent)
            if next() % 4 == 0 { value = value.rounded() }
            if next() % 2 == 0 { value = -value }
            if value.magnitude < 1e16 { values.append(value) }
        }
        return values
    }

    @Test("decimals print as Java's Double.toString prints them")
    func matchesJava() throws {
        let folder = TemporaryFolder()
        let source = folder.write("DoubleText.java", Self.javaSource)
        try OracleProcess.run("javac", ["-d", folder.path, source])
        let values = Self.doubles()
        let input = values.map { String($0.bitPattern) }.joined(separator: "\n") + "\n"
        let java = try OracleProcess.run("java", ["-cp", folder.path, "DoubleText"], input: Data(input.utf8))
        let answers = String(decoding: java, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(answers.count == values.count)
        var mismatches = 0
        for (value, answer) in zip(values, answers) where AQLValue.format(value) != answer {
            mismatches += 1
            if mismatches <= 20 { Issue.record("\(value): Java \(answer), Skua \(AQLValue.format(value))") }
        }
        #expect(mismatches == 0)
    }
}
