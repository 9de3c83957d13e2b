/// A query that does not follow AQL's grammar: what, where, and what was expected.
public struct AQLSyntaxError: Error, Sendable, Equatable {
    public var problem: AQLSyntaxProblem
    public var position: SourcePosition
    /// Bytes to underline.
    public var length: Int
    /// The offending text as written.
    public var found: String

    public init(_ problem: AQLSyntaxProblem, at position: SourcePosition, length: Int, found: String) {
        self.problem = problem
        self.position = position
        self.length = length
        self.found = found
    }

    /// `file:line:column: error: message`, then the query line with a caret under the problem.
    public func rendered(query: String, file: String = "query") -> String {
        AQLDiagnostic.render(file: file, query: query, position: position, length: length,
                             message: problem.message + (found.isEmpty ? "" : ", found \(found)"))
    }
}

/// A query that parses but cannot run: an unknown property, a bad argument, an aggregate where
/// none may stand.
public struct AQLSemanticError: Error, Sendable, Equatable {
    public var problem: AQLSemanticProblem
    public var position: SourcePosition
    public var length: Int

    public init(_ problem: AQLSemanticProblem, at position: SourcePosition, length: Int = 1) {
        self.problem = problem
        self.position = position
        self.length = length
    }

    public func rendered(query: String, file: String = "query") -> String {
        AQLDiagnostic.render(file: file, query: query, position: position, length: length, message: problem.message)
    }
}

enum AQLDiagnostic {
    static func render(file: String, query: String, position: SourcePosition, length: Int, message: String) -> String {
        let (line, column) = position.lineAndColumn(in: query)
        return "\(file):\(line):\(column): error: \(message)\n" + position.excerpt(in: query, length: length)
    }
}
