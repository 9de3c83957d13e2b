/// A path from the root of a CloudTrail record to one value, as a list of object keys.
///
/// Two spellings are accepted: dotted (`userIdentity.sessionContext.sessionIssuer.arn`) and
/// QRadar's JSON-property form (`/"userIdentity"/"arn"`), in which a key may contain dots.
/// Array indexes are not supported: no property of the catalog needs one, and QRadar's own
/// CloudTrail properties address objects only.
public struct PropertyPath: Hashable, Sendable, CustomStringConvertible {
    /// The object keys from the record's root, outermost first.
    public let keys: [String]

    public init(keys: [String]) {
        self.keys = keys
    }

    /// Parses either spelling; `nil` when the text is empty or malformed (an empty key, an
    /// unterminated quote).
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("/") {
            guard let keys = PropertyPath.parseQRadarForm(trimmed) else { return nil }
            self.keys = keys
        } else {
            let keys = trimmed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !keys.isEmpty, !keys.contains(where: \.isEmpty) else { return nil }
            self.keys = keys
        }
    }

    /// The dotted spelling.
    public var description: String { keys.joined(separator: ".") }

    /// `/"a"/"b"`: each key quoted, `\"` inside a key allowed.
    private static func parseQRadarForm(_ text: String) -> [String]? {
        var keys: [String] = []
        var characters = Substring(text)
        while !characters.isEmpty {
            guard characters.first == "/" else { return nil }
            characters = characters.dropFirst()
            guard characters.first == "\"" else { return nil }
            characters = characters.dropFirst()
            var key = ""
            var closed = false
            while let character = characters.first {
                characters = characters.dropFirst()
                if character == "\\", let next = characters.first {
                    key.append(next)
                    characters = characters.dropFirst()
                } else if character == "\"" {
                    closed = true
                    break
                } else {
                    key.append(character)
                }
            }
            guard closed, !key.isEmpty else { return nil }
            keys.append(key)
        }
        return keys.isEmpty ? nil : keys
    }
}

import Foundation
