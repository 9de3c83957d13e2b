import AQL
import CloudTrail
import Detection

/// How values and times read in each format.
public enum ValueText {
    static func json(_ value: AQLValue) -> JSONValue {
        switch value {
        case .null: .null
        case .integer(let number): .integer(number)
        case .decimal(let number): .double(number)
        case .string(let text): .string(text)
        case .boolean(let truth): .bool(truth)
        }
    }

    static func time(_ millis: Int64?) -> JSONValue {
        millis.map { .string(EventTime.rfc3339($0)) } ?? .null
    }

    /// Thousands separators: 1,234,567.
    public static func grouped(_ number: Int) -> String {
        let digits = String(abs(number))
        var output = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { output += "," }
            output.append(character)
        }
        return number < 0 ? "-" + output : output
    }

    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}

/// Keys a finding's own fields use in JSON and CSV; a column with the same name keeps its name
/// and the finding's field takes a `skua_` prefix instead, so no value is ever lost.
enum FindingFields {
    static let names = ["rule_id", "rule_title", "technique", "severity", "first_event_time", "last_event_time"]

    static func key(_ name: String, columns: [String]) -> String {
        columns.contains(name) ? "skua_" + name : name
    }

    static func values(_ finding: Finding) -> [JSONValue] {
        guard let rule = finding.rule else { return [] }
        return [.string(rule.id), .string(rule.title), .string(rule.technique), .string(rule.severity.rawValue),
                ValueText.time(finding.firstEventTime), ValueText.time(finding.lastEventTime)]
    }
}

import Foundation
