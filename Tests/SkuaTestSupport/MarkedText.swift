/// Text with one marked span, so a test can say where an error belongs without counting columns.
///
/// `MarkedText("SELECT COUNT(* ⟨FROM⟩ events")` has `text` `SELECT COUNT(* FROM events`,
/// `offset` 15 (the UTF-8 byte offset of `FROM`) and `length` 4. An empty span (`⟨⟩`) marks a
/// point, such as the end of the text.
public struct MarkedText: Sendable, CustomStringConvertible {
    /// The text without its markers.
    public let text: String
    /// UTF-8 byte offset of the marked span in `text`.
    public let offset: Int
    /// UTF-8 length of the marked span.
    public let length: Int

    public init(_ marked: String) {
        guard let open = marked.range(of: "⟨"), let close = marked.range(of: "⟩"), open.upperBound <= close.lowerBound else {
            preconditionFailure("MarkedText needs one ⟨…⟩ span: \(marked)")
        }
        let before = marked[..<open.lowerBound]
        let inside = marked[open.upperBound..<close.lowerBound]
        let after = marked[close.upperBound...]
        precondition(!after.contains("⟨") && !after.contains("⟩"), "MarkedText takes exactly one span: \(marked)")
        text = String(before) + String(inside) + String(after)
        offset = before.utf8.count
        length = inside.utf8.count
    }

    /// The marked span itself.
    public var marked: String {
        String(decoding: Array(text.utf8)[offset..<(offset + length)], as: UTF8.self)
    }

    public var description: String { text }
}
