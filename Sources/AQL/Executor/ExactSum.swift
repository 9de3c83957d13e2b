/// A sum that does not depend on the order of its terms, so SUM and AVG give byte-identical
/// results whatever the number of workers and however files are spread over them.
///
/// Integers add exactly in 64 bits (overflow moves them to the decimal part). Decimals are kept
/// as Shewchuk's non-overlapping partials (the algorithm behind Python's `math.fsum`): their sum
/// is exact, and the final rounding is correct, hence unique.
struct ExactSum: Sendable {
    private(set) var integer: Int64 = 0
    private var partials: [Double] = []
    private(set) var hasDecimal = false
    private(set) var count: Int64 = 0

    mutating func add(_ value: AQLNumber) {
        count += 1
        switch value {
        case .integer(let x):
            let (sum, overflow) = integer.addingReportingOverflow(x)
            if overflow {
                addDecimal(Double(x))
                hasDecimal = true
            } else {
                integer = sum
            }
        case .decimal(let x):
            hasDecimal = true
            addDecimal(x)
        }
    }

    mutating func merge(_ other: ExactSum) {
        count += other.count
        let (sum, overflow) = integer.addingReportingOverflow(other.integer)
        if overflow {
            addDecimal(Double(other.integer))
            hasDecimal = true
        } else {
            integer = sum
        }
        for partial in other.partials { addDecimal(partial) }
        hasDecimal = hasDecimal || other.hasDecimal
    }

    private mutating func addDecimal(_ value: Double) {
        var x = value
        var kept = 0
        for index in partials.indices {
            var y = partials[index]
            if abs(x) < abs(y) { swap(&x, &y) }
            let high = x + y
            let low = y - (high - x)
            if low != 0 {
                partials[kept] = low
                kept += 1
            }
            x = high
        }
        partials.removeSubrange(kept...)
        partials.append(x)
    }

    /// The correctly rounded sum of the decimal partials (Python's `fsum` final step).
    private var decimalTotal: Double {
        var index = partials.count
        guard index > 0 else { return 0 }
        index -= 1
        var high = partials[index]
        var low = 0.0
        while index > 0 {
            let x = high
            index -= 1
            let y = partials[index]
            high = x + y
            let yr = high - x
            low = y - yr
            if low != 0 { break }
        }
        if index > 0 && ((low < 0 && partials[index - 1] < 0) || (low > 0 && partials[index - 1] > 0)) {
            let y = low * 2
            let x = high + y
            if y == x - high { high = x }
        }
        return high
    }

    /// The sum: an integer while every term was one, else a decimal.
    var value: AQLValue {
        guard count > 0 else { return .null }
        if !hasDecimal { return .integer(integer) }
        var copy = self
        copy.addDecimal(Double(integer))
        return .decimal(copy.decimalTotal)
    }

    var average: AQLValue {
        guard count > 0 else { return .null }
        var copy = self
        copy.addDecimal(Double(integer))
        return .decimal(copy.decimalTotal / Double(count))
    }
}
