import CloudTrail

/// Events counted more than once because the same record was read more than once: the notice
/// that says so.
///
/// Skua counts what it reads, as QRadar counts what it ingested, so copies of the same evidence
/// (a folder given twice, a copy beside the original, an organization trail beside the member
/// accounts' own trails) double every count and can push a group over a threshold it never
/// crossed. The counting stays as it is; the run says so, loudly.
///
/// Decided for Skua: repeats are the exact `eventID` repeats within files plus the cross-file
/// estimate less its expected false positives. The notice appears when repeats are at least
/// 10 and more than 1% of the evaluated records: below that a stray re-delivery (CloudTrail
/// delivers at least once) or the estimate's noise would cry wolf on every large hunt.
public enum RepeatedEvents {
    /// Smallest number of repeats that is reported.
    public static let minimumCount = 10
    /// Share of evaluated records, in percent, that repeats must exceed.
    public static let minimumPercent = 1

    /// Repeated events in `report`: exact within files, estimated across them.
    public static func count(in report: IngestReport) -> Int {
        let across = report.duplicateEventIDsAcrossFilesEstimate - Int(report.duplicateEstimateExpectedFalsePositives.rounded())
        return report.tally.duplicateEventIDsWithinFiles + max(0, across)
    }

    /// Whether the repeats in `report` are worth a notice.
    public static func isLarge(in report: IngestReport) -> Bool {
        let repeats = count(in: report)
        return repeats >= minimumCount && repeats * 100 > report.tally.evaluated * minimumPercent
    }

    /// The notice, or `nil` when the repeats are few.
    public static func notice(for report: IngestReport) -> String? {
        guard isLarge(in: report) else { return nil }
        let repeats = ValueText.grouped(count(in: report))
        let evaluated = ValueText.grouped(report.tally.evaluated)
        return "counts include repeated events: ≈ \(repeats) of the \(evaluated) events evaluated repeat an eventID already read "
            + "(\(ValueText.grouped(report.tally.duplicateEventIDsWithinFiles)) within files, "
            + "≈ \(ValueText.grouped(report.duplicateEventIDsAcrossFilesEstimate)) across files by estimate), so finding counts "
            + "can be inflated and a group can cross a threshold it did not cross. Typical causes: the same logs given twice "
            + "(a copy beside the original, an export beside its extracted files) or an organization trail beside the member "
            + "accounts' own trails. Give each copy of the evidence once (for an organization, its trail's folder alone); "
            + "Skua does not de-duplicate, as QRadar counts events it ingested twice."
    }
}
