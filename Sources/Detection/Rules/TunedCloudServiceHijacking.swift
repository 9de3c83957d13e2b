import BuiltInRules

extension DetectionRule {
    /// The published query plus the seed's own tuning advice
    /// (`rules/qradar/t1496.004-cloud-service-hijacking-tuned.aql`):
    ///
    ///     AND NOT REFERENCESETCONTAINS('AllowedCallers', "UserIdentityArn")
    ///     AND NOT REFERENCESETCONTAINS('AllowedRoles', "SessionIssuerArn")
    ///
    /// Roles are matched by their role ARN (`SessionIssuerArn`) because an AssumedRole's own ARN
    /// ends in a session name that changes from run to run. A set that is not given is empty, so
    /// without `--reference-set` the tuned rule finds what the published one finds.
    public static let tunedCloudServiceHijacking = DetectionRule(
        id: "t1496.004-tuned",
        title: "Cloud Service Hijacking: SES/SNS/Bedrock volume per identity-hour (tuned with allowlists)",
        technique: "T1496.004",
        severity: .high,
        confidence: "high",
        summary: "The published query with the seed's tuning: callers in AllowedCallers (ARNs) and sessions of roles in AllowedRoles (role ARNs) are excluded.",
        falsePositives: [
            "Anything the published rule flags that is not in the allowlists; keep AllowedCallers and AllowedRoles current.",
        ],
        file: "rules/qradar/t1496.004-cloud-service-hijacking-tuned.aql",
        query: BuiltInRuleFiles.files["qradar/t1496.004-cloud-service-hijacking-tuned.aql"]!,
        layout: .cloudServiceHijacking,
        referenceSets: [
            ReferenceSetUse(name: "AllowedCallers", purpose: "ARNs of legitimate high-volume senders (transactional SES, OTP SNS), one per line"),
            ReferenceSetUse(name: "AllowedRoles", purpose: "role ARNs (arn:aws:iam::ACCOUNT:role/NAME) whose sessions are legitimate (scheduled ML pipelines)"),
        ],
        source: "the seed page's False Positives & Tuning section"
    )
}
