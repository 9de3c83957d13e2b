import CloudTrail
import Dispatch
import Foundation
import Glibc
import Synchronization

/// Writes emulated CloudTrail telemetry: chosen scenarios over a background of ordinary
/// activity, in one of the delivery layouts.
///
/// How a run goes:
/// 1. **Plan** (one thread, cheap): each scenario's generator makes its drafts; the background
///    is counted, not made: for every account-region-hour, `noise` events are dropped into the
///    five-minute slots at random. Drafts and counts are grouped by (recipient account, region,
///    slot): one file each, as CloudTrail delivers about one file per account-region per five
///    minutes. Each file gets its name and its own random streams from the seed and its key.
/// 2. **Write** (`workers` threads, `DispatchQueue.concurrentPerform`): a worker takes the next
///    file, makes its background drafts, shuffles all drafts (lookup-events: newest first),
///    renders them into a reused byte buffer, gzips (S3 layout, level `compressionLevel`) and
///    writes the file. Nothing a worker does depends on which worker it is, so the bytes do not
///    depend on `workers`.
///
/// Files land under the output folder, which is created when missing; files of the same name are
/// replaced and other files are left alone (so writing two seeds into one folder mixes them).
public struct Simulator: Sendable {
    /// What to write and how.
    public let options: SimulationOptions
    /// Where scenario ids are looked up.
    public let catalog: ScenarioCatalog

    /// A simulator for `options` over the scenarios of `catalog`.
    public init(options: SimulationOptions = SimulationOptions(), catalog: ScenarioCatalog = .standard) {
        self.options = options
        self.catalog = catalog
    }

    /// Writes the scenarios `ids` (in that order; repeats ignored) and the background into `folder`.
    ///
    /// - Throws: `SimulationError` for an invalid option, an unknown scenario id, or a file that
    ///   cannot be written (the files written before the failure stay).
    public func write(scenarios ids: [String], to folder: String) throws(SimulationError) -> SimulationSummary {
        try options.validate()
        var chosen: [Scenario] = []
        for id in ids where !chosen.contains(where: { $0.id == id }) {
            guard let scenario = catalog.scenario(id: id) else { throw .unknownScenario(id, known: catalog.ids) }
            chosen.append(scenario)
        }
        let plan = try DeliveryPlan(options: options, catalog: catalog, scenarios: chosen)
        try plan.createFolders(under: folder)
        let outcome = try plan.write(under: folder)

        var scenarioRuns: [SimulationSummary.ScenarioRun] = chosen.map {
            .init(id: $0.id, records: 0, firstEventTime: nil, lastEventTime: nil,
                  scale: $0.kind == .attack ? options.scale : 1)
        }
        for file in plan.files {
            for draft in file.drafts {
                let index = Int(draft.scenario)
                scenarioRuns[index].records += 1
                scenarioRuns[index].firstEventTime = min(scenarioRuns[index].firstEventTime ?? draft.time, draft.time)
                scenarioRuns[index].lastEventTime = max(scenarioRuns[index].lastEventTime ?? draft.time, draft.time)
            }
        }
        return SimulationSummary(
            folder: folder, layout: options.layout, seed: options.seed, anchor: options.anchor,
            files: plan.files.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
            records: plan.files.reduce(0) { $0 + $1.drafts.count + $1.backgroundCount },
            backgroundRecords: plan.files.reduce(0) { $0 + $1.backgroundCount },
            uncompressedBytes: outcome.uncompressedBytes, compressedBytes: outcome.writtenBytes,
            firstEventTime: outcome.firstEventTime, lastEventTime: outcome.lastEventTime,
            scenarios: scenarioRuns,
            referenceSets: catalog.referenceSets(for: chosen.map(\.id)))
    }
}

/// The files of one run and what goes in each (see `Simulator`).
struct DeliveryPlan {
    /// One output file.
    struct File {
        var account: String
        var region: String
        /// Five-minute slot: epoch milliseconds / 300,000.
        var slot: Int64
        /// Scenario drafts, in scenario order then time.
        var drafts: [EventDraft] = []
        /// Background events to make while writing.
        var backgroundCount = 0
        var background: RegionBackground?
        /// Path relative to the output folder.
        var path = ""
        /// Seed of the file's content stream.
        var contentSeed: UInt64 = 0
    }

    private struct FileKey: Hashable {
        var account: String
        var region: String
        var slot: Int64
    }

    static let slotMillis: Int64 = 300_000

    let options: SimulationOptions
    private(set) var files: [File] = []

    init(options: SimulationOptions, catalog: ScenarioCatalog, scenarios: [Scenario]) throws(SimulationError) {
        self.options = options
        let root = SplitMix64(seed: options.seed)
        var index: [FileKey: Int] = [:]
        func fileIndex(_ account: String, _ region: String, _ slot: Int64) -> Int {
            let key = FileKey(account: account, region: region, slot: slot)
            if let existing = index[key] { return existing }
            files.append(File(account: account, region: region, slot: slot))
            index[key] = files.count - 1
            return files.count - 1
        }

        // Scenarios.
        for (position, scenario) in scenarios.enumerated() {
            guard let generator = ScenarioGenerators.all[scenario.generator] else {
                throw .invalidScenario(scenario.id, "no generator named '\(scenario.generator)'")
            }
            var context = ScenarioContext(scenario: scenario, index: Int32(position), anchor: options.anchor,
                                          scale: scenario.kind == .attack ? options.scale : 1,
                                          random: root.derived(0x5CE7A, stableHash(scenario.id)))
            for draft in try generator(&context) {
                let slot = DeliveryPlan.floorDivision(draft.time, DeliveryPlan.slotMillis)
                files[fileIndex(draft.recipientAccountID, draft.region, slot)].drafts.append(draft)
            }
        }

        // Background counts.
        if options.noise > 0 && options.hours > 0 {
            for accountIndex in 0..<options.accounts {
                let account = catalog.accounts[accountIndex]
                for (regionIndex, region) in options.regions.enumerated() {
                    let background = RegionBackground(accountID: account, accountIndex: accountIndex, region: region)
                    for hour in 0..<options.hours {
                        let hourStart = options.start + Int64(hour) * 3_600_000
                        let firstSlot = DeliveryPlan.floorDivision(hourStart, DeliveryPlan.slotMillis)
                        var counts = [Int](repeating: 0, count: 13)
                        var random = root.derived(0xB6, UInt64(accountIndex), UInt64(regionIndex), UInt64(hour))
                        for _ in 0..<options.noise {
                            let time = hourStart + Int64(random.below(3600)) * 1000
                            counts[Int(DeliveryPlan.floorDivision(time, DeliveryPlan.slotMillis) - firstSlot)] += 1
                        }
                        for (offset, count) in counts.enumerated() where count > 0 {
                            let file = fileIndex(account, region, firstSlot + Int64(offset))
                            files[file].backgroundCount += count
                            files[file].background = background
                        }
                    }
                }
            }
        }

        // Deterministic order, names and streams.
        files.sort { ($0.account, $0.region, $0.slot) < ($1.account, $1.region, $1.slot) }
        for position in files.indices {
            let file = files[position]
            let fileRoot = root.derived(0xF11E, stableHash(file.account), stableHash(file.region), UInt64(bitPattern: file.slot))
            var nameStream = fileRoot.derived(1)
            var contentStream = fileRoot.derived(2)
            files[position].contentSeed = contentStream.next()
            files[position].path = DeliveryPlan.path(for: file, layout: options.layout, random: &nameStream)
        }
    }

    /// Floor division for possibly negative instants.
    static func floorDivision(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The file's path in the layout: named after its delivery time (the end of its slot).
    static func path(for file: File, layout: SimulationOptions.Layout, random: inout SplitMix64) -> String {
        let delivery = CivilTime(millis: (file.slot + 1) * slotMillis)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        func four(_ value: Int) -> String { String(repeating: "0", count: max(0, 4 - String(value).count)) + String(value) }
        let day = "\(four(delivery.year))/\(two(delivery.month))/\(two(delivery.day))"
        let stamp = "\(four(delivery.year))\(two(delivery.month))\(two(delivery.day))T\(two(delivery.hour))\(two(delivery.minute))Z"
        var suffix = JSONBuffer(capacity: 16)
        suffix.alphanumerics(&random, count: 16)
        let unique = String(decoding: suffix.bytes, as: UTF8.self)
        let (account, region) = (file.account, file.region)
        switch layout {
        case .s3:
            return "AWSLogs/\(account)/CloudTrail/\(region)/\(day)/\(account)_CloudTrail_\(region)_\(stamp)_\(unique).json.gz"
        case .jsonl:
            return "jsonl/\(account)/\(region)/\(day)/\(account)_CloudTrail_\(region)_\(stamp)_\(unique).jsonl"
        case .lookupEvents:
            return "lookup-events/\(account)/\(region)/\(account)_lookup-events_\(region)_\(stamp)_\(unique).json"
        case .eventBridge:
            return "eventbridge/\(account)/\(region)/\(day)/\(account)_eventbridge_\(region)_\(stamp)_\(unique).jsonl"
        }
    }

    /// Creates the output folder and every folder the files need.
    func createFolders(under folder: String) throws(SimulationError) {
        var folders = Set<String>()
        for file in files {
            if let slash = file.path.lastIndex(of: "/") { folders.insert(String(file.path[..<slash])) }
        }
        for relative in [""] + folders.sorted() {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(path: path, reason: error.localizedDescription)
            }
        }
    }

    /// Totals of the write phase.
    struct Outcome {
        var uncompressedBytes: Int64 = 0
        var writtenBytes: Int64 = 0
        var firstEventTime: Int64?
        var lastEventTime: Int64?
    }

    /// Renders and writes every file, in parallel.
    func write(under folder: String) throws(SimulationError) -> Outcome {
        let store = ResultStore(count: files.count)
        let next = Atomic<Int>(0)
        let options = self.options
        let files = self.files
        let windowStart = options.start
        let windowEnd = options.start + Int64(options.hours) * 3_600_000
        let workerCount = max(1, min(options.workers, files.count))

        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            var output = JSONBuffer(capacity: 1 << 20)
            var container = ContainerWriter(layout: options.layout, lookupOffsetMinutes: options.lookupEventsUTCOffsetMinutes)
            var drafts: [EventDraft] = []
            while true {
                let position = next.add(1, ordering: .relaxed).oldValue
                guard position < files.count else { break }
                let file = files[position]
                var random = SplitMix64(seed: file.contentSeed)
                drafts.removeAll(keepingCapacity: true)
                drafts.append(contentsOf: file.drafts)
                if let background = file.background, file.backgroundCount > 0 {
                    let low = max(file.slot * DeliveryPlan.slotMillis, windowStart)
                    let high = min((file.slot + 1) * DeliveryPlan.slotMillis, windowEnd)
                    var capped = (0, 0, 0)
                    for _ in 0..<file.backgroundCount {
                        drafts.append(background.makeDraft(from: low, seconds: Int((high - low) / 1000),
                                                           random: &random, capped: &capped))
                    }
                }
                if options.layout == .lookupEvents {
                    let order = drafts.indices.sorted { (drafts[$0].time, $1) > (drafts[$1].time, $0) }
                    drafts = order.map { drafts[$0] }
                } else {
                    random.shuffle(&drafts)
                }
                output.removeAll()
                container.write(drafts, into: &output, random: &random)
                let bytes = options.layout == .s3
                    ? GzipEncoder.compress(output.bytes, level: options.compressionLevel) : output.bytes
                let failure = DeliveryPlan.writeFile(folder + "/" + file.path, bytes)
                var first = Int64.max, last = Int64.min
                for draft in drafts {
                    first = min(first, draft.time)
                    last = max(last, draft.time)
                }
                store.set(position, .init(uncompressed: Int64(output.count), written: Int64(bytes.count),
                                          first: first, last: last, failure: failure))
            }
        }

        var outcome = Outcome()
        for (position, result) in store.all().enumerated() {
            if let failure = result.failure { throw .cannotWrite(path: folder + "/" + files[position].path, reason: failure) }
            outcome.uncompressedBytes += result.uncompressed
            outcome.writtenBytes += result.written
            if result.first <= result.last {
                outcome.firstEventTime = min(outcome.firstEventTime ?? result.first, result.first)
                outcome.lastEventTime = max(outcome.lastEventTime ?? result.last, result.last)
            }
        }
        return outcome
    }

    /// Writes `bytes` to `path` (created or truncated); the reason on failure.
    static func writeFile(_ path: String, _ bytes: [UInt8]) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }
}

/// Per-file results written by the workers.
///
/// @unchecked Sendable: `results` is only touched under `lock`.
private final class ResultStore: @unchecked Sendable {
    struct Result {
        var uncompressed: Int64 = 0
        var written: Int64 = 0
        var first: Int64 = .max
        var last: Int64 = .min
        var failure: String?
    }

    private let lock = Mutex(())
    private var results: [Result]

    init(count: Int) { results = Array(repeating: Result(), count: count) }

    func set(_ index: Int, _ result: Result) { lock.withLock { _ in results[index] = result } }

    func all() -> [Result] { lock.withLock { _ in results } }
}
