import Glibc

/// One input found under the paths the user gave.
public struct InputFile: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A file (or a FIFO named explicitly, such as `<(zcat …)`) to read.
        case readable
        /// Standard input (`-`).
        case standardInput
        /// A file under `CloudTrail-Digest/`: recognized by its path, not read.
        case digestByPath
        /// Found, but cannot be read; the reason says why.
        case unreadable(String)
    }

    /// The path as given or as found under a given folder: what reports name.
    public var path: String
    public var kind: Kind
    /// Size on disk when known (for progress).
    public var size: Int64
    /// Where the bytes are read from when that is not `path`: a copy of standard input or of a
    /// FIFO, made when the input must be read twice (`skua aql` finding "now" first).
    public var readPath: String?

    public init(path: String, kind: Kind, size: Int64 = 0, readPath: String? = nil) {
        self.path = path
        self.kind = kind
        self.size = size
        self.readPath = readPath
    }

    /// Whether reading this input consumes it, so that it cannot be read a second time:
    /// standard input, and a FIFO or device named on the command line (`<(zcat …)`).
    public var isReadOnce: Bool {
        switch kind {
        case .standardInput: return true
        case .readable:
            guard readPath == nil else { return false }
            var info = stat()
            return stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG
        case .digestByPath, .unreadable: return false
        }
    }
}

/// Expands the user's paths into the sorted list of inputs.
///
/// - Folders are walked recursively: the S3 delivery layout
///   `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/…` and organization trails' extra `o-…`
///   level need no special case.
/// - Symbolic links are followed. A link back to a folder already on the walk (a loop) is
///   reported as a notice and not entered, and so is a folder already walked through another
///   path; a dangling link is an unreadable input.
/// - Inside folders, anything that is not a regular file (FIFOs, sockets, devices) is an
///   unreadable input: reading a FIFO nobody writes would wait forever. A FIFO named on the
///   command line is read, since that is how `<(…)` process substitution arrives.
/// - Files under a `CloudTrail-Digest` folder are digests: counted, not read.
/// - The same file reached twice (named twice, or through a link) is read once.
/// - The result is sorted by path bytes, so every run sees the same order (ties between equal
///   event times break by this order).
public enum InputDiscovery {
    public static func discover(_ paths: [String]) -> (files: [InputFile], notices: [IngestIssue]) {
        var walker = Walker()
        for path in paths { walker.visitRoot(path) }
        let sorted = walker.files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return (sorted, walker.notices)
    }

    /// Whether `path` lies in a `CloudTrail-Digest` folder.
    public static func isDigestPath(_ path: String) -> Bool {
        path.split(separator: "/").contains("CloudTrail-Digest")
    }

    private struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private struct Walker {
        var files: [InputFile] = []
        var notices: [IngestIssue] = []
        var seenFiles = Set<FileIdentity>()
        /// Every folder walked so far. Without it, folders linked to each other every way are
        /// walked once per path through the links: n! walks for n folders.
        var walkedFolders = Set<FileIdentity>()
        var sawStandardInput = false

        mutating func visitRoot(_ path: String) {
            if path == "-" {
                if !sawStandardInput { files.append(InputFile(path: "-", kind: .standardInput)) }
                sawStandardInput = true
                return
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                let reason = errno == ENOENT
                    ? (lstat(path, &info) == 0 ? "dangling symbolic link" : "no such file or folder")
                    : String(cString: strerror(errno))
                files.append(InputFile(path: path, kind: .unreadable(reason)))
                return
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                var onWalk = Set<FileIdentity>()
                visitFolder(path, identity: identity(info), onWalk: &onWalk)
            case S_IFREG, S_IFIFO, S_IFCHR:
                addFile(path, info: info)
            default:
                files.append(InputFile(path: path, kind: .unreadable("not a regular file")))
            }
        }

        mutating func visitFolder(_ path: String, identity folder: FileIdentity, onWalk: inout Set<FileIdentity>) {
            guard walkedFolders.insert(folder).inserted else {
                notices.append(IngestIssue(file: path, kind: .notice,
                    reason: "folder already walked through another path: not walked again"))
                return
            }
            onWalk.insert(folder)
            defer { onWalk.remove(folder) }
            guard let directory = opendir(path) else {
                files.append(InputFile(path: path, kind: .unreadable("cannot open folder: \(String(cString: strerror(errno)))")))
                return
            }
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(directory)
            for name in names.sorted() {
                let child = path.hasSuffix("/") ? path + name : path + "/" + name
                var info = stat()
                guard stat(child, &info) == 0 else {
                    var linkInfo = stat()
                    let reason = lstat(child, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK
                        ? "dangling symbolic link" : String(cString: strerror(errno))
                    files.append(InputFile(path: child, kind: .unreadable(reason)))
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    let id = identity(info)
                    if onWalk.contains(id) {
                        notices.append(IngestIssue(file: child, kind: .notice,
                            reason: "symbolic link loop: this folder is already being walked, not entered again"))
                    } else {
                        visitFolder(child, identity: id, onWalk: &onWalk)
                    }
                case S_IFREG:
                    addFile(child, info: info)
                case S_IFIFO:
                    files.append(InputFile(path: child, kind: .unreadable("FIFO inside a folder: not read (it could block forever); name it on the command line to read it")))
                default:
                    files.append(InputFile(path: child, kind: .unreadable("not a regular file")))
                }
            }
        }

        mutating func addFile(_ path: String, info: stat) {
            let id = identity(info)
            if (info.st_mode & S_IFMT) == S_IFREG {
                guard seenFiles.insert(id).inserted else {
                    notices.append(IngestIssue(file: path, kind: .notice, reason: "same file as another input: read once"))
                    return
                }
            }
            let kind: InputFile.Kind = InputDiscovery.isDigestPath(path) ? .digestByPath : .readable
            files.append(InputFile(path: path, kind: kind, size: Int64(info.st_size)))
        }

        func identity(_ info: stat) -> FileIdentity {
            FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }
    }
}
