/// Why a simulation could not be written.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A scenario id that is not in the catalog; `known` lists the valid ids.
    case unknownScenario(String, known: [String])
    /// An option out of range; the text says which and what is accepted.
    case invalidOption(String)
    /// A catalog entry its generator cannot use (scenario id, reason).
    case invalidScenario(String, String)
    /// A folder or file could not be created or written.
    case cannotWrite(path: String, reason: String)

    /// The message for users: what went wrong and how to fix it.
    public var description: String {
        switch self {
        case .unknownScenario(let id, let known):
            "unknown scenario '\(id)'; choose from: \(known.joined(separator: ", "))"
        case .invalidOption(let text):
            text
        case .invalidScenario(let id, let reason):
            "scenario '\(id)' cannot be generated: \(reason)"
        case .cannotWrite(let path, let reason):
            "cannot write '\(path)': \(reason)"
        }
    }
}
