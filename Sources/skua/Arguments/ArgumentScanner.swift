import Reporting

/// Scans `argv` against a `CommandSpec`.
///
/// `--name value`, `--name=value`, `-n value`, flags, `--` (everything after is positional),
/// and `-` alone as a positional (standard input). `--help`/`-h` anywhere asks for help.
/// Unknown options get a "did you mean" when one is plausible (`NameSuggestion`). An alias
/// (`--out` for `--output`) is the same option.
enum ArgumentScanner {
    static func scan(_ arguments: [String], spec: CommandSpec) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument == "--help" || argument == "-h" {
                throw CleanExit(text: HelpFormatter.help(for: spec))
            }
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = spec.option(named: name) else {
                throw UsageError("unknown option '\(name)'" + suggestion(for: name, in: spec), command: spec)
            }
            if option.isFlag {
                if inlineValue != nil { throw UsageError("'--\(option.long)' takes no value", command: spec) }
                parsed.flags.insert(option.long)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else {
                    throw UsageError("missing value for '--\(option.long) <\(option.valueName!)>'", command: spec)
                }
                value = arguments[index]
                index += 1
            }
            if !option.choices.isEmpty && !option.choices.contains(value) {
                throw UsageError("'\(value)' is not a valid value for '--\(option.long)'; use one of: \(option.choices.joined(separator: ", "))", command: spec)
            }
            if !option.isRepeating && parsed.values[option.long] != nil {
                throw UsageError("'--\(option.long)' given more than once", command: spec)
            }
            parsed.values[option.long, default: []].append(value)
        }
        return parsed
    }

    /// "; did you mean '--format'?" when a visible option is a plausible intent (`NameSuggestion`).
    static func suggestion(for name: String, in spec: CommandSpec) -> String {
        NameSuggestion.didYouMean(name, among: spec.options.filter { !$0.isHidden }.map { "--" + $0.long })
    }
}
