import Foundation

/// A fresh folder under the system's temporary directory, removed when the value is released.
public final class TemporaryFolder {
    public let path: String

    public init() {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/skua-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `name` (sub-folders created) and returns the full path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) -> String {
        let full = path + "/" + name
        let folder = (full as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }

    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        write(name, Array(text.utf8))
    }
}

/// Where the shared public datasets live (`../shared/datasets/real` beside the repository), or
/// `nil` when they are absent; `SKUA_SHARED_DATASETS` overrides.
public let sharedDatasetsFolder: String? = {
    if let override = ProcessInfo.processInfo.environment["SKUA_SHARED_DATASETS"] {
        return FileManager.default.fileExists(atPath: override) ? override : nil
    }
    // #filePath is …/<repo>/Tests/SkuaTestSupport/TemporaryFolder.swift
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = repository.deletingLastPathComponent().appendingPathComponent("shared/datasets/real").path
    return FileManager.default.fileExists(atPath: folder) ? folder : nil
}()

/// The repository's root folder.
public let repositoryFolder: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
