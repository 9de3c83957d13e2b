import CloudTrail
import Foundation
import Glibc
import SkuaTestSupport
import Synchronization
import Testing

/// `skua aql` checks its command line and its query before reading any input.
@Suite struct QueryCheckTests {
    @Test("an unknown property is reported before the first pass opens any input")
    func analyzedBeforeReading() throws {
        let folder = TemporaryFolder()
        let fifo = folder.path + "/events.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        // Without --now and with LAST, aql reads its input twice; the FIFO must be copied before
        // the first pass. A writer knocks on the FIFO until skua ends: a knock that finds a
        // reader means skua opened the input (then it gets records, so skua never hangs).
        let opened = Atomic<Bool>(false), finished = Atomic<Bool>(false)
        let writer = Thread {
            let records = CloudTrailJSON.burst(count: 3, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com", name: "Publish",
                                               caller: .user("mallory")).joined(separator: "\n") + "\n"
            while !finished.load(ordering: .acquiring) {
                let descriptor = open(fifo, O_WRONLY | O_NONBLOCK)
                if descriptor >= 0 {
                    opened.store(true, ordering: .releasing)
                    _ = records.withCString { write(descriptor, $0, strlen($0)) }
                    close(descriptor)
                    return
                }
                usleep(20_000)
            }
        }
        writer.start()
        // 'SELECT COUNT(*) FROM events WHERE ' is 34 characters: the name starts at column 35.
        let output = try SkuaBinary.run(["aql", "-q", "SELECT COUNT(*) FROM events WHERE \"EventSorce\" = 'sns.amazonaws.com' LAST 1 HOURS", fifo])
        finished.store(true, ordering: .releasing)
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("query:1:35: error: unknown property \"EventSorce\"; nearest known: EventSource"))
        let inputWasOpened = opened.load(ordering: .acquiring)
        #expect(!inputWasOpened, "skua opened the input before reporting the query's error")
    }

    @Test("with --file, an argument that is not a path and reads like a query is a usage error that says so")
    func queryBesideFile() throws {
        let folder = TemporaryFolder()
        let file = folder.write("q.aql", "SELECT COUNT(*) FROM events\n")
        folder.write("logs/events.jsonl", CloudTrailJSON.burst(count: 3, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com",
                                                               name: "Publish", caller: .user("mallory")).joined(separator: "\n") + "\n")
        let output = try SkuaBinary.run(["aql", "--file", file, "SELECT 1 FROM events", folder.path + "/logs"])
        #expect(output.status == 2)
        #expect(output.standardError.components(separatedBy: "\n") == [
            "Error: 'SELECT 1 FROM events' is not a file or folder and reads like a query, but with --file every argument is a path: "
                + "give the query either as the first argument or in the --file file, not both",
            "Usage: skua aql [<options>] (<query> | --file <file>) <path> ...",
            "  See 'skua help aql' for more information.",
            "",
        ])
        // A missing path that does not read like a query is still input that could not be used.
        let missing = try SkuaBinary.run(["aql", "-q", "--file", file, folder.path + "/logs", folder.path + "/nowhere"])
        #expect(missing.status == 4)
    }

    struct AliasCase: CustomTestStringConvertible, Sendable {
        var query: String
        var message: String
        var testDescription: String
    }

    // Columns counted by hand: in the first query 'GROUP BY ' ends at column 84, so d is at 85;
    // in the second, 'WHERE ' ends at column 45.
    @Test("a select-list alias where AQL reads properties: said so, with the expression to write instead", arguments: [
        AliasCase(query: "SELECT DATEFORMAT(starttime, 'yyyy-MM-dd') AS d, COUNT(*) AS n FROM events GROUP BY d",
                  message: "query:1:85: error: \"d\" is a select-list alias, not a property: AQL groups by expressions, not by "
                      + "select-list aliases; write the aliased expression instead: DATEFORMAT(starttime, 'yyyy-MM-dd')",
                  testDescription: "GROUP BY an alias"),
        AliasCase(query: "SELECT \"EventName\" AS name FROM events WHERE name = 'Publish'",
                  message: "query:1:46: error: \"name\" is a select-list alias, not a property: WHERE is applied before the select "
                      + "list, so it cannot read its aliases; write the aliased expression instead: \"EventName\"",
                  testDescription: "WHERE on an alias"),
    ])
    func aliasWhereAPropertyIsRead(_ example: AliasCase) throws {
        let folder = TemporaryFolder()
        folder.write("events.jsonl", CloudTrailJSON.burst(count: 3, start: "2026-01-05T10:00:00Z", source: "sns.amazonaws.com",
                                                          name: "Publish", caller: .user("mallory")).joined(separator: "\n") + "\n")
        let output = try SkuaBinary.run(["aql", "-q", example.query, folder.path])
        #expect(output.status == 2)
        #expect(output.standardError.components(separatedBy: "\n").first == example.message)
    }
}
