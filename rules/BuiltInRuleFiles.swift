/// The rule files shipped in `rules/`, embedded in the binary so `skua` runs without the
/// source tree. A test checks this list against the folder, so the two cannot drift.
public enum BuiltInRuleFiles {
    /// Path under `rules/` → file text.
    public static let files: [String: String] = [
        "qradar/t1496.004-cloud-service-hijacking.aql": text(PackageResources.t1496_004_cloud_service_hijacking_aql),
        "qradar/t1496.004-cloud-service-hijacking-tuned.aql": text(PackageResources.t1496_004_cloud_service_hijacking_tuned_aql),
    ]

    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
