import CloudTrail
import Reporting
import Foundation
import Synchronization

/// A one-line progress display on standard error for runs longer than about a second:
/// files done/total, bytes, MB/s and ETA. Off when standard error is not a terminal, or with
/// `--quiet`. Cleared when the run ends.
///
/// A run that reads its input twice (`aql` without `--now` first finds the newest event) shows
/// each pass with its label (`pass 1/2`, `pass 2/2`), so the first pass is not a silent wait.
final class ProgressLine: Sendable {
    /// The pass being counted: its counters, its label and when it began (for the rate).
    private struct Pass {
        var progress: IngestProgress
        var label: String?
        var start: Date
    }

    /// Drawing and clearing hold this lock, so nothing is drawn after the clear.
    private let state: Mutex<(pass: Pass, stopped: Bool, drawn: Bool)>

    init(progress: IngestProgress, label: String? = nil) {
        state = Mutex((Pass(progress: progress, label: label, start: Date()), false, false))
    }

    /// Seconds before the first draw: a run shorter than this shows no line at all.
    static let firstDrawDelay = 1.0

    /// Starts updating, if standard error is a terminal and `quiet` is false.
    func start(quiet: Bool) {
        guard Self.isShown(quiet: quiet, standardErrorIsTerminal: Terminal.isTerminal(2)) else { return }
        let worker = Thread { [self] in
            Thread.sleep(forTimeInterval: Self.firstDrawDelay)
            while draw() {
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        worker.start()
    }

    /// Counts the next pass over the input from now on.
    func follow(_ progress: IngestProgress, label: String?) {
        state.withLock { state in state.pass = Pass(progress: progress, label: label, start: Date()) }
    }

    /// Stops and clears the line (once; later calls do nothing).
    func finish() {
        state.withLock { state in
            if state.drawn && !state.stopped { Terminal.writeError("\r\u{1B}[2K") }
            state.stopped = true
        }
    }

    /// Draws once; false when the line has been stopped.
    private func draw() -> Bool {
        state.withLock { state in
            if state.stopped { return false }
            let progress = state.pass.progress
            let line = Self.text(filesDone: progress.filesDone.load(ordering: .relaxed),
                                 totalFiles: progress.totalFiles.load(ordering: .relaxed),
                                 bytesDone: progress.bytesDone.load(ordering: .relaxed),
                                 totalBytes: progress.totalBytes.load(ordering: .relaxed),
                                 elapsed: Date().timeIntervalSince(state.pass.start), label: state.pass.label)
            state.drawn = true
            Terminal.writeError("\r\u{1B}[2K" + line)
            return true
        }
    }

    /// Whether a run shows the line: not with `--quiet`, and only when standard error is a
    /// terminal (a log file or a pipe would collect every redraw).
    static func isShown(quiet: Bool, standardErrorIsTerminal: Bool) -> Bool {
        !quiet && standardErrorIsTerminal
    }

    /// The line's text after `elapsed` seconds: `files 3/10 · 12.5 MB of 50.0 MB · 5 MB/s (on disk) · ETA 0:07`.
    ///
    /// Bytes are bytes on disk (compressed for gzip), in decimal megabytes. The total, the ETA
    /// and "(on disk)" are left out when the total size is unknown (standard input, FIFOs: their
    /// bytes are counted as they arrive); the ETA also when nothing has been read yet or the
    /// files grew past their listed size. An ETA of an hour or more reads `1:05:09`.
    /// A label, when given, comes first: `pass 1/2 · files 3/10 · …`.
    static func text(filesDone: Int, totalFiles: Int, bytesDone: Int64, totalBytes: Int64, elapsed: Double,
                     label: String? = nil) -> String {
        let rate = elapsed > 0 ? Double(bytesDone) / elapsed : 0
        var line = label.map { $0 + " · " } ?? ""
        line += "files \(ValueText.grouped(filesDone))/\(ValueText.grouped(totalFiles)) · \(megabytes(bytesDone)) MB"
        if totalBytes > 0 { line += " of \(megabytes(totalBytes)) MB" }
        // Files on disk are counted as stored (compressed for gzip); standard input and pipes
        // as they arrive, so "on disk" would be wrong for them.
        line += String(format: " · %.0f MB/s", rate / 1e6) + (totalBytes > 0 ? " (on disk)" : "")
        if totalBytes > 0 && rate > 0 && bytesDone < totalBytes {
            line += " · ETA " + duration(Int(Double(totalBytes - bytesDone) / rate))
        }
        return line
    }

    /// `m:ss` under an hour, `h:mm:ss` from an hour on (`166:40` would read as a time of day).
    static func duration(_ seconds: Int) -> String {
        seconds < 3600 ? String(format: "%d:%02d", seconds / 60, seconds % 60)
            : String(format: "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    /// Decimal megabytes with one decimal, thousands grouped as everywhere else: `60,000.0`.
    private static func megabytes(_ bytes: Int64) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return ValueText.grouped(Int(tenths / 10)) + "." + String(tenths % 10)
    }
}
