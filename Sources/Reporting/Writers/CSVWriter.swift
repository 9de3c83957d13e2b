import AQL
import CloudTrail
import Detection

/// `--format csv`: RFC 4180, one row per finding, CRLF line ends.
///
/// Columns: for `hunt`, the finding's fields (`rule_id`, `rule_title`, `technique`, `severity`,
/// `first_event_time`, `last_event_time`) and then every result column of every rule, in
/// first-seen order (a rule without a column leaves its cell empty); for `aql`, the result
/// columns. NULL is an empty cell. Text cells are neutralised against formula injection
/// (`CSVField`).
public enum CSVWriter {
    public static func write(_ report: RunReport) -> String {
        var columns: [String] = []
        for section in report.sections {
            for column in section.columns where !columns.contains(column) { columns.append(column) }
        }
        let isHunt = report.command == .hunt
        let fieldNames = isHunt ? FindingFields.names.map { FindingFields.key($0, columns: columns) } : []
        var output = (fieldNames + columns).map(CSVField.text).joined(separator: ",") + "\r\n"
        for finding in report.findings {
            var cells: [String] = []
            if isHunt {
                cells += FindingFields.values(finding).map { value in
                    if case .string(let text) = value { return CSVField.text(text) }
                    return ""
                }
            }
            for column in columns {
                cells.append(cell(finding.value(column) ?? .null))
            }
            output += cells.joined(separator: ",") + "\r\n"
        }
        return output
    }

    static func cell(_ value: AQLValue) -> String {
        switch value {
        case .null: return ""
        case .integer, .decimal, .boolean: return CSVField.plain(value.text ?? "")
        case .string(let text): return CSVField.text(text)
        }
    }
}
