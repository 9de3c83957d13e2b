import CloudTrail
import Foundation
import Glibc
import SkuaTestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct InputDiscoveryTests {
    @Test("walks folders recursively and lists files sorted by path bytes")
    func sortedWalk() {
        let folder = TemporaryFolder()
        folder.write("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/b.json", record("B"))
        folder.write("AWSLogs/o-abc/111122223333/CloudTrail/eu-west-1/2024/01/01/a.json", record("A"))
        folder.write("B.json", record("C"))
        folder.write("a.json", record("D"))
        let (files, notices) = InputDiscovery.discover([folder.path])
        #expect(notices.isEmpty)
        #expect(files.map { String($0.path.dropFirst(folder.path.count + 1)) } == [
            "AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/b.json",
            "AWSLogs/o-abc/111122223333/CloudTrail/eu-west-1/2024/01/01/a.json",
            "B.json", "a.json",
        ])
        #expect(files.allSatisfy { $0.kind == .readable })
        #expect(files[2].size == Int64(record("C").utf8.count))
        let run = ingest(folder: folder, paths: [folder.path])
        #expect(run.names == ["B", "A", "C", "D"])
    }

    @Test("a symbolic link back to a folder on the walk is noted and not entered")
    func directoryLoop() throws {
        let folder = TemporaryFolder()
        folder.write("logs/sub/r.json", record("A"))
        #expect(symlink(folder.path + "/logs", folder.path + "/logs/sub/loop") == 0)
        #expect(symlink("..", folder.path + "/logs/sub/up") == 0)
        let run = ingest(folder: folder, paths: [folder.path + "/logs"])
        #expect(run.names == ["A"])
        #expect(run.report.filesDiscovered == 1)
        let notices = run.issues(.notice)
        #expect(Set(notices.map(\.file)) == [folder.path + "/logs/sub/loop", folder.path + "/logs/sub/up"])
        #expect(notices.allSatisfy { $0.reason.contains("loop") })
    }

    @Test("a dangling symbolic link is an unreadable input, inside a folder or named")
    func danglingLink() {
        let folder = TemporaryFolder()
        folder.write("r.json", record("A"))
        #expect(symlink(folder.path + "/missing.json", folder.path + "/gone.json") == 0)
        let run = ingest(folder: folder, paths: [folder.path])
        #expect(run.names == ["A"])
        #expect(run.report.filesFailed == 1)
        let issue = run.issues(.unreadableFile).first
        #expect(issue?.file == folder.path + "/gone.json")
        #expect(issue?.reason == "dangling symbolic link")

        let named = ingest(folder: folder, paths: [folder.path + "/gone.json"])
        #expect(named.issues(.unreadableFile).first?.reason == "dangling symbolic link")
        let absent = ingest(folder: folder, paths: [folder.path + "/never-there.json"])
        #expect(absent.issues(.unreadableFile).first?.reason == "no such file or folder")
        #expect(absent.report.filesFailed == 1)
    }

    @Test("a FIFO inside a folder is listed as unreadable and never opened")
    func fifoInFolder() {
        let folder = TemporaryFolder()
        folder.write("r.json", record("A"))
        #expect(mkfifo(folder.path + "/pipe", 0o644) == 0)
        let run = ingest(folder: folder, paths: [folder.path])
        #expect(run.names == ["A"])
        #expect(run.report.filesFailed == 1)
        #expect(run.issues(.unreadableFile).first?.file == folder.path + "/pipe")
        #expect(run.issues(.unreadableFile).first?.reason.contains("FIFO") == true)
    }

    @Test("a FIFO named on the command line is read, as process substitution delivers it")
    func namedFifo() throws {
        let folder = TemporaryFolder()
        let pipe = folder.path + "/pipe"
        #expect(mkfifo(pipe, 0o644) == 0)
        let text = Envelope.s3([record("A"), record("B")])
        let writer = Thread {
            let descriptor = open(pipe, O_WRONLY)
            guard descriptor >= 0 else { return }
            _ = text.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress!, $0.count - 1) }
            close(descriptor)
        }
        writer.start()
        let (records, report) = collect([pipe], options: IngestOptions(workers: 1))
        checkAccount(report, records: records)
        #expect(records.map(\.eventName) == ["A", "B"])
        #expect(report.filesWithRecords == 1)
    }

    @Test("the same file reached twice is read once", arguments: ["twice", "folder and file", "link"])
    func sameFileTwice(_ how: String) {
        let folder = TemporaryFolder()
        let path = folder.write("r.json", record("A"))
        let paths: [String]
        switch how {
        case "twice": paths = [path, path]
        case "folder and file": paths = [folder.path, path]
        default:
            #expect(symlink(path, folder.path + "/alias.json") == 0)
            paths = [folder.path]
        }
        let run = ingest(folder: folder, paths: paths)
        #expect(run.names == ["A"])
        #expect(run.report.filesDiscovered == 1)
        #expect(run.issues(.notice).count == 1)
        #expect(run.issues(.notice).first?.reason.contains("same file") == true)
    }

    @Test("an empty file, a whitespace file, a file of NUL bytes and a ZIP are accounted for")
    func oddFiles() {
        let run = ingest([
            ("empty.json", []),
            ("blank.json", Array(" \n\t\r\n".utf8)),
            ("nul.json", [UInt8](repeating: 0, count: 4096)),
            ("archive.zip", [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 30)),
            ("text.txt", Array("hello".utf8)),
            ("utf16.json", [0xFF, 0xFE, 0x7B, 0x00]),
        ])
        #expect(run.records.isEmpty)
        #expect(run.report.filesDiscovered == 6)
        #expect(run.report.filesWithoutEvents == 2)
        #expect(run.report.filesFailed == 4)
        let reasons = Dictionary(uniqueKeysWithValues: run.issues(.unreadableFile).map { (String($0.file.split(separator: "/").last!), $0.reason) })
        #expect(reasons["nul.json"] == "not JSON (binary data)")
        #expect(reasons["archive.zip"]?.hasPrefix("ZIP archive") == true)
        #expect(reasons["text.txt"] == "not JSON (text starting with 'h')")
        #expect(reasons["utf16.json"] == "not JSON (binary data)")
        #expect(run.report.files.first { $0.path.hasSuffix("empty.json") }?.note == "empty file")
    }

    @Test("a CloudTrail-Digest path is recognized anywhere in the path")
    func digestPath() {
        #expect(InputDiscovery.isDigestPath("AWSLogs/1/CloudTrail-Digest/us-east-1/2024/01/01/x.json.gz"))
        #expect(InputDiscovery.isDigestPath("/tmp/CloudTrail-Digest/x"))
        #expect(!InputDiscovery.isDigestPath("AWSLogs/1/CloudTrail/us-east-1/2024/01/01/x.json.gz"))
        #expect(!InputDiscovery.isDigestPath("/tmp/CloudTrail-Digest-old/x"))
        #expect(!InputDiscovery.isDigestPath("/tmp/my-CloudTrail-Digest.json"))
    }
}

@Suite(.timeLimit(.minutes(1))) struct FolderLinkTests {
    @Test("folders linked to each other every way are each walked once")
    func interlinkedFolders() {
        let folder = TemporaryFolder()
        let count = 12
        for index in 0..<count { folder.write("d\(index)/r\(index).json", record("E\(index)")) }
        for index in 0..<count {
            for other in 0..<count where other != index {
                #expect(symlink("../d\(other)", folder.path + "/d\(index)/to\(other)") == 0)
            }
        }
        // Walking each path through the links would take 11! walks of d0 alone: the suite's time
        // limit turns that into a failure instead of a hang (no speed is asserted).
        let (files, _) = InputDiscovery.discover([folder.path])
        #expect(files.count == count)
        // Depth first, so most files are first reached through a link (d0/to1/r1.json): each
        // once, under the first path that reached it.
        #expect(Set(files.map { $0.path.split(separator: "/").last! }) == Set((0..<count).map { "r\($0).json" }))
    }
}
