import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// `skua aql` without `--now` reads its input twice (the newest event first): inputs that can
/// be read only once must survive the first pass, and the report names them as the user did.
@Suite struct AQLTwoPassTests {
    static let burst = CloudTrailJSON.burst(count: 201, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish",
                                            caller: .user("mallory"))
    static let query = "SELECT COUNT(*) AS n FROM events LAST 1 HOURS"

    static func count(_ output: SkuaBinary.Output) throws -> Int? {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any],
                                    "\(output.standardError)")
        return ((document["findings"] as? [[String: Any]])?.first?["n"] as? NSNumber)?.intValue
    }

    @Test("a pipe named on the command line (<(cat …) from the shell) is read by both passes")
    func processSubstitution() throws {
        let folder = TemporaryFolder()
        let file = folder.write("events.jsonl", Self.burst.joined(separator: "\n") + "\n")
        // bash hands skua /dev/fd/63, a pipe: whatever the first pass reads is gone for the second.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "exec \"$0\" aql -q --format json \"$1\" <(cat \"$2\")", SkuaBinary.path, Self.query, file]
        let output = folder.path + "/out"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let result = SkuaBinary.Output(status: process.terminationStatus,
                                       standardOutput: try String(contentsOfFile: output, encoding: .utf8), standardError: "")
        // The newest event is 10:03:20; LAST 1 HOURS holds all 201.
        #expect(result.status == 1)
        #expect(try Self.count(result) == 201)
    }

    @Test("standard input read twice: problems are reported against '-', not a temporary copy")
    func standardInputNames() throws {
        // Line 202, column 17: the 'b' after `{"eventSource": `.
        let input = Self.burst.joined(separator: "\n") + "\n{\"eventSource\": broken\n"
        let output = try SkuaBinary.run(["aql", "-q", "--format", "json", Self.query, "-"], input: input)
        #expect(output.status == 4)
        #expect(try Self.count(output) == 201)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let issues = try #require((document["ingest"] as? [String: Any])?["issues"] as? [[String: Any]])
        #expect(issues.count == 1)
        #expect(issues.first?["file"] as? String == "-")
        #expect(issues.first?["kind"] as? String == "malformed")
        #expect((issues.first?["line"] as? NSNumber)?.intValue == 202)
        #expect((issues.first?["column"] as? NSNumber)?.intValue == 17)
        #expect(!output.standardOutput.contains("skua-input-"))
    }
}
