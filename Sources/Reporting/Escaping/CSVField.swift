/// One CSV cell, per RFC 4180, made safe for spreadsheets and for terminals.
///
/// 1. Formula injection: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
///    return would be read by Excel, LibreOffice or Sheets as a formula (`=HYPERLINK(…)` in a
///    user agent), so it gets a leading `'`, which spreadsheets show as text. Numbers are never
///    touched (a negative number stays a number).
/// 2. Control characters: CSV is read in spreadsheets and also printed (`skua hunt --format csv`
///    on a terminal, `cat findings.csv`), so no cell may carry a character that drives a
///    terminal. Every C0 control other than tab and line ends, DEL, every C1 control (ESC, the
///    C1 CSI, BEL that ends an OSC title) and the bidirectional controls are written out as
///    `\u{1b}`-style text (`VisibleText`): the cell still shows what the attacker sent, and no
///    escape sequence survives. Tab, LF and CR LF stay as they are (RFC 4180 data inside a
///    quoted cell); a bare CR (one not followed by LF) is written out as `\u{d}`, because on a
///    terminal it returns to the start of the line and lets what follows overwrite what came
///    before. Replacing them with U+FFFD was the other choice; it was not taken because it
///    hides which character it was. `--format json` keeps every value exactly.
/// 3. Quoting: a cell holding a comma, quote, CR or LF is quoted, with quotes doubled.
public enum CSVField {
    public static func text(_ value: String) -> String {
        var cell = value
        if let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            cell = "'" + cell
        }
        return quoted(inert(cell))
    }

    /// A number or other trusted value: only quoting applies.
    public static func plain(_ value: String) -> String {
        quoted(value)
    }

    /// `cell` with every control character but tab, LF and CR LF written out.
    static func inert(_ cell: String) -> String {
        VisibleText.escaped(cell) { scalar, next in
            scalar == "\t" || scalar == "\n" || (scalar == "\r" && next == "\n")
        }
    }

    static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
