/// Help text in the shape swift-argument-parser tools use: overview, usage, arguments, options,
/// subcommands or examples, and a pointer to more help; wrapped to 80 columns.
enum HelpFormatter {
    static let width = 80

    static func usage(for spec: CommandSpec) -> String {
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

    static func help(for spec: CommandSpec) -> String {
        var output = "OVERVIEW: \(spec.abstract)\n"
        if !spec.discussion.isEmpty { output += "\n" + wrap(spec.discussion, indent: 0) + "\n" }
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
                output += item(label, help)
            }
            output += item("-h, --help", "Show help information.")
        }
        if !spec.subcommands.isEmpty {
            output += "\nSUBCOMMANDS:\n"
            for subcommand in spec.subcommands { output += item(subcommand.name, subcommand.abstract) }
            output += "\n  See 'skua help <subcommand>' for detailed help.\n"
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
