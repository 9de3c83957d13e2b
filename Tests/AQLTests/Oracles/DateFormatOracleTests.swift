import AQL
import Foundation
import SkuaTestSupport
import Testing

/// DATEFORMAT against Java 17's own SimpleDateFormat (Locale.US, UTC) over thousands of
/// instants after 1900 and every supported pattern letter.
@Suite(.enabled(if: !OracleProcess.skipRequested, "SKUA_SKIP_ORACLES=1: Java DATEFORMAT oracle skipped"))
struct DateFormatOracleTests {
    @Test("every instant and pattern formats as Java formats it")
    func matchesJava() throws {
        let folder = TemporaryFolder()
        try OracleProcess.run("javac", ["-d", folder.path, OracleProcess.dateFormatFolder + "/DateFormatOracle.java"])
        let cases = try OracleProcess.run("python3", [OracleProcess.dateFormatFolder + "/make_cases.py"])
        let java = try OracleProcess.run("java", ["-cp", folder.path, "DateFormatOracle"], input: cases)
        let inputs = String(decoding: cases, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let outputs = String(decoding: java, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(inputs.filter { !$0.isEmpty }.count >= 10_000)
        var compiled: [String: SimpleDateFormat?] = [:]
        var mismatches = 0
        for (line, answer) in zip(inputs, outputs) where !line.isEmpty {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let millis = try #require(Int64(parts[0]))
            let pattern = parts.count > 1 ? String(parts[1]) : ""
            if compiled[pattern] == nil { compiled[pattern] = .some(try? SimpleDateFormat(pattern)) }
            let format = compiled[pattern]!
            if answer.hasPrefix("!ERROR") {
                if format != nil { mismatches += 1 }
                #expect(format == nil, "Java rejects '\(pattern)', Skua accepts it")
                continue
            }
            let ours = format?.format(millis)
            if ours != String(answer) {
                mismatches += 1
                if mismatches <= 20 { Issue.record("\(millis) '\(pattern)': Java \(answer), Skua \(ours ?? "rejected")") }
            }
        }
        #expect(mismatches == 0)
    }
}
