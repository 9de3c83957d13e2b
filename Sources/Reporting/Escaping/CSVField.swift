/// One CSV cell, per RFC 4180, made safe for spreadsheets.
///
/// A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be read by
/// Excel, LibreOffice or Sheets as a formula (CSV injection: `=HYPERLINK(…)` in a user agent),
/// so it gets a leading `'`, which spreadsheets show as text. Numbers are never touched (a
/// negative number stays a number). Then a cell holding a comma, quote, CR or LF is quoted,
/// with quotes doubled.
public enum CSVField {
    public static func text(_ value: String) -> String {
        var cell = value
        if let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            cell = "'" + cell
        }
        return quoted(cell)
    }

    /// A number or other trusted value: only quoting applies.
    public static func plain(_ value: String) -> String {
        quoted(value)
    }

    static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
