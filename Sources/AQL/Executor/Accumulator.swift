import CloudTrail
import Glibc

/// The running state of one aggregate in one group; merges with the state another worker built.
struct Accumulator: Sendable {
    var count: Int64 = 0
    var sum = ExactSum()
    var extreme: AQLValue = .null
    /// UNIQUECOUNT's distinct values, in the byte form of `ValueBytes` (exact).
    var unique = ByteKeyTable()
    /// FIRST/LAST: the chosen row's value, time and place.
    var chosen: AQLValue = .null
    var chosenTime: Int64 = 0
    var chosenLocation: RecordLocation?

    mutating func add(_ function: AggregateFunction, _ value: AQLValue, time: Int64, location: RecordLocation) {
        switch function {
        case .count:
            if !value.isNull { count += 1 }
        case .uniqueCount:
            if !value.isNull {
                var bytes: [UInt8] = []
                ValueBytes.append(value, to: &bytes)
                bytes.withUnsafeBytes { _ = unique.add($0) }
            }
        case .sum, .average:
            if let number = value.number { sum.add(number) }
        case .minimum:
            if !value.isNull && (extreme.isNull || AQLValue.sortOrder(value, extreme) < 0) { extreme = value }
        case .maximum:
            if !value.isNull && (extreme.isNull || AQLValue.sortOrder(value, extreme) > 0) { extreme = value }
        case .first:
            if chosenLocation == nil || (time, location) < (chosenTime, chosenLocation!) { choose(value, time, location) }
        case .last:
            if chosenLocation == nil || (time, location) > (chosenTime, chosenLocation!) { choose(value, time, location) }
        }
    }

    /// UNIQUECOUNT of a value already in byte form (not NULL).
    @inline(__always)
    mutating func addUnique(_ bytes: UnsafeRawBufferPointer) { unique.add(bytes) }

    /// FIRST/LAST: whether a row at (`time`, `location`) would replace the chosen one, so its
    /// value need only be computed then.
    @inline(__always)
    func wouldChoose(_ function: AggregateFunction, time: Int64, location: RecordLocation) -> Bool {
        guard let chosenLocation else { return true }
        return function == .first ? (time, location) < (chosenTime, chosenLocation) : (time, location) > (chosenTime, chosenLocation)
    }

    /// MIN/MAX: the order of the string `bytes` against the extreme (-1, 0 or 1), read in place;
    /// `nil` when the extreme is not a string (NULL before the group's first value) or its text
    /// is not stored contiguously, and the value must be evaluated to decide.
    func order(ofPlainString bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard case .string(let text) = extreme else { return nil }
        return text.utf8.withContiguousStorageIfAvailable { current -> Int in
            let common = min(bytes.count, current.count)
            let order = common == 0 ? 0 : memcmp(bytes.baseAddress!, current.baseAddress!, common)
            if order != 0 { return order < 0 ? -1 : 1 }
            return bytes.count == current.count ? 0 : (bytes.count < current.count ? -1 : 1)
        }
    }

    /// COUNT(*): one more row.
    mutating func addRow() { count += 1 }

    private mutating func choose(_ value: AQLValue, _ time: Int64, _ location: RecordLocation) {
        chosen = value
        chosenTime = time
        chosenLocation = location
    }

    mutating func merge(_ function: AggregateFunction, _ other: Accumulator) {
        switch function {
        case .count:
            count += other.count
        case .uniqueCount:
            unique.formUnion(other.unique)
        case .sum, .average:
            sum.merge(other.sum)
        case .minimum, .maximum:
            if !other.extreme.isNull {
                let order = extreme.isNull ? 0 : AQLValue.sortOrder(other.extreme, extreme)
                if extreme.isNull || (function == .minimum ? order < 0 : order > 0) { extreme = other.extreme }
            }
        case .first, .last:
            guard let location = other.chosenLocation else { return }
            add(function, other.chosen, time: other.chosenTime, location: location)
        }
    }

    func value(_ function: AggregateFunction) -> AQLValue {
        switch function {
        case .count: return .integer(count)
        case .uniqueCount: return .integer(Int64(unique.count))
        case .sum: return sum.value
        case .average: return sum.average
        case .minimum, .maximum: return extreme
        case .first, .last: return chosen
        }
    }
}
