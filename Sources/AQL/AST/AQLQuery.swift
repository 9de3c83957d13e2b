/// A parsed AQL statement.
public struct AQLQuery: Equatable, Sendable {
    /// One item of the SELECT list.
    public struct SelectItem: Equatable, Sendable {
        /// `nil` for `*`.
        public var expression: AQLExpression?
        public var alias: String?
        /// The item's text as written (names unaliased expressions).
        public var text: String
        public var position: SourcePosition
    }

    /// One key of ORDER BY.
    public struct OrderItem: Equatable, Sendable {
        public var expression: AQLExpression
        public var descending: Bool
    }

    /// The query's own time window.
    public enum Window: Equatable, Sendable {
        /// `LAST n MINUTES|HOURS|DAYS`, in milliseconds.
        case last(milliseconds: Int64, text: String)
        /// `START 'a' STOP 'b'`, as written.
        case startStop(start: String, stop: String, at: SourcePosition)
    }

    public var select: [SelectItem]
    public var table: String
    public var filter: AQLExpression?
    public var groupBy: [AQLExpression]
    public var having: AQLExpression?
    public var orderBy: [OrderItem]
    public var limit: Int?
    public var window: Window?
    /// The query text it came from.
    public var text: String
    /// Where the table name stands (for the error when it is not `events`).
    public var tablePosition = SourcePosition(offset: 0)
}
