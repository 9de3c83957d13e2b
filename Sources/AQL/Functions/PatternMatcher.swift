import Foundation

/// A compiled LIKE/ILIKE pattern or MATCHES/IMATCHES regular expression.
///
/// LIKE: `%` matches any run of characters, `_` exactly one (a Unicode scalar); everything else
/// matches itself; there is no escape character. ILIKE compares lower-cased text.
/// MATCHES: `NSRegularExpression` (ICU, close to Java's syntax), anchored to the whole value as
/// Java's `String.matches` is. Immutable after creation, so one matcher serves every worker.
public final class PatternMatcher: Equatable, Sendable, CustomStringConvertible {
    public let kind: AQLPatternOperator
    public let pattern: String
    private let regex: NSRegularExpression?
    private let likePieces: [[Unicode.Scalar]]?   // the pattern split at '%'

    public init(_ kind: AQLPatternOperator, pattern: String) throws(PatternCompileError) {
        self.kind = kind
        self.pattern = pattern
        switch kind {
        case .like, .ilike:
            let text = kind == .ilike ? pattern.lowercased() : pattern
            likePieces = text.split(separator: "%", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
            regex = nil
        case .matches, .imatches:
            likePieces = nil
            do {
                // `\z`, not `$`: ICU's `$` also matches before a final line terminator, and
                // Java's `String.matches` does not ('abc\n' does not match 'abc').
                regex = try NSRegularExpression(pattern: "^(?:" + pattern + ")\\z",
                                                options: kind == .imatches ? [.caseInsensitive] : [])
            } catch {
                throw PatternCompileError(message: "the regular expression '\(pattern)' does not compile")
            }
        }
    }

    public struct PatternCompileError: Error, Sendable {
        public var message: String
    }

    public static func == (lhs: PatternMatcher, rhs: PatternMatcher) -> Bool {
        lhs.kind == rhs.kind && lhs.pattern == rhs.pattern
    }

    public var description: String { "\(kind.rawValue) '\(pattern)'" }

    /// Whether `text` matches.
    public func matches(_ text: String) -> Bool {
        if let regex {
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            return regex.firstMatch(in: text, options: [.anchored], range: range) != nil
        }
        let subject = Array((kind == .ilike ? text.lowercased() : text).unicodeScalars)
        return PatternMatcher.likeMatch(pieces: likePieces!, subject)
    }

    /// `%`-separated pieces, each with `_` wildcards: the first must match at the start, the last
    /// at the end, the middle ones anywhere in order (leftmost match is always safe here).
    static func likeMatch(pieces: [[Unicode.Scalar]], _ subject: [Unicode.Scalar]) -> Bool {
        func matchesAt(_ piece: [Unicode.Scalar], _ position: Int) -> Bool {
            guard position + piece.count <= subject.count else { return false }
            for (offset, scalar) in piece.enumerated() where scalar != "_" && subject[position + offset] != scalar {
                return false
            }
            return true
        }
        if pieces.count == 1 { return pieces[0].count == subject.count && matchesAt(pieces[0], 0) }
        let first = pieces[0], last = pieces[pieces.count - 1]
        guard first.count + last.count <= subject.count, matchesAt(first, 0),
              matchesAt(last, subject.count - last.count) else { return false }
        var position = first.count
        let limit = subject.count - last.count
        for piece in pieces[1..<(pieces.count - 1)] where !piece.isEmpty {
            var found = false
            while position + piece.count <= limit {
                if matchesAt(piece, position) {
                    found = true
                    break
                }
                position += 1
            }
            if !found { return false }
            position += piece.count
        }
        return true
    }
}
