@testable import CloudTrail
import Foundation
import Glibc
import SkuaTestSupport
import Testing

/// Plain files read whole are mapped into memory (`FileMapping`) instead of copied; these tests
/// hold that mapping changes nothing a user can see, and that a file truncated under Skua while
/// it is mapped is reported instead of killing the process with SIGBUS.
@Suite struct FileMappingTests {
    /// JSON Lines of `lines` records whose bytes total exactly `size`: the last record's
    /// `userAgent` takes up the difference. With `newline: false` the file ends with the last
    /// record's `}`, so the scanner's look-ahead runs right up to the end of the mapping.
    static func jsonLines(size: Int, lines: Int, newline: Bool) -> [UInt8] {
        var text = ""
        for index in 0..<(lines - 1) {
            text += CloudTrailJSON.record(time: "2026-01-05T10:00:\(String(format: "%02d", index % 60))Z",
                                          source: "ses.amazonaws.com", name: "SendEmail", caller: .user("u\(index)"),
                                          id: "id-\(index)") + "\n"
        }
        func last(_ agent: String) -> String {
            CloudTrailJSON.record(time: "2026-01-05T11:00:00Z", source: "sns.amazonaws.com", name: "Publish",
                                  caller: .user("last"), id: "id-last", userAgent: agent) + (newline ? "\n" : "")
        }
        let fill = size - text.utf8.count - last("").utf8.count
        precondition(fill >= 0, "\(lines) records do not fit in \(size) bytes")
        text += last(String(repeating: "a", count: fill))
        let bytes = Array(text.utf8)
        precondition(bytes.count == size)
        return bytes
    }

    @Test("mapped and copied files give the same records and report, at and around page boundaries",
          arguments: [(65_536, false), (65_536, true), (65_537, false), (69_632, false), (69_631, true), (1 << 20, false)])
    func mappedEqualsCopied(size: Int, newline: Bool) throws {
        let folder = TemporaryFolder()
        let lines = size / 900
        let path = folder.write("trail.jsonl", Self.jsonLines(size: size, lines: lines, newline: newline))
        let mapped = collect([path], options: IngestOptions(workers: 1, mapsFiles: true))
        let copied = collect([path], options: IngestOptions(workers: 1, mapsFiles: false))
        #expect(mapped.records.count == lines)
        #expect(mapped.report.tally.malformed == 0)
        #expect(mapped.records.last?.eventName == "Publish")
        #expect(mapped.records == copied.records)
        #expect(mapped.report == copied.report)
    }

    /// A sink that, on the first record, truncates the file it reads to `cut` bytes, or (with
    /// `rewrite`) overwrites bytes in place from `cut` on, the size unchanged.
    struct TruncatingCollector: RecordSink {
        var inner: RecordCollector
        let path: String
        let cut: Int
        var rewrite: [UInt8]? = nil
        var truncated = false

        mutating func consume(_ record: ScannedRecord) {
            if !truncated {
                truncated = true
                if let rewrite {
                    let descriptor = open(path, O_WRONLY)
                    _ = rewrite.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(cut)) }
                    close(descriptor)
                } else {
                    _ = Glibc.truncate(path, off_t(cut))
                }
            }
            inner.consume(record)
        }
    }

    @Test("a file rewritten in place while it is mapped is reported as changed")
    func rewrittenWhileMapped() throws {
        let folder = TemporaryFolder()
        let bytes = Self.jsonLines(size: 1 << 20, lines: 1_000, newline: true)
        let path = folder.write("rewritten.jsonl", bytes)
        // The same bytes again: only the modification time tells that the file was written.
        let table = ProjectionTable(paths: [])
        let pipeline = IngestPipeline(table: table, options: IngestOptions(workers: 1, mapsFiles: true))
        let outcome = pipeline.run(paths: [path]) {
            TruncatingCollector(inner: RecordCollector(table: table), path: path, cut: 500_000,
                                rewrite: Array(bytes[500_000..<600_000]))
        }
        let report = outcome.report
        #expect(report.tally.evaluated == 1_000)
        #expect(report.files.first?.outcome == .failed)
        let damage = report.issues.first { $0.kind == .damagedFile }
        #expect(damage?.reason.contains("the file changed while it was read") == true)
        // Read again without a writer, the same file is fine.
        let quiet = collect([path], options: IngestOptions(workers: 1, mapsFiles: true))
        #expect(quiet.report.issues.isEmpty)
        #expect(quiet.report.files.first?.outcome == .withRecords)
    }

    @Test("a ZIP archive large enough to be mapped is still reported as a ZIP archive")
    func largeZip() throws {
        let folder = TemporaryFolder()
        let path = folder.write("export.zip", [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0x41, count: 100_000))
        let result = collect([path], options: IngestOptions(workers: 1, mapsFiles: true))
        #expect(result.report.files.first?.outcome == .failed)
        #expect(result.report.issues.first?.reason.hasPrefix("ZIP archive: not read") == true)
    }

    @Test("a file truncated while it is mapped is reported as damaged, the records before the cut kept, no SIGBUS")
    func truncatedWhileMapped() throws {
        let folder = TemporaryFolder()
        let size = 1 << 20
        let bytes = Self.jsonLines(size: size, lines: 1_000, newline: true)
        let path = folder.write("shrinking.jsonl", bytes)
        // Cut on a page boundary, so the pages before the cut keep their bytes.
        let cut = 16_384
        let completeBeforeCut = bytes[0..<cut].filter { $0 == 0x0A }.count

        let table = ProjectionTable(paths: [])
        let pipeline = IngestPipeline(table: table, options: IngestOptions(workers: 1, mapsFiles: true))
        let outcome = pipeline.run(paths: [path]) {
            TruncatingCollector(inner: RecordCollector(table: table), path: path, cut: cut)
        }
        let report = outcome.report
        #expect(outcome.sinks.allSatisfy { $0.truncated })
        #expect(outcome.sinks.flatMap(\.inner.seen).count == completeBeforeCut)
        #expect(report.tally.evaluated == completeBeforeCut)
        #expect(report.files.first?.outcome == .failed)
        let damage = report.issues.first { $0.kind == .damagedFile }
        #expect(damage?.offset == Int64(cut))
        #expect(damage?.reason.contains("shrank while it was read") == true)
        #expect(damage?.reason.contains("\(size) bytes when opened, \(cut) now; its bytes from \(cut) on were not there") == true)
        #expect(report.unusableInput > 0)
        #expect(report.reconciles)
    }

    @Test("a fault outside any mapping is not swallowed by the guard")
    func foreignFaultStillCrashes() throws {
        // The guard is installed by the first mapping. A child process then touches a page past
        // the end of a file it mapped itself (not through the guard): it must die of SIGBUS.
        let folder = TemporaryFolder()
        let path = folder.write("small.jsonl", Self.jsonLines(size: 65_536, lines: 10, newline: true))
        _ = collect([path], options: IngestOptions(workers: 1, mapsFiles: true))
        let descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let child = fork()
        if child == 0 {
            // Quiet: the Swift runtime's crash report would land in the test log.
            let null = open("/dev/null", O_WRONLY)
            dup2(null, 2)
            dup2(null, 1)
            // Two pages mapped over a one-page file: the second page has no file behind it.
            let base = mmap(nil, 2 * 65_536, PROT_READ, MAP_PRIVATE, descriptor, 0)!
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let beyond = base.advanced(by: max(65_536, page)).assumingMemoryBound(to: UInt8.self)
            _exit(Int32(beyond.pointee))   // SIGBUS here
        }
        var status: Int32 = 0
        waitpid(child, &status, 0)
        let signalled = (status & 0x7F) != 0 && (status & 0x7F) != 0x7F
        #expect(signalled && (status & 0x7F) == SIGBUS)
    }
}
