import BuiltInRules

extension DetectionRule {
    /// IBM QRadar's published detection for T1496.004, verbatim
    /// (`rules/qradar/t1496.004-cloud-service-hijacking.aql`, the query of the seed page).
    ///
    /// It counts successful SES, SNS and Bedrock send/publish/invoke calls per hour, identity,
    /// source IP and region, and keeps groups over a per-service threshold (SES > 100,
    /// SNS > 200, Bedrock > 50), scored 1/2/3 at 1×/3×/10× the threshold. Its blind spots are
    /// in its lint notes and in docs/detection.md.
    public static let publishedCloudServiceHijacking = DetectionRule(
        id: "t1496.004-published",
        title: "Cloud Service Hijacking: SES/SNS/Bedrock volume per identity-hour (QRadar, published)",
        technique: "T1496.004",
        severity: .high,
        confidence: "high",
        summary: "Aggregates successful AWS CloudTrail API calls to SES, SNS and Bedrock per identity per hour and applies service-specific thresholds (SES > 100, SNS > 200, Bedrock > 50); SuspicionScore escalates at 3x and 10x the threshold.",
        falsePositives: [
            "High-volume transactional email (order confirmations, password resets) sent through SES can exceed 100/hr at peak: keep a reference set of legitimate SES sender ARNs and exclude it (the tuned variant's AllowedCallers).",
            "SNS one-time-password or push notification systems burst during campaigns or onboarding waves: correlate with deployment events.",
            "Automated ML pipelines invoking Bedrock (tuning, A/B evaluation) run as scheduled AssumedRole sessions: allowlist their role ARN (the tuned variant's AllowedRoles).",
        ],
        file: "rules/qradar/t1496.004-cloud-service-hijacking.aql",
        query: BuiltInRuleFiles.files["qradar/t1496.004-cloud-service-hijacking.aql"]!,
        layout: .cloudServiceHijacking,
        source: "IBM QRadar detection content for T1496.004 (the seed page), query unchanged"
    )
}

extension DetectionRule.TableLayout {
    /// The columns of the T1496.004 queries.
    public static let cloudServiceHijacking = DetectionRule.TableLayout(
        score: "SuspicionScore", timeBucket: "TimeBucket", service: "ServiceAbused", category: "AttackCategory",
        callerARN: "CallerARN", callerType: "CallerType", sourceIP: "SourceIP", region: "AWSRegion",
        count: "EventCount", threshold: "ServiceThreshold")
}
