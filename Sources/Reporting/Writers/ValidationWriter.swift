import Simulation
import Validation

/// `skua validate` output: the scenario × rule matrix as a table or a JSON document.
///
/// A cell reads `expected → actual` in findings (`0 → 0 ✓`, `1 → 0 ✗`); `—` marks a rule the
/// catalog has no expectation for (run and shown, not judged). Below the matrix every failed
/// cell lists the rows it missed and the rows it did not expect.
public enum ValidationWriter {
    public static func table(_ matrix: ValidationMatrix, style: TerminalStyle) -> String {
        var output = style.bold("skua validate") + "  \(matrix.rows.count) scenario\(matrix.rows.count == 1 ? "" : "s") × \(matrix.rules.count) rule\(matrix.rules.count == 1 ? "" : "s")"
        output += style.dim("  (seed \(matrix.seed), \(matrix.hours) h of background at \(matrix.noise) events per account-region-hour)") + "\n"
        for rule in matrix.rules {
            output += "  " + TerminalText.sanitize(rule.id) + style.dim("  " + TerminalText.sanitize(rule.file)) + "\n"
        }
        output += style.dim("  cells: expected findings → actual findings") + "\n\n"

        let headers = ["SCENARIO", "KIND"] + matrix.rules.map { TerminalText.sanitize($0.id) }
        let rows: [[(text: String, met: Bool?)]] = matrix.rows.map { row in
            let name = TerminalText.sanitize(row.scenarioID) + (row.seedTest.map { " (seed test \($0))" } ?? "")
            return [(name, nil), (row.kind, nil)] + row.cells.map { cell in
                let expected = cell.expected.map { String($0.fires ? max($0.findings.count, 1) : 0) } ?? "—"
                let mark = cell.met.map { $0 ? "✓" : "✗" } ?? ""
                return ("\(expected) → \(cell.actualFindings) \(mark)".trimmingCharacters(in: .whitespaces), cell.met)
            }
        }
        var widths = headers.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.text.count) } }
        /// Pads to the column's width; the last column is not padded, so lines end without spaces.
        func pad(_ text: String, _ index: Int) -> String {
            index == widths.count - 1 ? text : text + String(repeating: " ", count: max(0, widths[index] - text.count))
        }
        output += style.bold("  " + headers.enumerated().map { pad($1, $0) }.joined(separator: "  ")) + "\n"
        output += "  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for (rowIndex, row) in rows.enumerated() {
            let cells = row.enumerated().map { index, cell -> String in
                let text = pad(cell.text, index)
                switch cell.met {
                case true?: return style.green(text)
                case false?: return style.red(text)
                case nil: return text
                }
            }
            var line = "  " + cells.joined(separator: "  ")
            if matrix.rows[rowIndex].readBackProblem != nil { line += "  " + style.red("read-back failed") }
            output += line + "\n"
        }

        let failures = matrix.rows.filter { !$0.met }
        if !failures.isEmpty {
            output += "\n" + style.bold("Mismatches") + "\n"
            for row in failures {
                output += "  " + style.bold(TerminalText.sanitize(row.scenarioID)) + "  " + TerminalText.sanitize(row.title) + "\n"
                if let problem = row.readBackProblem { output += "    " + style.red(problem) + "\n" }
                for cell in row.cells where cell.met == false {
                    let expected = cell.expected!
                    output += "    \(TerminalText.sanitize(cell.ruleID)): expected it to \(expected.fires ? "fire" : "stay silent"), it reported \(cell.actualFindings) finding\(cell.actualFindings == 1 ? "" : "s")\n"
                    if cell.actualRows == nil {
                        output += style.dim("      (its columns differ from the published query's: only firing is compared)") + "\n"
                    }
                    for finding in cell.missing { output += "      missing:    " + describe(finding) + "\n" }
                    for finding in cell.unexpected { output += "      unexpected: " + describe(finding) + "\n" }
                }
            }
        }
        output += "\n"
        let summary = "\(matrix.held) of \(matrix.checked) expectations held"
        if matrix.allMet {
            output += style.green(summary) + "\n"
        } else {
            output += style.red(summary + "; \(failures.count) scenario\(failures.count == 1 ? "" : "s") failed") + "\n"
        }
        if let kept = matrix.keptFolder { output += style.dim("simulated data kept in \(TerminalText.sanitize(kept))") + "\n" }
        return output
    }

    /// One expected row in words.
    static func describe(_ finding: ExpectedFinding) -> String {
        TerminalText.sanitize("hour +\(finding.hour) \(finding.serviceAbused) \(finding.callerARN) (\(finding.callerType)) from \(finding.sourceIP) in \(finding.region): \(finding.eventCount) events, score \(finding.suspicionScore)")
    }

    public static func json(_ matrix: ValidationMatrix) -> String {
        func row(_ finding: ExpectedFinding) -> JSONValue {
            .object([("hour", .integer(Int64(finding.hour))), ("ServiceAbused", .string(finding.serviceAbused)),
                     ("CallerARN", .string(finding.callerARN)), ("CallerType", .string(finding.callerType)),
                     ("SourceIP", .string(finding.sourceIP)), ("AWSRegion", .string(finding.region)),
                     ("EventCount", .integer(Int64(finding.eventCount))), ("SuspicionScore", .integer(Int64(finding.suspicionScore)))])
        }
        let scenarios: [JSONValue] = matrix.rows.map { scenario in
            let cells: [JSONValue] = scenario.cells.map { cell in
                .object([
                    ("rule", .string(cell.ruleID)),
                    ("expected", cell.expected.map { .object([("fires", .bool($0.fires)), ("findings", .array($0.findings.map(row)))]) } ?? .null),
                    ("actual", .object([("fires", .bool(cell.fires)), ("finding_count", .integer(Int64(cell.actualFindings))),
                                        ("findings", cell.actualRows.map { .array($0.map(row)) } ?? .null)])),
                    ("met", cell.met.map(JSONValue.bool) ?? .null),
                    ("missing", .array(cell.missing.map(row))),
                    ("unexpected", .array(cell.unexpected.map(row))),
                ])
            }
            return .object([
                ("id", .string(scenario.scenarioID)), ("kind", .string(scenario.kind)), ("title", .string(scenario.title)),
                ("seed_test", scenario.seedTest.map { .integer(Int64($0)) } ?? .null),
                ("scale", .integer(Int64(scenario.scale))),
                ("records", .integer(Int64(scenario.records))),
                ("read_back_problem", scenario.readBackProblem.map(JSONValue.string) ?? .null),
                ("met", .bool(scenario.met)), ("cells", .array(cells)),
            ])
        }
        let document: JSONValue = .object([
            ("all_met", .bool(matrix.allMet)), ("checked", .integer(Int64(matrix.checked))), ("held", .integer(Int64(matrix.held))),
            ("seed", .integer(Int64(bitPattern: matrix.seed))), ("hours", .integer(Int64(matrix.hours))),
            ("noise", .integer(Int64(matrix.noise))),
            ("rules", .array(matrix.rules.map { .object([("id", .string($0.id)), ("title", .string($0.title)), ("file", .string($0.file))]) })),
            ("scenarios", .array(scenarios)),
        ])
        return document.text(pretty: true) + "\n"
    }
}
