/// A place in a query's text: a UTF-8 byte offset, with 1-based line and column worked out on
/// demand.
public struct SourcePosition: Hashable, Sendable, Comparable {
    /// Byte offset from the start of the query text.
    public var offset: Int

    public init(offset: Int) {
        self.offset = offset
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }

    /// 1-based line and column (in characters) of this position in `text`.
    public func lineAndColumn(in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var consumed = 0
        for character in text {
            if consumed >= offset { break }
            consumed += character.utf8.count
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// The query line holding this position, and a caret line under it:
    ///
    ///     SELECT COUNT(* FROM events
    ///                    ^^^^
    public func excerpt(in text: String, length: Int = 1) -> String {
        let (line, column) = lineAndColumn(in: text)
        // "\r\n" is one Character, so split on it as well as "\n" (as `lineAndColumn` counts).
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard line - 1 < lines.count else { return "" }
        let source = String(lines[line - 1]).replacingOccurrences(of: "\t", with: " ")
        let caret = String(repeating: " ", count: max(0, column - 1)) + String(repeating: "^", count: max(1, min(length, max(1, source.count - column + 1))))
        return source + "\n" + caret
    }
}

import Foundation
