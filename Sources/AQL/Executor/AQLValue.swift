/// A value during evaluation: NULL, an integer, a decimal, a string, or a truth value.
///
/// Strings compare and hash by their UTF-8 bytes (as Java and DuckDB compare them), not by
/// Swift's canonical equivalence: `"é"` written precomposed and decomposed are two different
/// values, two different groups.
public enum AQLValue: Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case decimal(Double)
    case string(String)
    case boolean(Bool)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as text, as `STR()` and the writers show it; `nil` for NULL.
    public var text: String? {
        switch self {
        case .null: return nil
        case .integer(let value): return String(value)
        case .decimal(let value): return AQLValue.format(value)
        case .string(let value): return value
        case .boolean(let value): return value ? "true" : "false"
        }
    }

    public var description: String { text ?? "NULL" }

    /// Decimal text as Java's `Double.toString` lays it out: plain for magnitudes in
    /// [10^-3, 10^7) with at least one fractional digit (`2.0`, `0.001`, `1234567.5`), else
    /// one digit, a point, the rest and an exponent (`1.0E7`, `1.767239984E12`, `1.0E-4`).
    ///
    /// The digits are the shortest that read back as the same double (Swift's, and Java's since
    /// JDK 19); JDK 17 and older sometimes print one or two digits more above 10^16
    /// (`2.13990189847280704E17` for `2.139901898472807E17`). docs/aql.md says so.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's shortest text: "1234.5", "0.0001", "1e+16", "1.2345e-07".
        let shortest = value.magnitude.description
        var mantissa = Substring(shortest)
        var exponent = 0
        if let e = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = shortest[..<e]
            exponent = Int(shortest[shortest.index(after: e)...]) ?? 0
        }
        let integerPart = mantissa.prefix { $0 != "." }
        let fractionPart = mantissa.drop { $0 != "." }.dropFirst()
        // value = 0.d1d2… × 10^(point): the digits without leading zeros, and where the point goes.
        let allDigits = integerPart + fractionPart
        let leadingZeros = allDigits.prefix { $0 == "0" }.count
        var digits = String(allDigits.dropFirst(leadingZeros))
        while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
        let point = exponent + integerPart.count - leadingZeros
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        if magnitude >= 1e-3 && magnitude < 1e7 {
            if point > 0 {
                let padded = digits.count >= point ? digits : digits + String(repeating: "0", count: point - digits.count)
                let fraction = padded.dropFirst(point)
                return sign + padded.prefix(point) + "." + (fraction.isEmpty ? "0" : fraction)
            }
            return sign + "0." + String(repeating: "0", count: -point) + digits
        }
        let rest = digits.dropFirst()
        return sign + digits.prefix(1) + "." + (rest.isEmpty ? "0" : rest) + "E" + String(point - 1)
    }

    /// The value as a number, reading numeric strings; `nil` when it is not one.
    var number: AQLNumber? {
        switch self {
        case .integer(let value): return .integer(value)
        case .decimal(let value): return .decimal(value)
        case .string(let text): return AQLNumber(parsing: text)
        case .null, .boolean: return nil
        }
    }
}

/// A numeric operand.
enum AQLNumber {
    case integer(Int64)
    case decimal(Double)

    init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = Int64(trimmed) {
            self = .integer(value)
        } else if let value = Double(trimmed), !trimmed.isEmpty, trimmed.allSatisfy({ "0123456789+-.eE".contains($0) }) {
            self = .decimal(value)
        } else {
            return nil
        }
    }

    var double: Double {
        switch self {
        case .integer(let value): Double(value)
        case .decimal(let value): value
        }
    }

    var value: AQLValue {
        switch self {
        case .integer(let value): .integer(value)
        case .decimal(let value): .decimal(value)
        }
    }
}

extension AQLValue: Hashable {
    public static func == (lhs: AQLValue, rhs: AQLValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.integer(let a), .integer(let b)): return a == b
        case (.decimal(let a), .decimal(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): return AQLValue.sameBytes(a, b)
        case (.boolean(let a), .boolean(let b)): return a == b
        default: return false
        }
    }

    /// Byte equality of two strings (not Unicode equivalence: QRadar compares bytes). Native
    /// strings are contiguous UTF-8, so this is a length check and a `memcmp`; group lookups do
    /// it for every matching event.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                left.count == right.count && (left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .integer(let value):
            hasher.combine(1 as UInt8)
            hasher.combine(value)
        case .decimal(let value):
            hasher.combine(2 as UInt8)
            hasher.combine(value.isNaN ? Double.nan.bitPattern : value.bitPattern)
        case .string(let value):
            hasher.combine(3 as UInt8)
            var text = value
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .boolean(let value):
            hasher.combine(4 as UInt8)
            hasher.combine(value)
        }
    }
}

// MARK: - Operations

extension AQLValue {
    /// Three-way comparison for `=`, `<` and friends; `nil` when the result is unknown (a NULL,
    /// a string that is not a number compared with a number, values of unrelated kinds).
    static func compare(_ lhs: AQLValue, _ rhs: AQLValue) -> Int? {
        switch (lhs, rhs) {
        case (.null, _), (_, .null):
            return nil
        case (.string(let a), .string(let b)):
            return compareBytes(a, b)
        case (.integer(let a), .integer(let b)):
            return a < b ? -1 : (a > b ? 1 : 0)
        case (.boolean(let a), .boolean(let b)):
            return a == b ? 0 : (a ? 1 : -1)
        default:
            guard let a = lhs.number, let b = rhs.number else { return nil }
            if case .integer(let x) = a, case .integer(let y) = b { return x < y ? -1 : (x > y ? 1 : 0) }
            let x = a.double, y = b.double
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        }
    }

    /// Byte order of the UTF-8 texts (unsigned bytes, a prefix first), as Java's and DuckDB's
    /// string comparisons order ASCII; one `memcmp` over native contiguous UTF-8.
    static func compareBytes(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0 {
                    let order = memcmp(left.baseAddress!, right.baseAddress!, common)
                    if order != 0 { return order < 0 ? -1 : 1 }
                }
                return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
            }
        }
    }

    /// Total order for ORDER BY and group keys: NULL lowest, then numbers, strings, booleans.
    static func sortOrder(_ lhs: AQLValue, _ rhs: AQLValue) -> Int {
        func rank(_ value: AQLValue) -> Int {
            switch value {
            case .null: 0
            case .integer, .decimal: 1
            case .string: 2
            case .boolean: 3
            }
        }
        let (a, b) = (rank(lhs), rank(rhs))
        if a != b { return a < b ? -1 : 1 }
        if case .decimal(let x) = lhs, x.isNaN { if case .decimal(let y) = rhs, y.isNaN { return 0 }; return 1 }
        if case .decimal(let y) = rhs, y.isNaN { return -1 }
        return compare(lhs, rhs) ?? 0
    }

    /// `+ - * / %` with AQL's rules (integer division truncates, by zero gives NULL).
    static func arithmetic(_ operation: AQLBinaryOperator, _ lhs: AQLValue, _ rhs: AQLValue) -> AQLValue {
        guard let a = lhs.number, let b = rhs.number else { return .null }
        if case .integer(let x) = a, case .integer(let y) = b {
            switch operation {
            case .add:
                let (result, overflow) = x.addingReportingOverflow(y)
                return overflow ? .decimal(Double(x) + Double(y)) : .integer(result)
            case .subtract:
                let (result, overflow) = x.subtractingReportingOverflow(y)
                return overflow ? .decimal(Double(x) - Double(y)) : .integer(result)
            case .multiply:
                let (result, overflow) = x.multipliedReportingOverflow(by: y)
                return overflow ? .decimal(Double(x) * Double(y)) : .integer(result)
            case .divide:
                if y == 0 { return .null }
                if x == .min && y == -1 { return .decimal(-Double(x)) }
                return .integer(x / y)
            case .remainder:
                if y == 0 { return .null }
                if y == -1 { return .integer(0) }
                return .integer(x % y)
            default:
                return .null
            }
        }
        let x = a.double, y = b.double
        switch operation {
        case .add: return .decimal(x + y)
        case .subtract: return .decimal(x - y)
        case .multiply: return .decimal(x * y)
        case .divide: return y == 0 ? .null : .decimal(x / y)
        case .remainder: return y == 0 ? .null : .decimal(x.truncatingRemainder(dividingBy: y))
        default: return .null
        }
    }

    /// The truth value for WHERE/HAVING/AND/OR: `nil` is unknown.
    var truth: Bool? {
        switch self {
        case .boolean(let value): return value
        case .null: return nil
        case .integer(let value): return value != 0
        case .decimal(let value): return value != 0
        case .string(let value): return value.lowercased() == "true" ? true : (value.lowercased() == "false" ? false : nil)
        }
    }
}

import Foundation
