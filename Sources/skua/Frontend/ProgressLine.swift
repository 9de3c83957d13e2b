import CloudTrail
import Foundation
import Synchronization

/// A one-line progress display on standard error for runs longer than about a second:
/// files done/total, bytes, MB/s and ETA. Off when standard error is not a terminal, or with
/// `--quiet`. Cleared when the run ends.
final class ProgressLine: Sendable {
    private let progress: IngestProgress
    /// (stopped, drawn): drawing and clearing hold this lock, so nothing is drawn after the clear.
    private let state = Mutex<(stopped: Bool, drawn: Bool)>((false, false))
    private let start = Date()

    init(progress: IngestProgress) {
        self.progress = progress
    }

    /// Starts updating, if standard error is a terminal and `quiet` is false.
    func start(quiet: Bool) {
        guard !quiet, Terminal.isTerminal(2) else { return }
        let worker = Thread { [self] in
            Thread.sleep(forTimeInterval: 1.0)
            while draw() {
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        worker.start()
    }

    /// Stops and clears the line.
    func finish() {
        state.withLock { state in
            state.stopped = true
            if state.drawn { Terminal.writeError("\r\u{1B}[2K") }
        }
    }

    /// Draws once; false when the line has been stopped.
    private func draw() -> Bool {
        let elapsed = Date().timeIntervalSince(start)
        let files = progress.filesDone.load(ordering: .relaxed)
        let total = progress.totalFiles.load(ordering: .relaxed)
        let bytes = progress.bytesDone.load(ordering: .relaxed)
        let totalBytes = progress.totalBytes.load(ordering: .relaxed)
        let rate = elapsed > 0 ? Double(bytes) / elapsed : 0
        var line = "files \(files)/\(total) · \(Self.megabytes(bytes)) MB"
        if totalBytes > 0 { line += " of \(Self.megabytes(totalBytes)) MB" }
        line += String(format: " · %.0f MB/s (on disk)", rate / 1e6)
        if totalBytes > 0 && rate > 0 && bytes < totalBytes {
            let remaining = Int(Double(totalBytes - bytes) / rate)
            line += String(format: " · ETA %d:%02d", remaining / 60, remaining % 60)
        }
        return state.withLock { state in
            if state.stopped { return false }
            state.drawn = true
            Terminal.writeError("\r\u{1B}[2K" + line)
            return true
        }
    }

    private static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f", Double(bytes) / 1e6)
    }
}
