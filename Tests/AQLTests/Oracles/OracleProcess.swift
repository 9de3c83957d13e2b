import Foundation
import SkuaTestSupport

/// Runs the external oracles (Python + DuckDB, Java) the differential suites compare against.
///
/// These suites fail, not skip, when an oracle is missing: `.ci/run` installs them, and a
/// differential suite that quietly stops running proves nothing. Set SKUA_SKIP_ORACLES=1 to
/// skip them on a machine without Python's duckdb or a JDK.
enum OracleProcess {
    static var skipRequested: Bool { ProcessInfo.processInfo.environment["SKUA_SKIP_ORACLES"] == "1" }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `executable arguments…` (looked up on PATH), feeding `input`; returns standard output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let output = Pipe()
        // Standard error goes to a file: nothing can block on it while we read standard output.
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("skua-oracle-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        let inputPipe = Pipe()
        if input != nil { process.standardInput = inputPipe }
        try process.run()
        if let input {
            DispatchQueue.global().async {
                inputPipe.fileHandleForWriting.write(input)
                try? inputPipe.fileHandleForWriting.close()
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = FileManager.default.contents(atPath: errorPath) ?? Data()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus):\n"
                          + String(decoding: errorData, as: UTF8.self))
        }
        return data
    }

    static var differentialFolder: String { repositoryFolder + "/Tests/AQLTests/Differential" }
    static var dateFormatFolder: String { repositoryFolder + "/Tests/AQLTests/DateFormat" }
}
