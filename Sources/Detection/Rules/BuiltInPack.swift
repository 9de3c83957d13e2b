extension DetectionRule {
    /// Every built-in rule, in the order `skua hunt` runs and reports them.
    public static let builtInPack: [DetectionRule] = [
        .publishedCloudServiceHijacking,
        .tunedCloudServiceHijacking,
    ]
}
