import AQL
import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

/// Every case in Tests/AQLTests/Differential/cases run by Skua and by its DuckDB twin (written
/// by hand from docs/aql.md) over the same generated events; rows must be equal, in order.
@Suite(.enabled(if: !OracleProcess.skipRequested, "SKUA_SKIP_ORACLES=1: differential suite skipped"),
       .serialized)
struct DifferentialSuiteTests {
    /// Generated once per test run: events and the twins' expected results.
    static let prepared: Result<(events: String, expected: String, cases: String), OracleProcess.Failure> = {
        let folder = TemporaryFolder()
        let events = folder.path + "/events"
        let expected = folder.path + "/expected"
        let cases = OracleProcess.differentialFolder + "/cases"
        do {
            try OracleProcess.run("python3", [OracleProcess.differentialFolder + "/generate_events.py", events])
            try OracleProcess.run("python3", [OracleProcess.differentialFolder + "/run_twins.py", events, cases, expected])
        } catch let failure as OracleProcess.Failure {
            return .failure(failure)
        } catch {
            return .failure(OracleProcess.Failure(description: "\(error)"))
        }
        keepAlive.append(folder)
        return .success((events, expected, cases))
    }()
    nonisolated(unsafe) static var keepAlive: [TemporaryFolder] = []   // written once, above, before any reader

    static var caseNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: OracleProcess.differentialFolder + "/cases")) ?? []
        return files.filter { $0.hasSuffix(".aql") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test("the suite has at least 30 cases, the published query first and verbatim")
    func suiteShape() throws {
        #expect(DifferentialSuiteTests.caseNames.count >= 30)
        let first = try #require(DifferentialSuiteTests.caseNames.first)
        let text = try String(contentsOfFile: OracleProcess.differentialFolder + "/cases/\(first).aql", encoding: .utf8)
        let rule = try String(contentsOfFile: repositoryFolder + "/rules/qradar/t1496.004-cloud-service-hijacking.aql", encoding: .utf8)
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == rule.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("Skua's rows equal the DuckDB twin's", arguments: DifferentialSuiteTests.caseNames)
    func matchesTwin(_ name: String) throws {
        let paths = try DifferentialSuiteTests.prepared.get()
        let expectedData = try Data(contentsOf: URL(fileURLWithPath: paths.expected + "/\(name).json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
        let query = try String(contentsOfFile: paths.cases + "/\(name).aql", encoding: .utf8)

        var sets = ReferenceSets()
        for (set, file) in expected["reference_sets"] as? [String: String] ?? [:] {
            try sets.load("\(set)=\(paths.cases)/\(file)")
        }
        let now = (expected["now"] as? NSNumber)?.int64Value ?? 1_767_312_000_000
        // The twin's `-- timezone:` header: Skua runs with the same --timezone.
        let zoneName = expected["timezone"] as? String ?? "UTC"
        let timeZone = try #require(TimeZone(identifier: zoneName), "time zone \(zoneName)")
        let plan = try AQLAnalyzer.plan(query, options: AQLOptions(now: now, timeZone: timeZone, referenceSets: sets))
        let run = QueryEngine.run(plan, paths: [paths.events + "/events.jsonl"], ingest: IngestOptions(workers: 2))
        #expect(run.report.tally.malformed == 0 && run.report.tally.untimed == 0)

        // A set the query names but nobody loaded is empty, with one warning naming it; no
        // other case warns.
        let unloaded = expected["unloaded_reference_sets"] as? [String] ?? []
        #expect(plan.warnings.count == unloaded.count, "warnings of \(name): \(plan.warnings)")
        for set in unloaded {
            #expect(plan.warnings.contains { $0.contains("'\(set)'") && $0.contains("not loaded") }, "no warning for \(set) in \(name)")
        }

        #expect(run.result.columns == (expected["columns"] as? [String] ?? []), "columns of \(name)")
        let rows = expected["rows"] as? [[Any]] ?? []
        #expect(run.result.rows.count == rows.count, "row count of \(name)")
        for (index, (actual, wanted)) in zip(run.result.rows, rows).enumerated() {
            #expect(actual.values.count == wanted.count)
            for (column, (value, twin)) in zip(actual.values, wanted).enumerated() {
                #expect(DifferentialSuiteTests.same(value, twin),
                        "\(name) row \(index) column \(run.result.columns[safe: column] ?? "?"): Skua \(value), twin \(twin)")
            }
        }
    }

    /// Equal values; decimals within a relative 1e-9 (the twin sums in DuckDB's order).
    static func same(_ value: AQLValue, _ twin: Any) -> Bool {
        switch value {
        case .null: return twin is NSNull
        case .string(let text): return (twin as? String).map { $0.utf8.elementsEqual(text.utf8) } ?? false
        case .boolean(let truth): return (twin as? Bool) == truth
        case .integer(let number):
            // (Foundation bridges JSON 0 and 1 to Bool too, so `is Bool` cannot tell them apart.)
            guard let other = twin as? NSNumber else { return false }
            return other.doubleValue == Double(number) && isIntegral(other)
        case .decimal(let number):
            guard let other = twin as? NSNumber else { return false }
            let scale = max(abs(number), abs(other.doubleValue), 1e-300)
            return abs(number - other.doubleValue) / scale <= 1e-9 || number == other.doubleValue
        }
    }

    /// Whether a JSON number was written as an integer.
    static func isIntegral(_ number: NSNumber) -> Bool {
        let type = String(cString: number.objCType)
        return type != "d" && type != "f"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
