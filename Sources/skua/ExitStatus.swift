/// Every way `skua` can end (ARCHITECTURE.md, README "Exit codes").
enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Ran; nothing found; all input used.
    case clean = 0
    /// Ran; findings (for `aql`, any returned row).
    case findings = 1
    /// Usage error, or no readable input at all.
    case usageError = 2
    /// No findings, but some input was skipped or malformed.
    case inputProblems = 3
    /// Findings, and some input was skipped or malformed.
    case findingsAndInputProblems = 4
    /// `skua validate`: an expectation was not met.
    case validationFailed = 5

    static func of(findings: Bool, unusableInput: Bool) -> ExitStatus {
        switch (findings, unusableInput) {
        case (false, false): .clean
        case (true, false): .findings
        case (false, true): .inputProblems
        case (true, true): .findingsAndInputProblems
        }
    }

    /// A command's exit statuses with their meanings, for its help: each command lists only the
    /// statuses it can return (`aql` never returns 5, `simulate` only 0 and 2).
    typealias Meanings = [(status: ExitStatus, meaning: String)]

    /// `hunt` (and, with "findings" read as "rows", `aql`).
    static func ofQueryCommand(findings: String) -> Meanings {
        [(.clean, "ran, nothing found, all input used"),
         (.findings, findings),
         (.usageError, "usage error, or no readable input (nothing in it held a CloudTrail record)"),
         (.inputProblems, "no findings, but some input was skipped or malformed"),
         (.findingsAndInputProblems, "findings, and some input was skipped or malformed")]
    }
}
