import CloudTrail
import Foundation
import SkuaTestSupport
import Testing

@Test func debugDump() throws {
    guard let file = ProcessInfo.processInfo.environment["SKUA_DEBUG_FILE"] else { return }
    let (records, report) = collect([file], extra: [PropertyPath(keys: ["eventID"])])
    for record in records { print("REC", record.location.offset, record.location.ordinal, record.eventSource ?? "-", record.eventName ?? "-", record.extra) }
    for issue in report.issues { print("ISSUE", issue.kind, issue.position, issue.reason) }
    print("TALLY", report.tally)
}
