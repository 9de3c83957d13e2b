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

    /// The exit-code table for help texts and the README.
    static let table = """
        0  ran, nothing found
        1  findings (for aql: any returned row)
        2  usage error, or no readable input (nothing in it held a CloudTrail record)
        3  no findings, but some input was skipped or malformed
        4  findings, and some input was skipped or malformed
        5  validate: an expectation was not met
        """
}
