import Foundation
import Glibc
import SkuaTestSupport

/// Runs the built `skua` with standard output and/or standard error on a pseudo-terminal, as a
/// user at a terminal would, and captures what the terminal received.
///
/// The terminal is put in raw mode, so the transcript holds exactly the bytes `skua` wrote (no
/// `\n` → `\r\n`). A stream not on the terminal goes to a file. Standard input is a pipe the
/// caller may feed (and hold open, to make a run last) through `feed`.
struct PseudoTerminal {
    enum Stream {
        case terminal, file
    }

    struct Output {
        var status: Int32
        /// What reached the terminal.
        var transcript: String
        /// What went to the files (empty for a stream on the terminal).
        var standardOutput: String
        var standardError: String
    }

    /// Collects the terminal's bytes on a thread of its own, so `skua` never blocks on a full
    /// terminal buffer.
    private final class Transcript: @unchecked Sendable {
        // Written by the reader thread only until `done` is signalled; read after that.
        var bytes: [UInt8] = []
        let done = DispatchSemaphore(value: 0)
    }

    /// - Parameters:
    ///   - environment: changes to this process's environment: a `nil` value removes the
    ///     variable. `NO_COLOR` is removed unless given here.
    ///   - feed: writes standard input, then returns; the pipe is closed after it.
    static func run(_ arguments: [String], standardOutput: Stream, standardError: Stream,
                    environment: [String: String?] = [:], feed: ((FileHandle) -> Void)? = nil) throws -> Output {
        var controller: Int32 = -1, device: Int32 = -1
        guard openpty(&controller, &device, nil, nil, nil) == 0 else { throw POSIXError(.ENXIO) }
        // Tests run in parallel: no other child may inherit the terminal (its copy of the device
        // side would keep the transcript open until it exits). The child gets it by dup2.
        _ = fcntl(controller, F_SETFD, FD_CLOEXEC)
        _ = fcntl(device, F_SETFD, FD_CLOEXEC)
        var settings = termios()
        tcgetattr(device, &settings)
        cfmakeraw(&settings)
        tcsetattr(device, TCSANOW, &settings)

        let folder = TemporaryFolder()
        let outPath = folder.path + "/out", errPath = folder.path + "/err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let terminal = FileHandle(fileDescriptor: device, closeOnDealloc: false)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: SkuaBinary.path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = standardOutput == .terminal ? terminal : FileHandle(forWritingAtPath: outPath)
        process.standardError = standardError == .terminal ? terminal : FileHandle(forWritingAtPath: errPath)
        let input = Pipe()
        process.standardInput = input

        let transcript = Transcript()
        let source = controller
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(source, $0.baseAddress, $0.count) }
                if count > 0 {
                    transcript.bytes += buffer[0..<count]
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break   // EIO: every descriptor of the terminal's device side is closed
                }
            }
            transcript.done.signal()
        }
        reader.start()

        try process.run()
        // Only the child holds the device side now: when it exits, reads end with EIO.
        close(device)
        feed?(input.fileHandleForWriting)
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        transcript.done.wait()
        close(controller)
        return Output(status: process.terminationStatus,
                      transcript: String(decoding: transcript.bytes, as: UTF8.self),
                      standardOutput: String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self),
                      standardError: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
    }
}
