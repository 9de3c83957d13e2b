import CloudTrail

/// Whether a finished run had anything to hunt over (the exit status 2 "no readable input").
///
/// Decided on records, not files: a truncated gzip counts as a failed file, yet the records
/// before the cut were read and evaluated, so its findings stand (exit 1, 3 or 4). A run that
/// found no CloudTrail record at all, because every file failed or because what could be read
/// held none (empty standard input from a failed `aws cloudtrail lookup-events`, a folder of
/// digests), is not a clean run: it ends with an error rather than exit 0 "nothing found".
enum UsableInput {
    /// The error to print when nothing in the run held a CloudTrail record, else `nil`.
    static func problem(in report: IngestReport) -> String? {
        if report.tally.wellFormed > 0 { return nil }
        if report.filesDiscovered == 0 { return "no readable input: no files found under the paths given" }
        if report.filesWithRecords + report.filesWithoutEvents == 0 {
            let found = report.filesDiscovered == 1 ? "the 1 file found" : "the \(report.filesDiscovered) files found"
            return "no readable input: none of \(found) could be read (see the ingest report)"
        }
        let files = report.filesDiscovered == 1 ? "1 file" : "\(report.filesDiscovered) files"
        return "no readable input: no CloudTrail records in \(files) (empty, digests, or JSON without records; see the ingest report)"
    }
}
