import AQL
import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

@Test func smokePublishedQuery() throws {
    guard let folder = sharedDatasetsFolder else { return }
    let seed = try String(contentsOfFile: repositoryFolder + "/../shared/seed/000_bd189273c885e383.txt", encoding: .utf8)
    let start = seed.range(of: "SELECT")!.lowerBound
    let end = seed.range(of: "LAST 1 DAYS")!.upperBound
    let query = String(seed[start..<end])
    var options = AQLOptions(now: EventTime.parse("2026-01-02T00:00:00Z")!)
    options.mode = .hunt(since: nil, until: nil)
    let plan = try AQLAnalyzer.plan(query, options: options)
    print(plan.columns, plan.windowDescription, plan.replacedWindow, plan.lint.map(\.code))
    let run = QueryEngine.run(plan, paths: [folder])
    print(run.result.statistics, run.result.rows.count)
    let count = try AQLAnalyzer.plan("SELECT \"EventSource\", COUNT(*) AS n, UNIQUECOUNT(sourceip) FROM events GROUP BY \"EventSource\" ORDER BY n DESC LIMIT 5", options: options)
    let r2 = QueryEngine.run(count, paths: [folder])
    print(r2.result.columns)
    for row in r2.result.rows { print(row.values) }
}
