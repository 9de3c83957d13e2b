/// What a command accepts, as data: the argument scanner parses with it and the help formatter
/// prints it, so help can never disagree with parsing.
struct CommandSpec: Sendable {
    var name: String
    var abstract: String
    /// Paragraphs shown after the usage line.
    var discussion: String = ""
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec] = []
    var examples: [(command: String, explanation: String)] = []
    var subcommands: [CommandSpec] = []
    /// The usage line, when the one built from the arguments would mislead (`aql`'s query is
    /// either the first argument or `--file`).
    var usage: String?
    /// The statuses this command can return, shown under EXIT STATUS.
    var exitStatuses: ExitStatus.Meanings = []

    /// The option spelled `name` (`--output`, `-o`, or an alias such as `--out`).
    func option(named name: String) -> OptionSpec? {
        options.first { option in
            "--" + option.long == name || option.short.map { "-" + String($0) } == name
                || option.aliases.contains { "--" + $0 == name }
        }
    }
}

/// A positional argument.
struct ArgumentSpec: Sendable {
    var name: String
    var help: String
    var isRepeating = false
    var isOptional = false
}

/// An option (`--format json`) or flag (`--quiet`).
struct OptionSpec: Sendable {
    var long: String
    var short: Character?
    /// The value's name in help (`FORMAT`); `nil` for a flag.
    var valueName: String?
    var help: String
    var isRepeating = false
    var defaultText: String?
    /// Accepted values, when there is a fixed set.
    var choices: [String] = []
    /// Diagnostic switches stay out of help.
    var isHidden = false
    /// Other long spellings accepted for the same option (without dashes); help names them
    /// after the option's text ("also --out").
    var aliases: [String] = []

    var isFlag: Bool { valueName == nil }
}

/// The scanned command line of one command.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    func value(_ long: String) -> String? { values[long]?.last }
    func all(_ long: String) -> [String] { values[long] ?? [] }
    func flag(_ long: String) -> Bool { flags.contains(long) }
}
