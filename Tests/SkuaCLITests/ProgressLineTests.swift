@testable import skua
import Testing

/// The progress line's text, as a pure function of the counters and the time taken.
@Suite struct ProgressLineTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var filesDone: Int
        var totalFiles: Int
        var bytesDone: Int64
        var totalBytes: Int64
        var elapsed: Double
        var expected: String
        var testDescription: String
    }

    @Test("files done/total, megabytes, MB/s and ETA", arguments: [
        // 12.5 MB in 2 s is 6.25 MB/s, shown as 6; the other 37.5 MB take 37.5 / 6.25 = 6 s.
        Case(filesDone: 3, totalFiles: 10, bytesDone: 12_500_000, totalBytes: 50_000_000, elapsed: 2,
             expected: "files 3/10 · 12.5 MB of 50.0 MB · 6 MB/s (on disk) · ETA 0:06",
             testDescription: "part way: total, rate and ETA"),
        // 1 MB/s with 999 MB to go: 999 s = 16 min 39 s.
        Case(filesDone: 1, totalFiles: 200, bytesDone: 1_000_000, totalBytes: 1_000_000_000, elapsed: 1,
             expected: "files 1/200 · 1.0 MB of 1,000.0 MB · 1 MB/s (on disk) · ETA 16:39",
             testDescription: "ETA over a minute: minutes and two-digit seconds"),
        // 7.2 MB in 3 s is 2.4 MB/s (shown as 2); 2.4 MB to go take 1 s.
        Case(filesDone: 9, totalFiles: 10, bytesDone: 7_200_000, totalBytes: 9_600_000, elapsed: 3,
             expected: "files 9/10 · 7.2 MB of 9.6 MB · 2 MB/s (on disk) · ETA 0:01",
             testDescription: "almost done"),
        // Standard input has no known size: no total, no ETA, and its bytes are not on a disk.
        // 3 MB in 1.5 s is 2 MB/s.
        Case(filesDone: 0, totalFiles: 1, bytesDone: 3_000_000, totalBytes: 0, elapsed: 1.5,
             expected: "files 0/1 · 3.0 MB · 2 MB/s",
             testDescription: "unknown total size (standard input)"),
        // 1 MB/s with 59.999 GB to go: 59,999 s = 16 h 39 min 59 s, not "999:59".
        Case(filesDone: 1, totalFiles: 9_000, bytesDone: 1_000_000, totalBytes: 60_000_000_000, elapsed: 1,
             expected: "files 1/9,000 · 1.0 MB of 60,000.0 MB · 1 MB/s (on disk) · ETA 16:39:59",
             testDescription: "ETA over an hour: hours, minutes and seconds"),
        // 3,600 s exactly is an hour: 1:00:00.
        Case(filesDone: 0, totalFiles: 2, bytesDone: 1_000_000, totalBytes: 3_601_000_000, elapsed: 1,
             expected: "files 0/2 · 1.0 MB of 3,601.0 MB · 1 MB/s (on disk) · ETA 1:00:00",
             testDescription: "ETA of exactly an hour"),
        // Nothing read yet: rate 0, so no ETA can be given.
        Case(filesDone: 0, totalFiles: 4, bytesDone: 0, totalBytes: 8_000_000, elapsed: 1,
             expected: "files 0/4 · 0.0 MB of 8.0 MB · 0 MB/s (on disk)",
             testDescription: "nothing read yet"),
        // The files grew past the size listed at discovery: no negative ETA.
        Case(filesDone: 2, totalFiles: 2, bytesDone: 6_000_000, totalBytes: 5_000_000, elapsed: 3,
             expected: "files 2/2 · 6.0 MB of 5.0 MB · 2 MB/s (on disk)",
             testDescription: "more read than listed"),
        // 1,234,567 bytes is 1.234567 MB: one decimal, 1.2; 1.23 MB/s shows as 1; 8.765433 MB
        // to go at 1.234567 MB/s take 7.1 s, shown as 7.
        Case(filesDone: 5, totalFiles: 7, bytesDone: 1_234_567, totalBytes: 10_000_000, elapsed: 1,
             expected: "files 5/7 · 1.2 MB of 10.0 MB · 1 MB/s (on disk) · ETA 0:07",
             testDescription: "rounding to one decimal and whole seconds"),
    ])
    func text(_ example: Case) {
        #expect(ProgressLine.text(filesDone: example.filesDone, totalFiles: example.totalFiles, bytesDone: example.bytesDone,
                                  totalBytes: example.totalBytes, elapsed: example.elapsed) == example.expected)
    }

    @Test("a run that reads its input twice names the pass first")
    func passLabel() {
        #expect(ProgressLine.text(filesDone: 3, totalFiles: 10, bytesDone: 12_500_000, totalBytes: 50_000_000, elapsed: 2,
                                  label: "pass 1/2") == "pass 1/2 · files 3/10 · 12.5 MB of 50.0 MB · 6 MB/s (on disk) · ETA 0:06")
    }

    @Test("the first draw waits about a second, so short runs show no line")
    func firstDrawDelay() {
        #expect(ProgressLine.firstDrawDelay == 1.0)
    }
}
