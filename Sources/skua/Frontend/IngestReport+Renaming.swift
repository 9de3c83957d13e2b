import CloudTrail

extension IngestReport {
    /// Names files as the user did: `renames` maps a temporary copy (standard input or a pipe
    /// that `aql` copied so it could read it twice) to the name the user gave.
    mutating func renameFiles(_ renames: [String: String]) {
        guard !renames.isEmpty else { return }
        for index in files.indices { files[index].path = renames[files[index].path] ?? files[index].path }
        for index in issues.indices { issues[index].file = renames[issues[index].file] ?? issues[index].file }
    }
}
