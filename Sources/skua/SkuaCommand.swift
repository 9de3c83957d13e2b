import Reporting

/// The root command: describes Skua and dispatches to a subcommand. It does no work itself.
enum SkuaCommand {
    static let version = "0.1.0"

    static var spec: CommandSpec {
        CommandSpec(
            name: "skua",
            abstract: "Hunt cloud service hijacking (MITRE T1496.004: SES spam, SNS SMS pumping, Bedrock LLMjacking) in AWS CloudTrail logs.",
            discussion: "Runs IBM QRadar's published detection exactly as QRadar would (AQL, offline), and a tuned variant, over CloudTrail as it arrives: S3 exports, gzip, JSON Lines, lookup-events, EventBridge, CloudWatch Logs and SIEM wrappers. Emulates the attacks (simulate) and checks what each rule catches (validate).",
            subcommands: [HuntCommand.spec, AQLCommand.spec, SimulateCommand.spec, ValidateCommand.spec, versionSpec, helpSpec]
        )
    }

    static let versionSpec = CommandSpec(name: "version", abstract: "Show Skua's version.")
    static let helpSpec = CommandSpec(name: "help", abstract: "Show help for Skua or one of its subcommands.",
                                      arguments: [ArgumentSpec(name: "subcommand", help: "The subcommand to explain.", isOptional: true)])

    static func main(_ arguments: [String]) -> ExitStatus {
        do {
            return try dispatch(arguments)
        } catch let exit as CleanExit {
            Terminal.write(exit.text, to: 1)
            return .clean
        } catch let error as UsageError {
            let command = error.command
            var text = "Error: \(error.message)\n"
            if let command {
                text += "Usage: \(HelpFormatter.usage(for: command))\n"
                text += "  See '\(HelpFormatter.moreHelp(for: command))' for more information.\n"
            }
            Terminal.writeError(text)
            return .usageError
        } catch {
            Terminal.writeError("Error: \(error)\n")
            return .usageError
        }
    }

    static func dispatch(_ arguments: [String]) throws -> ExitStatus {
        guard let first = arguments.first else { throw CleanExit(text: HelpFormatter.help(for: spec)) }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "hunt": return try HuntCommand.run(rest)
        case "aql": return try AQLCommand.run(rest)
        case "simulate": return try SimulateCommand.run(rest)
        case "validate": return try ValidateCommand.run(rest)
        case "version", "--version":
            throw CleanExit(text: "skua \(version)\n")
        case "help", "--help", "-h":
            guard let name = rest.first else { throw CleanExit(text: HelpFormatter.help(for: spec)) }
            guard let command = spec.subcommands.first(where: { $0.name == name }) else {
                throw UsageError("unknown subcommand '\(name)'" + suggestion(name), command: spec)
            }
            throw CleanExit(text: HelpFormatter.help(for: command))
        default:
            if first.hasPrefix("-") { throw UsageError(optionBeforeSubcommand(first), command: spec) }
            throw UsageError("unknown subcommand '\(first)'" + suggestion(first), command: spec)
        }
    }

    /// "; did you mean 'hunt'?" when a subcommand is a plausible intent (`NameSuggestion`).
    static func suggestion(_ name: String) -> String {
        NameSuggestion.didYouMean(name, among: spec.subcommands.map(\.name))
    }

    /// The error for an option given before any subcommand (`skua -q logs/`): options belong to
    /// a subcommand and go after it, so say which subcommands take it.
    static func optionBeforeSubcommand(_ argument: String) -> String {
        let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
        let owners = spec.subcommands.filter { $0.option(named: name) != nil }.map(\.name)
        guard let first = owners.first else {
            let names = spec.subcommands.map(\.name).joined(separator: ", ")
            return "unknown option '\(name)': skua's first argument is a subcommand (\(names))"
        }
        let list = owners.count == 1 ? "'\(first)'" : owners.dropLast().map { "'\($0)'" }.joined(separator: ", ") + " and '\(owners.last!)'"
        return "'\(name)' is an option of \(list): options go after the subcommand, as in 'skua \(first) \(name) …'"
    }
}
