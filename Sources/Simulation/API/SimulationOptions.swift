import Foundation

/// How a simulation is written: seed, time window, volumes, accounts, regions and layout.
///
/// Decisions taken here:
/// - **Determinism.** The same options (seed included) and the same Skua version give the same
///   bytes: every random draw comes from a SplitMix64 stream derived from `seed` and the thing
///   being generated (a file, a scenario), never from thread timing, and the gzip header's
///   modification time is 0. `workers` changes speed only, never output.
/// - **Background volume.** `noise` is exact: that many ordinary events in every
///   account-region-hour of `[start, start + hours)`, placed at random seconds, so the total is
///   `noise × accounts × regions × hours`. A record is about 1.4 KB of JSON, so 1 GB of
///   uncompressed background takes `noise × accounts × regions × hours ≈ 780,000` (for
///   instance `noise` 5,400 over the default 24 hours, 2 accounts and 3 regions).
/// - **Scenario times** do not depend on `hours`: scenarios keep their places (up to 11 h 25 min
///   after the anchor) even when the background is shorter or absent.
/// - **Memory.** Scenario events are planned before writing (about 200 bytes each, so `scale`
///   stops at 1,000); background events are made file by file (`noise` stops at 100,000 per
///   account-region-hour, about 12 MB of JSON per five-minute file).
/// - **Scale.** `scale` multiplies the volume of *attack* scenarios (their bursts, not their
///   setup calls) inside the same time spans; benign scenarios keep their volume. Scenario
///   expectations are stated for scale 1: at other scales counts and scores change, and evasions
///   stop evading (the 20-IP rotation exceeds 50 per IP from scale 2).
public struct SimulationOptions: Sendable, Equatable {
    /// How the records are packaged on disk.
    public enum Layout: String, Sendable, Codable, CaseIterable {
        /// S3 delivery: `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<16 alphanumerics>.json.gz`,
        /// gzip, `{"Records":[…]}` on one line, records shuffled.
        case s3
        /// One record per line, plain text (`.jsonl`), same partitioning as `s3`.
        case jsonl
        /// `aws cloudtrail lookup-events` output, indented as the CLI prints it: `{"Events":[…]}`
        /// newest first, the record as a JSON string in `CloudTrailEvent`, `EventTime` with the
        /// local offset `lookupEventsUTCOffsetMinutes`. Real Event history holds management events
        /// only; this layout keeps every record anyway, so that a scenario reads back the same
        /// through every layout.
        case lookupEvents = "lookup-events"
        /// EventBridge events, one envelope per line (`detail-type` "AWS API Call via CloudTrail",
        /// `source` `aws.<service>`, the record under `detail`).
        case eventBridge = "eventbridge"
    }

    /// Seed of every random choice.
    public var seed: UInt64
    /// Start of the background, epoch milliseconds.
    public var start: Int64
    /// Length of the background in hours (0: scenario events only).
    public var hours: Int
    /// Multiplier of attack volume (≥ 1); expectations hold at 1.
    public var scale: Int
    /// Ordinary events per account-region-hour (0: none).
    public var noise: Int
    /// How files are packaged.
    public var layout: Layout
    /// Background accounts (1…4), taken in order from `ScenarioCatalog.accounts`.
    public var accounts: Int
    /// Background regions.
    public var regions: [String]
    /// Files written at once (default: one per core). Does not change the output.
    public var workers: Int
    /// gzip level for the `s3` layout (1 fastest … 9 smallest).
    public var compressionLevel: Int32
    /// The local offset, in minutes east of UTC, of `EventTime` in the `lookupEvents` layout.
    public var lookupEventsUTCOffsetMinutes: Int

    /// 2026-01-05T00:00:00Z.
    public static let defaultStart: Int64 = 1_767_571_200_000

    /// Options with the defaults: seed 1, 24 hours from 2026-01-05T00:00:00Z, scale 1, 20 events
    /// per account-region-hour, S3 layout, 2 accounts, us-east-1 / us-west-2 / eu-west-1.
    public init(seed: UInt64 = 1, start: Int64 = SimulationOptions.defaultStart, hours: Int = 24, scale: Int = 1,
                noise: Int = 20, layout: Layout = .s3, accounts: Int = 2,
                regions: [String] = ["us-east-1", "us-west-2", "eu-west-1"], workers: Int? = nil,
                compressionLevel: Int32 = 1, lookupEventsUTCOffsetMinutes: Int = -300) {
        self.seed = seed
        self.start = start
        self.hours = hours
        self.scale = scale
        self.noise = noise
        self.layout = layout
        self.accounts = accounts
        self.regions = regions
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        self.compressionLevel = compressionLevel
        self.lookupEventsUTCOffsetMinutes = lookupEventsUTCOffsetMinutes
    }

    /// The anchor of scenario times: the first clock hour at or after `start`.
    public var anchor: Int64 {
        let hour: Int64 = 3_600_000
        let floor = start - ((start % hour) + hour) % hour
        return floor == start ? start : floor + hour
    }

    /// Checks every option, throwing a message that says what is accepted.
    public func validate() throws(SimulationError) {
        if hours < 0 || hours > 24 * 366 { throw .invalidOption("hours must be between 0 and 8784, not \(hours)") }
        if scale < 1 || scale > 1_000 { throw .invalidOption("scale must be between 1 and 1000, not \(scale)") }
        if noise < 0 || noise > 100_000 { throw .invalidOption("noise must be between 0 and 100000, not \(noise)") }
        if accounts < 1 || accounts > 4 { throw .invalidOption("accounts must be between 1 and 4, not \(accounts)") }
        if regions.isEmpty { throw .invalidOption("regions must name at least one region") }
        for region in regions where !SimulationOptions.isRegionName(region) {
            throw .invalidOption("'\(region)' is not a region name (like us-east-1)")
        }
        if Set(regions).count != regions.count { throw .invalidOption("regions must not repeat") }
        if !(1...9).contains(compressionLevel) { throw .invalidOption("compression level must be between 1 and 9") }
        if abs(lookupEventsUTCOffsetMinutes) > 14 * 60 { throw .invalidOption("the lookup-events UTC offset must be within ±14 hours") }
        // Years 0001…9999 keep every eventTime a four-digit year.
        if start < -62_135_596_800_000 + 86_400_000 || start > 253_402_300_799_000 - Int64(hours + 48) * 3_600_000 {
            throw .invalidOption("start must fall between years 1 and 9999")
        }
    }

    /// Whether `text` looks like an AWS region (`us-east-1`, `ap-southeast-2`, `us-gov-west-1`).
    static func isRegionName(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }
}
