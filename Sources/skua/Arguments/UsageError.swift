/// A command line Skua cannot run: what is wrong, in one line. Printed with the command's usage
/// and exits with status 2.
struct UsageError: Error, Sendable {
    var message: String
    /// The command whose usage to show.
    var command: CommandSpec?

    init(_ message: String, command: CommandSpec? = nil) {
        self.message = message
        self.command = command
    }
}

/// A clean stop before running: help or version was asked for.
struct CleanExit: Error, Sendable {
    var text: String
}
