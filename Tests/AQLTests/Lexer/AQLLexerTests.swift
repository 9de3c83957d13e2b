import AQL
import SkuaTestSupport
import Testing

@Suite struct AQLLexerTests {
    static func kinds(_ text: String) throws -> [AQLToken.Kind] {
        var lexer = AQLLexer(text)
        return try lexer.tokenize().map(\.kind)
    }

    @Test("keeps a keyword's spelling and matches it in any case")
    func keywordsAnyCase() throws {
        var lexer = AQLLexer("select From wHeRe")
        let tokens = try lexer.tokenize()
        #expect(tokens.map(\.kind) == [.word("select"), .word("From"), .word("wHeRe"), .end])
        #expect(tokens[0].isKeyword("SELECT"))
        #expect(tokens[1].isKeyword("from"))
        #expect(tokens[2].isKeyword("WHERE"))
        #expect(!tokens[2].isKeyword("WHEN"))
    }

    @Test("reads '' inside a string as one quote")
    func doubledQuoteInString() throws {
        #expect(try Self.kinds("'it''s'") == [.string("it's"), .end])
        #expect(try Self.kinds("''''") == [.string("'"), .end])
        #expect(try Self.kinds("''") == [.string(""), .end])
    }

    @Test("reads a backslash in a string as an ordinary character")
    func backslash() throws {
        #expect(try Self.kinds(#"'C:\' 'a\nb'"#) == [.string(#"C:\"#), .string(#"a\nb"#), .end])
    }

    @Test("reads a double-quoted name with spaces, and \"\" inside it as one quote")
    func quotedNames() throws {
        #expect(try Self.kinds("\"Event Source\"") == [.quotedName("Event Source"), .end])
        #expect(try Self.kinds("\"a\"\"b\"") == [.quotedName("a\"b"), .end])
        #expect(try Self.kinds("\"select\"") == [.quotedName("select"), .end])
    }

    struct NumberCase: CustomTestStringConvertible, Sendable {
        var text: String
        var kind: AQLToken.Kind
        var testDescription: String { text }
    }

    @Test("reads integers and decimals", arguments: [
        NumberCase(text: "86400000", kind: .integer(86_400_000)),
        NumberCase(text: "0", kind: .integer(0)),
        NumberCase(text: "9223372036854775807", kind: .integer(Int64.max)),
        NumberCase(text: "0.5", kind: .decimal(0.5)),
        NumberCase(text: ".25", kind: .decimal(0.25)),
        NumberCase(text: "1e3", kind: .decimal(1000)),
        NumberCase(text: "2.5E-1", kind: .decimal(0.25)),
    ])
    func numbers(_ example: NumberCase) throws {
        #expect(try Self.kinds(example.text) == [example.kind, .end])
    }

    @Test("reads every operator, two-character ones as one token")
    func operators() throws {
        #expect(try Self.kinds("( ) , * + - / % = <> != < <= > >= ||") == [
            .symbol("("), .symbol(")"), .symbol(","), .symbol("*"), .symbol("+"), .symbol("-"), .symbol("/"),
            .symbol("%"), .symbol("="), .symbol("<>"), .symbol("!="), .symbol("<"), .symbol("<="), .symbol(">"),
            .symbol(">="), .symbol("||"), .end,
        ])
        #expect(try Self.kinds("a<=b") == [.word("a"), .symbol("<="), .word("b"), .end])
    }

    @Test("skips line and block comments")
    func comments() throws {
        #expect(try Self.kinds("a -- note\n/* more\nlines */ b") == [.word("a"), .word("b"), .end])
        #expect(try Self.kinds("a - -1") == [.word("a"), .symbol("-"), .symbol("-"), .integer(1), .end])
    }

    @Test("ends the query at a trailing semicolon")
    func trailingSemicolon() throws {
        #expect(try Self.kinds("a ;  \n") == [.word("a"), .end])
    }

    @Test("gives each token its byte offset")
    func positions() throws {
        let marked = MarkedText("SELECT \"Ünïcode\" ,  ⟨x⟩")
        var lexer = AQLLexer(marked.text)
        let tokens = try lexer.tokenize()
        #expect(tokens[3].kind == .word("x"))
        #expect(tokens[3].position == SourcePosition(offset: marked.offset))
        #expect(tokens[1].length == "\"Ünïcode\"".utf8.count)
    }

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var name: String
        var marked: String
        var problem: AQLSyntaxProblem
        var found: String
        var testDescription: String { name }
    }

    @Test("rejects malformed input at the offending text", arguments: [
        ErrorCase(name: "unterminated string, at its opening quote", marked: "SELECT ⟨'abc FROM events⟩",
                  problem: .unterminatedString, found: "'"),
        ErrorCase(name: "unterminated quoted name, at its opening quote", marked: "SELECT ⟨\"EventSource FROM events⟩",
                  problem: .unterminatedQuotedName, found: "\""),
        ErrorCase(name: "empty quoted name", marked: "SELECT ⟨\"\"⟩ FROM events", problem: .emptyQuotedName, found: "\"\""),
        ErrorCase(name: "stray character", marked: "SELECT a ⟨#⟩ b", problem: .unexpectedCharacter, found: "#"),
        ErrorCase(name: "stray character after a name", marked: "SELECT sourceip⟨?⟩", problem: .unexpectedCharacter, found: "?"),
        ErrorCase(name: "letters glued to a number", marked: "SELECT ⟨12abc⟩ FROM events", problem: .malformedNumber, found: "12abc"),
        ErrorCase(name: "integer past 64 bits", marked: "SELECT ⟨9223372036854775808⟩", problem: .numberTooLarge,
                  found: "9223372036854775808"),
        ErrorCase(name: "text after the closing semicolon", marked: "SELECT a FROM events; ⟨L⟩IMIT 1",
                  problem: .textAfterSemicolon, found: "text after ';'"),
    ])
    func errors(_ example: ErrorCase) {
        let marked = MarkedText(example.marked)
        var lexer = AQLLexer(marked.text)
        let error = #expect(throws: AQLSyntaxError.self) { try lexer.tokenize() }
        #expect(error?.problem == example.problem)
        #expect(error?.position == SourcePosition(offset: marked.offset))
        #expect(error?.found == example.found)
    }
}
