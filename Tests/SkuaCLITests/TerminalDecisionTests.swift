@testable import skua
import Testing

/// The two decisions behind what reaches a terminal: colour, and the progress line.
@Suite struct TerminalDecisionTests {
    struct ColourCase: CustomTestStringConvertible, Sendable {
        var isTerminal: Bool
        var noColor: String?
        var expected: Bool
        var testDescription: String
    }

    @Test("colour only on a terminal, never with NO_COLOR set to a non-empty value", arguments: [
        ColourCase(isTerminal: true, noColor: nil, expected: true, testDescription: "terminal, NO_COLOR unset"),
        ColourCase(isTerminal: true, noColor: "1", expected: false, testDescription: "terminal, NO_COLOR=1"),
        ColourCase(isTerminal: true, noColor: "0", expected: false, testDescription: "terminal, NO_COLOR=0 (any value counts, even 0)"),
        ColourCase(isTerminal: true, noColor: "false", expected: false, testDescription: "terminal, NO_COLOR=false"),
        // no-color.org: "when present and not an empty string"; an empty value keeps colour.
        ColourCase(isTerminal: true, noColor: "", expected: true, testDescription: "terminal, NO_COLOR empty"),
        ColourCase(isTerminal: false, noColor: nil, expected: false, testDescription: "pipe or file, NO_COLOR unset"),
        ColourCase(isTerminal: false, noColor: "", expected: false, testDescription: "pipe or file, NO_COLOR empty"),
        ColourCase(isTerminal: false, noColor: "1", expected: false, testDescription: "pipe or file, NO_COLOR=1"),
    ])
    func colour(_ example: ColourCase) {
        #expect(Terminal.wantsColor(isTerminal: example.isTerminal, noColor: example.noColor) == example.expected)
    }

    @Test("the progress line: only when standard error is a terminal and --quiet is not given", arguments: [
        (false, true, true),
        (true, true, false),
        (false, false, false),
        (true, false, false),
    ])
    func progressShown(_ quiet: Bool, _ standardErrorIsTerminal: Bool, _ expected: Bool) {
        #expect(ProgressLine.isShown(quiet: quiet, standardErrorIsTerminal: standardErrorIsTerminal) == expected)
    }
}
