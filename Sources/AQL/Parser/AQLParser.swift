/// Parses AQL text into an `AQLQuery`: recursive descent, one method per grammar rule.
///
/// Clause order: `SELECT … FROM events [WHERE] [GROUP BY] [HAVING] [ORDER BY] [LIMIT]`, with the
/// time clause (`LAST n UNIT` or `START 'a' STOP 'b'`) accepted once anywhere after FROM, as
/// QRadar accepts it. Expressions are parsed by precedence, lowest first:
/// `OR` < `AND` < `NOT` < comparison, `IN`, `BETWEEN`, `IS`, `LIKE`/`MATCHES` < `+ - ||` < `* / %`
/// < unary `-` < primary.
public struct AQLParser {
    let tokens: [AQLToken]
    let text: String
    let utf8: [UInt8]
    var index = 0

    /// Words that end an expression or start a clause: never read as property names (quote them
    /// to use them as names: `"last"`).
    static let reserved: Set<String> = [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "LAST", "START", "STOP",
        "AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "LIKE", "ILIKE", "MATCHES", "IMATCHES",
        "CASE", "WHEN", "THEN", "ELSE", "END", "AS", "ASC", "DESC",
    ]

    /// Parses `text`.
    public static func parse(_ text: String) throws(AQLSyntaxError) -> AQLQuery {
        var lexer = AQLLexer(text)
        var parser = AQLParser(tokens: try lexer.tokenize(), text: text)
        return try parser.parseQuery()
    }

    init(tokens: [AQLToken], text: String) {
        self.tokens = tokens
        self.text = text
        self.utf8 = Array(text.utf8)
    }

    // MARK: - Token helpers

    var current: AQLToken { tokens[index] }

    mutating func advance() -> AQLToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    mutating func accept(keyword: String) -> Bool {
        if current.isKeyword(keyword) {
            _ = advance()
            return true
        }
        return false
    }

    mutating func accept(symbol: String) -> Bool {
        if current.isSymbol(symbol) {
            _ = advance()
            return true
        }
        return false
    }

    mutating func expect(keyword: String) throws(AQLSyntaxError) {
        guard accept(keyword: keyword) else { throw unexpected(expecting: keyword) }
    }

    mutating func expect(symbol: String, _ what: String? = nil) throws(AQLSyntaxError) {
        guard accept(symbol: symbol) else { throw unexpected(expecting: what ?? "'\(symbol)'") }
    }

    func unexpected(expecting what: String) -> AQLSyntaxError {
        AQLSyntaxError(.expected(what), at: current.position, length: max(current.length, 1), found: current.display)
    }

    func isReserved(_ token: AQLToken) -> Bool {
        if case .word(let word) = token.kind { return AQLParser.reserved.contains(word.uppercased()) }
        return false
    }

    /// The query text from `start` up to the end of the token before the current one.
    func source(from start: SourcePosition) -> String {
        let previous = tokens[max(index - 1, 0)]
        let end = previous.position.offset + previous.length
        guard end > start.offset else { return "" }
        return String(decoding: utf8[start.offset..<end], as: UTF8.self)
    }

    // MARK: - Statement

    mutating func parseQuery() throws(AQLSyntaxError) -> AQLQuery {
        try expect(keyword: "SELECT")
        var select: [AQLQuery.SelectItem] = []
        repeat {
            select.append(try parseSelectItem())
        } while accept(symbol: ",")
        guard accept(keyword: "FROM") else {
            throw unexpected(expecting: select.isEmpty ? "a select item" : "',' or FROM")
        }
        let tableToken = advance()
        let tablePosition = tableToken.position
        let table: String
        switch tableToken.kind {
        case .word(let word) where !AQLParser.reserved.contains(word.uppercased()): table = word
        case .quotedName(let name): table = name
        default:
            throw AQLSyntaxError(.expected("a table name (events)"), at: tableToken.position, length: max(tableToken.length, 1), found: tableToken.display)
        }
        var query = AQLQuery(select: select, table: table, filter: nil, groupBy: [], having: nil, orderBy: [],
                             limit: nil, window: nil, text: text)
        query.tablePosition = tablePosition
        try parseWindowIfPresent(&query)
        if accept(keyword: "WHERE") { query.filter = try parseExpression() }
        try parseWindowIfPresent(&query)
        if accept(keyword: "GROUP") {
            try expect(keyword: "BY")
            repeat { query.groupBy.append(try parseExpression()) } while accept(symbol: ",")
        }
        try parseWindowIfPresent(&query)
        if accept(keyword: "HAVING") { query.having = try parseExpression() }
        try parseWindowIfPresent(&query)
        if accept(keyword: "ORDER") {
            try expect(keyword: "BY")
            repeat {
                let expression = try parseExpression()
                var descending = false
                if accept(keyword: "DESC") { descending = true } else { _ = accept(keyword: "ASC") }
                query.orderBy.append(AQLQuery.OrderItem(expression: expression, descending: descending))
            } while accept(symbol: ",")
        }
        try parseWindowIfPresent(&query)
        if accept(keyword: "LIMIT") {
            let token = advance()
            guard case .integer(let value) = token.kind, value > 0 else {
                throw AQLSyntaxError(.expected("a positive number after LIMIT"), at: token.position, length: max(token.length, 1), found: token.display)
            }
            query.limit = Int(value)
        }
        try parseWindowIfPresent(&query)
        guard current.kind == .end else {
            throw unexpected(expecting: "end of query (or WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, LAST, START)")
        }
        return query
    }

    mutating func parseSelectItem() throws(AQLSyntaxError) -> AQLQuery.SelectItem {
        let start = current.position
        if accept(symbol: "*") {
            return AQLQuery.SelectItem(expression: nil, alias: nil, text: "*", position: start)
        }
        if current.kind == .end || current.isKeyword("FROM") { throw unexpected(expecting: "a select item") }
        let expression = try parseExpression()
        let text = source(from: start)
        var alias: String?
        if accept(keyword: "AS") {
            let token = advance()
            switch token.kind {
            case .word(let word): alias = word
            case .quotedName(let name): alias = name
            case .string(let string) where !string.isEmpty: alias = string
            default:
                throw AQLSyntaxError(.expected("an alias after AS"), at: token.position, length: max(token.length, 1), found: token.display)
            }
        }
        return AQLQuery.SelectItem(expression: expression, alias: alias, text: text, position: start)
    }

    mutating func parseWindowIfPresent(_ query: inout AQLQuery) throws(AQLSyntaxError) {
        if current.isKeyword("LAST") && !(tokens[index + 1].isSymbol("(")) {
            guard query.window == nil else { throw unexpected(expecting: "only one time clause") }
            let start = current.position
            _ = advance()
            let amountToken = advance()
            guard case .integer(let amount) = amountToken.kind, amount > 0 else {
                throw AQLSyntaxError(.expected("a positive number after LAST"), at: amountToken.position, length: max(amountToken.length, 1), found: amountToken.display)
            }
            let unitToken = advance()
            guard case .word(let unit) = unitToken.kind, let milliseconds = AQLParser.unitMilliseconds(unit) else {
                throw AQLSyntaxError(.expected("MINUTES, HOURS or DAYS"), at: unitToken.position, length: max(unitToken.length, 1), found: unitToken.display)
            }
            let (product, overflow) = amount.multipliedReportingOverflow(by: milliseconds)
            guard !overflow else { throw AQLSyntaxError(.numberTooLarge, at: amountToken.position, length: amountToken.length, found: amountToken.display) }
            query.window = .last(milliseconds: product, text: source(from: start))
        } else if current.isKeyword("START") {
            guard query.window == nil else { throw unexpected(expecting: "only one time clause") }
            let position = current.position
            _ = advance()
            let startToken = advance()
            guard case .string(let start) = startToken.kind else {
                throw AQLSyntaxError(.expected("a quoted time after START"), at: startToken.position, length: max(startToken.length, 1), found: startToken.display)
            }
            try expect(keyword: "STOP")
            let stopToken = advance()
            guard case .string(let stop) = stopToken.kind else {
                throw AQLSyntaxError(.expected("a quoted time after STOP"), at: stopToken.position, length: max(stopToken.length, 1), found: stopToken.display)
            }
            query.window = .startStop(start: start, stop: stop, at: position)
        }
    }

    static func unitMilliseconds(_ unit: String) -> Int64? {
        switch unit.uppercased() {
        case "SECOND", "SECONDS": 1000
        case "MINUTE", "MINUTES": 60_000
        case "HOUR", "HOURS": 3_600_000
        case "DAY", "DAYS": 86_400_000
        default: nil
        }
    }

    // MARK: - Expressions

    mutating func parseExpression() throws(AQLSyntaxError) -> AQLExpression {
        try parseOr()
    }

    mutating func parseOr() throws(AQLSyntaxError) -> AQLExpression {
        var left = try parseAnd()
        while accept(keyword: "OR") { left = .binary(.or, left, try parseAnd()) }
        return left
    }

    mutating func parseAnd() throws(AQLSyntaxError) -> AQLExpression {
        var left = try parseNot()
        while accept(keyword: "AND") { left = .binary(.and, left, try parseNot()) }
        return left
    }

    mutating func parseNot() throws(AQLSyntaxError) -> AQLExpression {
        if accept(keyword: "NOT") { return .not(try parseNot()) }
        return try parseComparison()
    }

    mutating func parseComparison() throws(AQLSyntaxError) -> AQLExpression {
        let left = try parseAdditive()
        if case .symbol(let symbol) = current.kind, let comparison = AQLParser.comparison(symbol) {
            _ = advance()
            return .binary(comparison, left, try parseAdditive())
        }
        if accept(keyword: "IS") {
            let negated = accept(keyword: "NOT")
            try expect(keyword: "NULL")
            return .isNull(left, negated: negated)
        }
        // Postfix forms, optionally negated: NOT IN, NOT BETWEEN, NOT LIKE, …
        let negated = current.isKeyword("NOT") && AQLParser.postfixKeywords.contains(where: { tokens[index + 1].isKeyword($0) })
        if negated { _ = advance() }
        if accept(keyword: "IN") {
            try expect(symbol: "(", "'(' after IN")
            var items: [AQLExpression] = []
            repeat { items.append(try parseAdditive()) } while accept(symbol: ",")
            try expect(symbol: ")", "',' or ')' to close the IN list")
            return .inList(left, items, negated: negated)
        }
        if accept(keyword: "BETWEEN") {
            let low = try parseAdditive()
            try expect(keyword: "AND")
            let high = try parseAdditive()
            return .between(left, low: low, high: high, negated: negated)
        }
        for patternOperator in [AQLPatternOperator.like, .ilike, .matches, .imatches] where accept(keyword: patternOperator.rawValue) {
            return .pattern(patternOperator, left, pattern: try parseAdditive(), negated: negated)
        }
        if negated { throw unexpected(expecting: "IN, BETWEEN, LIKE, ILIKE, MATCHES or IMATCHES after NOT") }
        return left
    }

    static let postfixKeywords = ["IN", "BETWEEN", "LIKE", "ILIKE", "MATCHES", "IMATCHES"]

    static func comparison(_ symbol: String) -> AQLBinaryOperator? {
        switch symbol {
        case "=": .equal
        case "<>", "!=": .notEqual
        case "<": .less
        case "<=": .lessOrEqual
        case ">": .greater
        case ">=": .greaterOrEqual
        default: nil
        }
    }

    mutating func parseAdditive() throws(AQLSyntaxError) -> AQLExpression {
        var left = try parseMultiplicative()
        while true {
            if accept(symbol: "+") {
                left = .binary(.add, left, try parseMultiplicative())
            } else if accept(symbol: "-") {
                left = .binary(.subtract, left, try parseMultiplicative())
            } else if accept(symbol: "||") {
                left = .binary(.concatenate, left, try parseMultiplicative())
            } else {
                return left
            }
        }
    }

    mutating func parseMultiplicative() throws(AQLSyntaxError) -> AQLExpression {
        var left = try parseUnary()
        while true {
            if accept(symbol: "*") {
                left = .binary(.multiply, left, try parseUnary())
            } else if accept(symbol: "/") {
                left = .binary(.divide, left, try parseUnary())
            } else if accept(symbol: "%") {
                left = .binary(.remainder, left, try parseUnary())
            } else {
                return left
            }
        }
    }

    mutating func parseUnary() throws(AQLSyntaxError) -> AQLExpression {
        if accept(symbol: "-") {
            let operand = try parseUnary()
            switch operand {
            case .integer(let value): return .integer(-value)
            case .decimal(let value): return .decimal(-value)
            default: return .negate(operand)
            }
        }
        if accept(symbol: "+") { return try parseUnary() }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws(AQLSyntaxError) -> AQLExpression {
        let token = current
        switch token.kind {
        case .integer(let value):
            _ = advance()
            return .integer(value)
        case .decimal(let value):
            _ = advance()
            return .decimal(value)
        case .string(let value):
            _ = advance()
            return .string(value)
        case .quotedName(let name):
            _ = advance()
            return .name(name, quoted: true, at: token.position)
        case .symbol("("):
            _ = advance()
            let inner = try parseExpression()
            try expect(symbol: ")", "')' to close '('")
            return inner
        case .symbol("*"):
            _ = advance()
            return .star(at: token.position)
        case .word(let word):
            if token.isKeyword("NULL") {
                _ = advance()
                return .null
            }
            if token.isKeyword("CASE") { return try parseCase() }
            if tokens[index + 1].isSymbol("(") {
                _ = advance()
                _ = advance()
                var arguments: [AQLExpression] = []
                if !accept(symbol: ")") {
                    repeat { arguments.append(try parseExpression()) } while accept(symbol: ",")
                    try expect(symbol: ")", "',' or ')' to close \(word.uppercased())(")
                }
                return .call(word, arguments, at: token.position)
            }
            guard !isReserved(token) else { throw unexpected(expecting: "a property name or value") }
            _ = advance()
            return .name(word, quoted: false, at: token.position)
        default:
            throw unexpected(expecting: "a property name or value")
        }
    }

    mutating func parseCase() throws(AQLSyntaxError) -> AQLExpression {
        try expect(keyword: "CASE")
        var subject: AQLExpression?
        if !current.isKeyword("WHEN") { subject = try parseExpression() }
        var branches: [AQLCaseBranch] = []
        while accept(keyword: "WHEN") {
            let condition = try parseExpression()
            try expect(keyword: "THEN")
            branches.append(AQLCaseBranch(when: condition, then: try parseExpression()))
        }
        guard !branches.isEmpty else { throw unexpected(expecting: "WHEN") }
        var otherwise: AQLExpression?
        if accept(keyword: "ELSE") { otherwise = try parseExpression() }
        guard accept(keyword: "END") else { throw unexpected(expecting: "WHEN, ELSE or END to close CASE") }
        return .caseWhen(subject: subject, branches: branches, otherwise: otherwise)
    }
}
