import Foundation

/// QRadar reference sets, offline: named sets of text values loaded from files.
///
/// A file holds one value per line (blank lines and lines starting with `#` are skipped; spaces
/// and a trailing CR are trimmed), or a JSON array of strings and numbers. Names match exactly;
/// values match by their UTF-8 bytes, as every other comparison does.
public struct ReferenceSets: Sendable {
    public private(set) var sets: [String: Set<String>] = [:]
    /// The same values as `AQLValue`s, which hash and compare by bytes.
    private var lookup: [String: Set<AQLValue>] = [:]

    public init(_ sets: [String: Set<String>] = [:]) {
        self.sets = sets
        for (name, values) in sets { lookup[name] = Set(values.map(AQLValue.string)) }
    }

    /// Loads `NAME=FILE` (`--reference-set`).
    public mutating func load(_ argument: String) throws(ReferenceSetError) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            throw ReferenceSetError("--reference-set takes NAME=FILE, for example AllowedCallers=allowed.txt")
        }
        let name = String(argument[..<equals])
        let path = String(argument[argument.index(after: equals)...])
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReferenceSetError("reference set \(name): cannot read \(path)")
        }
        let values = try ReferenceSets.parse(data, name: name)
        sets[name, default: []].formUnion(values)
        lookup[name, default: []].formUnion(values.map(AQLValue.string))
    }

    /// Adds values to set `name`, creating it when missing.
    public mutating func add(_ name: String, values: some Sequence<String>) {
        let values = Array(values)
        sets[name, default: []].formUnion(values)
        lookup[name, default: []].formUnion(values.map(AQLValue.string))
    }

    static func parse(_ data: Data, name: String) throws(ReferenceSetError) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        if text.drop(while: { $0.isWhitespace }).first == "[" {
            guard let array = try? JSONSerialization.jsonObject(with: data) as? [Any] else {
                throw ReferenceSetError("reference set \(name): the file starts with '[' but is not a JSON array")
            }
            var values: [String] = []
            for element in array {
                if let string = element as? String { values.append(string) }
                else if let number = element as? NSNumber { values.append(number.stringValue) }
                else { throw ReferenceSetError("reference set \(name): JSON elements must be strings or numbers") }
            }
            return values
        }
        var values: [String] = []
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let value = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if value.isEmpty || value.hasPrefix("#") { continue }
            values.append(value)
        }
        return values
    }

    /// Whether set `name` holds `value`; `nil` when no such set was loaded.
    public func contains(_ name: String, _ value: String) -> Bool? {
        guard let set = lookup[name] else { return nil }
        return set.contains(.string(value))
    }
}

public struct ReferenceSetError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
