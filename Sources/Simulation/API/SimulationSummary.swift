/// What a simulation wrote: files, records, bytes, and each scenario's share.
public struct SimulationSummary: Sendable, Codable, Equatable {
    /// One scenario's events in the output.
    public struct ScenarioRun: Sendable, Codable, Equatable {
        /// The scenario's id.
        public var id: String
        /// Records the scenario wrote.
        public var records: Int
        /// `eventTime` of its first record (epoch ms); `nil` without records.
        public var firstEventTime: Int64?
        /// `eventTime` of its last record (epoch ms); `nil` without records.
        public var lastEventTime: Int64?
        /// The scale its volume was multiplied by (1 for benign scenarios, the run's scale for
        /// attacks); its expectations hold only when this is 1.
        public var scale: Int
    }

    /// The output folder, as given.
    public var folder: String
    /// The layout the files use.
    public var layout: SimulationOptions.Layout
    /// The seed the run used.
    public var seed: UInt64
    /// The anchor of scenario times (epoch ms); see `SimulationOptions.anchor`.
    public var anchor: Int64
    /// Paths of the files written, relative to `folder`, sorted.
    public var files: [String]
    /// Records written (background and scenarios).
    public var records: Int
    /// Records of the background.
    public var backgroundRecords: Int
    /// Bytes of JSON before compression.
    public var uncompressedBytes: Int64
    /// Bytes written to disk (equal to `uncompressedBytes` for plain layouts).
    public var compressedBytes: Int64
    /// `eventTime` of the oldest record (epoch ms).
    public var firstEventTime: Int64?
    /// `eventTime` of the newest record (epoch ms).
    public var lastEventTime: Int64?
    /// The scenarios, in the order they were asked for.
    public var scenarios: [ScenarioRun]
    /// The union of the scenarios' reference sets, for the tuned rule.
    public var referenceSets: ScenarioReferenceSets

    /// Number of files written.
    public var fileCount: Int { files.count }
}
