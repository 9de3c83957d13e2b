import Foundation
import Glibc
import SkuaTestSupport
import Testing

/// `skua aql` without `--now` reads its input twice (once for the newest event, once for the
/// query). What can be read only once — standard input, a FIFO such as `<(zcat …)` — is copied
/// first; before that, a named FIFO made the second pass wait forever for a writer.
@Suite(.timeLimit(.minutes(1))) struct ReadOnceInputTests {
    /// Three records: the newest at 10:00, one at 09:30 and one at 08:00. LAST 1 HOURS counted
    /// back from the newest, (09:00, 10:00], holds two of them.
    static let lines = [
        #"{"eventVersion":"1.11","eventSource":"sns.amazonaws.com","eventName":"Publish","eventTime":"2026-01-05T10:00:00Z","eventID":"a"}"#,
        #"{"eventVersion":"1.11","eventSource":"sns.amazonaws.com","eventName":"Publish","eventTime":"2026-01-05T09:30:00Z","eventID":"b"}"#,
        #"{"eventVersion":"1.11","eventSource":"sns.amazonaws.com","eventName":"Publish","eventTime":"2026-01-05T08:00:00Z","eventID":"c"}"#,
    ].joined(separator: "\n") + "\n"
    static let query = "SELECT COUNT(*) AS c FROM events LAST 1 HOURS"

    @Test("a FIFO named on the command line is read once and counted under its own name")
    func namedFIFO() throws {
        let folder = TemporaryFolder()
        let source = folder.write("records.jsonl", Self.lines)
        let fifo = folder.path + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A writer that feeds the FIFO once, as `<(cat records.jsonl)` would.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "cat \"$0\" > \"$1\"", source, fifo]
        try writer.run()
        let output = try SkuaBinary.run(["aql", "--quiet", "--format", "json", Self.query, fifo])
        writer.waitUntilExit()
        #expect(output.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.count == 1 && findings.first?["c"] as? Int == 2)
        let header = try #require(document["header"] as? [String: Any])
        #expect(header["now"] as? String == "2026-01-05T10:00:00Z")
        // The ingest report names the FIFO, not the temporary copy.
        let issues = try #require((document["ingest"] as? [String: Any])?["issues"] as? [[String: Any]])
        #expect(issues.allSatisfy { ($0["file"] as? String)?.contains("skua-spool") != true })
        let records = try #require((document["ingest"] as? [String: Any])?["records"] as? [String: Int])
        #expect(records["evaluated"] == 3)
    }

    @Test("standard input is read once too, and gives the same answer")
    func standardInput() throws {
        let output = try SkuaBinary.run(["aql", "--quiet", "--format", "csv", Self.query, "-"], input: Self.lines)
        #expect(output.status == 1)
        #expect(output.standardOutput == "c\r\n2\r\n")
    }
}
