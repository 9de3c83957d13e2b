/// Text with its invisible, terminal-driving characters written out as `\u{…}`, for places that
/// must show a value as it really is without letting it act: file names and reasons in the
/// ingest report, and control characters inside CSV cells.
///
/// Written out: every C0 control (U+0000–U+001F), DEL (U+007F), every C1 control
/// (U+0080–U+009F), and the Unicode bidirectional controls (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069) that "Trojan Source" tricks use to reorder what the eye reads.
/// Each becomes `\u{` + its lower-case hexadecimal value without leading zeros + `}` — ESC is
/// `\u{1b}`, LF `\u{a}` — the form the ingest report already uses for a bad `eventTime` value.
/// An escape sequence so becomes inert text (`\u{1b}]0;title\u{7}`) that still shows what the
/// attacker sent, where stripping it (as the table's `TerminalText.sanitize` does) would show
/// a different name than the one on disk.
///
/// Backslashes are not doubled, so a name that holds the six characters `\u{1b}` reads the same
/// as one holding ESC; where that matters, `--format json` keeps every value exactly.
public enum VisibleText {
    /// `text` with every character `isWrittenOut` accepts written as `\u{hex}`, except those
    /// `kept` accepts; `kept` is given the character and the one after it (`nil` at the end).
    public static func escaped(_ text: String,
                               keeping kept: (Unicode.Scalar, Unicode.Scalar?) -> Bool = { _, _ in false }) -> String {
        guard text.unicodeScalars.contains(where: isWrittenOut) else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if isWrittenOut(scalar) && !kept(scalar, index + 1 < scalars.count ? scalars[index + 1] : nil) {
                output.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Whether `scalar` is a control character or a bidirectional control.
    public static func isWrittenOut(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
