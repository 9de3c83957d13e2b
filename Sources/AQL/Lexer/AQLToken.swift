/// One lexical unit of an AQL query.
public struct AQLToken: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A bare word: a keyword, a function name or a property name (`SELECT`, `sourceip`).
        case word(String)
        /// A double-quoted name (`"EventSource"`): always a property or alias, never a keyword.
        case quotedName(String)
        /// A single-quoted string literal, `''` already turned into `'`.
        case string(String)
        case integer(Int64)
        case decimal(Double)
        /// Punctuation and operators: `( ) , . * + - / % = <> != < <= > >=`.
        case symbol(String)
        case end
    }

    public var kind: Kind
    /// Where the token starts.
    public var position: SourcePosition
    /// Its length in bytes (for carets).
    public var length: Int

    /// Whether this is the bare word `keyword` (any case).
    public func isKeyword(_ keyword: String) -> Bool {
        if case .word(let word) = kind { return word.caseInsensitiveCompare(keyword) == .orderedSame }
        return false
    }

    public func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol(symbol)
    }

    /// How the token reads in an error message.
    public var display: String {
        switch kind {
        case .word(let word): return word
        case .quotedName(let name): return "\"\(name)\""
        case .string(let text): return "'\(text)'"
        case .integer(let value): return String(value)
        case .decimal(let value): return String(value)
        case .symbol(let symbol): return symbol
        case .end: return "end of query"
        }
    }
}

import Foundation
