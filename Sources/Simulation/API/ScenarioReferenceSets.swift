/// Named sets of values for `REFERENCESETCONTAINS`: what a tuner loads so the tuned rule skips
/// known-good callers (`AllowedCallers`: `userIdentity.arn` values) and roles (`AllowedRoles`:
/// `userIdentity.sessionContext.sessionIssuer.arn` values).
///
/// Values are kept sorted and unique, so equal sets compare and encode equal.
public struct ScenarioReferenceSets: Sendable, Codable, Equatable {
    /// Set name → sorted, unique values.
    public private(set) var sets: [String: [String]]

    /// The set of allowlisted caller ARNs the tuned rule reads (`UserIdentityArn`).
    public static let allowedCallers = "AllowedCallers"
    /// The set of allowlisted role ARNs the tuned rule reads (`SessionIssuerArn`).
    public static let allowedRoles = "AllowedRoles"

    /// Sets from a dictionary (values sorted and deduplicated).
    public init(_ sets: [String: [String]] = [:]) {
        self.sets = sets.mapValues { Array(Set($0)).sorted() }
    }

    /// Decodes `{"AllowedCallers": […], "AllowedRoles": […]}`.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String: [String]].self))
    }

    /// Encodes as `{"Name": [values]}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(sets)
    }

    /// The values of one set (empty when it was never named).
    public func values(_ name: String) -> [String] { sets[name] ?? [] }

    /// Set names, sorted.
    public var names: [String] { sets.keys.sorted() }

    /// Whether every set is empty.
    public var isEmpty: Bool { sets.values.allSatisfy(\.isEmpty) }

    /// Whether `name` holds `value`.
    public func contains(_ value: String, in name: String) -> Bool {
        values(name).contains(value)
    }

    /// The union with `other`, set by set.
    public func merging(_ other: ScenarioReferenceSets) -> ScenarioReferenceSets {
        var merged = sets
        for (name, values) in other.sets { merged[name, default: []] += values }
        return ScenarioReferenceSets(merged)
    }

    /// A set as a reference-set file: one value per line, each line ending in a newline
    /// (empty text for an empty set).
    public func fileText(_ name: String) -> String {
        values(name).map { $0 + "\n" }.joined()
    }
}
