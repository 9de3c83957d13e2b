/// Help text in the shape swift-argument-parser tools use: overview, discussion paragraphs,
/// usage, arguments, options, subcommands, exit status and examples, and a pointer to more help;
/// wrapped to 80 columns.
enum HelpFormatter {
    static let width = 80

    static func usage(for spec: CommandSpec) -> String {
        if let usage = spec.usage { return usage }
        if !spec.subcommands.isEmpty { return "skua <subcommand> [<options>]" }
        var parts = ["skua", spec.name]
        if spec.options.contains(where: { !$0.isHidden }) { parts.append("[<options>]") }
        for argument in spec.arguments {
            var text = "<\(argument.name)>" + (argument.isRepeating ? " ..." : "")
            if argument.isOptional { text = "[\(text)]" }
            parts.append(text)
        }
        return parts.joined(separator: " ")
    }

    /// How to get more help on `spec`: `skua help` for the root, `skua help hunt` for a subcommand.
    static func moreHelp(for spec: CommandSpec) -> String {
        spec.subcommands.isEmpty ? "skua help \(spec.name)" : "skua help"
    }

    static func help(for spec: CommandSpec) -> String {
        var output = "OVERVIEW: \(spec.abstract)\n"
        if !spec.discussion.isEmpty {
            // One paragraph per line of the discussion, a blank line between them.
            let paragraphs = spec.discussion.split(separator: "\n").map { wrap(String($0), indent: 0) }
            output += "\n" + paragraphs.joined(separator: "\n\n") + "\n"
        }
        output += "\nUSAGE: \(usage(for: spec))\n"
        if !spec.arguments.isEmpty {
            output += "\nARGUMENTS:\n"
            for argument in spec.arguments { output += item("<\(argument.name)>", argument.help) }
        }
        let visible = spec.options.filter { !$0.isHidden }
        if !visible.isEmpty || spec.subcommands.isEmpty {
            output += "\nOPTIONS:\n"
            for option in visible {
                var label = option.short.map { "-\($0), " } ?? ""
                label += "--\(option.long)"
                if let value = option.valueName { label += " <\(value)>" }
                var help = option.help
                if !option.choices.isEmpty { help += " (values: \(option.choices.joined(separator: ", ")))" }
                if let defaultText = option.defaultText { help += " (default: \(defaultText))" }
                if option.isRepeating { help += " (repeatable)" }
                if !option.aliases.isEmpty { help += " (also " + option.aliases.map { "--" + $0 }.joined(separator: ", ") + ")" }
                output += item(label, help)
            }
            output += item("-h, --help", "Show help information.")
        }
        if !spec.subcommands.isEmpty {
            output += "\nSUBCOMMANDS:\n"
            for subcommand in spec.subcommands { output += item(subcommand.name, subcommand.abstract) }
            output += "\n  See 'skua help <subcommand>' for detailed help.\n"
        }
        if !spec.exitStatuses.isEmpty {
            output += "\nEXIT STATUS:\n"
            for (status, meaning) in spec.exitStatuses {
                let wrapped = wrap(meaning, indent: 5)
                output += "  \(status.rawValue)  " + wrapped.dropFirst(5) + "\n"
            }
        }
        if !spec.examples.isEmpty {
            output += "\nEXAMPLES:\n"
            for example in spec.examples {
                output += "  " + example.command + "\n" + wrap(example.explanation, indent: 6) + "\n"
            }
        }
        return output
    }

    static func item(_ label: String, _ help: String) -> String {
        let column = 26
        if label.count + 2 >= column {
            return "  " + label + "\n" + wrap(help, indent: column) + "\n"
        }
        let padded = "  " + label + String(repeating: " ", count: column - 2 - label.count)
        let wrapped = wrap(help, indent: column)
        return padded + wrapped.dropFirst(column) + "\n"
    }

    /// Wraps `text` at word boundaries, every line indented by `indent` spaces.
    static func wrap(_ text: String, indent: Int) -> String {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty && indent + line.count + 1 + word.count > width {
                    lines.append(String(repeating: " ", count: indent) + line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(String(repeating: " ", count: indent) + line)
        }
        return lines.joined(separator: "\n")
    }
}
