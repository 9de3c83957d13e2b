import Foundation
import Synchronization

/// A named value of a CloudTrail record: a QRadar property name bound to JSON paths and a rule
/// for turning what is found there into a value.
public struct PropertyDefinition: Sendable, Equatable {
    /// How the raw value becomes the property's value.
    public enum Transform: String, Sendable, Equatable {
        /// Strings decoded; numbers, booleans, objects and arrays as their JSON text; null → NULL.
        case text
        /// A time (any form `EventTime` reads) → epoch milliseconds; unreadable → NULL.
        case epochMillis
        /// An IP address → canonical text; anything else → NULL (`IPAddress`).
        case ipAddress
        /// A fixed integer (`devicetype` is 347 for every CloudTrail record).
        case constant
        /// The principal's name: the first path's text, else the last part of the second
        /// (an ARN): after the last `/`, or after the last `:` when there is no `/`.
        case principalName
        /// A stable number for eventSource + eventName (see `QIDRegistry`).
        case qid
    }

    /// The kind of value the property yields.
    public enum ValueType: String, Sendable, Equatable {
        case text
        case integer
    }

    public var name: String
    public var paths: [PropertyPath]
    public var transform: Transform
    public var constant: Int64?
    public var description: String

    public var valueType: ValueType {
        switch transform {
        case .epochMillis, .constant, .qid: .integer
        case .text, .ipAddress, .principalName: .text
        }
    }

    public init(name: String, paths: [PropertyPath], transform: Transform = .text, constant: Int64? = nil, description: String = "") {
        self.name = name
        self.paths = paths
        self.transform = transform
        self.constant = constant
        self.description = description
    }
}

/// The value of a property in one record.
public enum PropertyValue: Sendable, Hashable {
    case null
    case text(String)
    case integer(Int64)
}

/// The properties queries can name, in catalog order (the order of `SELECT *`).
///
/// The built-in catalog is `Catalog/properties.json`: the QRadar names the published
/// T1496.004 query uses, QRadar's normalized fields, and more CloudTrail fields. A name is
/// matched exactly first, then without regard to case (`eventsource` finds `EventSource`).
/// Exact matching comes first because QRadar itself has names that differ only in case: the
/// normalized `username` and the CloudTrail property `UserName`; a name that matches several
/// properties only when case is ignored (`USERNAME`) matches none, and the error lists them.
/// Users add their own with `--property NAME=JSONPATH`, exactly as a QRadar admin defines a
/// custom property with a JSON path over the payload.
public struct PropertyCatalog: Sendable {
    public private(set) var properties: [PropertyDefinition]
    /// Exact name → position.
    private var index: [String: Int]
    /// Lower-cased name → positions.
    private var folded: [String: [Int]]

    public init(properties: [PropertyDefinition]) {
        self.properties = []
        self.index = [:]
        self.folded = [:]
        for property in properties { try? add(property) }
    }

    /// The built-in catalog.
    public static let builtIn: PropertyCatalog = {
        do {
            return PropertyCatalog(properties: try parse(Data(PackageResources.properties_json)))
        } catch {
            fatalError("the embedded properties.json is invalid: \(error)")
        }
    }()

    /// Parses a catalog file: a JSON array of `{"name", "path" | "paths", "transform"?,
    /// "constant"?, "description"?}`.
    public static func parse(_ data: Data) throws -> [PropertyDefinition] {
        guard let entries = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw CatalogError("a property catalog is a JSON array of objects")
        }
        var names = Set<String>()
        return try entries.map { entry in
            guard let name = entry["name"] as? String else { throw CatalogError("a property has no name") }
            // Names are exact here (`UserName` and `username` are two properties), so only an
            // exact repeat is a mistake; `init(properties:)` would drop it without a word.
            guard names.insert(name).inserted else { throw CatalogError("property \(name) is defined twice") }
            var texts: [String] = []
            if let path = entry["path"] as? String { texts = [path] }
            if let paths = entry["paths"] as? [String] { texts = paths }
            let paths = try texts.map { text -> PropertyPath in
                guard let path = PropertyPath(parsing: text) else { throw CatalogError("property \(name): bad path \(text)") }
                return path
            }
            let transformName = entry["transform"] as? String ?? "text"
            guard let transform = PropertyDefinition.Transform(rawValue: transformName) else {
                throw CatalogError("property \(name): unknown transform \(transformName)")
            }
            let constant = (entry["constant"] as? NSNumber)?.int64Value
            if transform == .constant && constant == nil { throw CatalogError("property \(name): constant without a value") }
            if transform != .constant && paths.isEmpty { throw CatalogError("property \(name): no path") }
            return PropertyDefinition(name: name, paths: paths, transform: transform, constant: constant,
                                      description: entry["description"] as? String ?? "")
        }
    }

    /// The property called `name`: exactly, or else the one property whose name differs only
    /// in case.
    public func property(named name: String) -> PropertyDefinition? {
        if let exact = index[name] { return properties[exact] }
        if let candidates = folded[name.lowercased()], candidates.count == 1 { return properties[candidates[0]] }
        return nil
    }

    /// Adds a property; replaces a user property of the same name, refuses to redefine a
    /// built-in one or to shadow one by a name that differs only in case (`eventname` would make
    /// `EVENTNAME` ambiguous and hide the built-in from every query that spells it loosely).
    public mutating func add(_ property: PropertyDefinition) throws {
        if index[property.name] == nil, !PropertyCatalog.builtInNames.contains(property.name),
           let clash = folded[property.name.lowercased()]?.first(where: { PropertyCatalog.builtInNames.contains(properties[$0].name) }) {
            throw CatalogError("\(property.name) differs only in case from the built-in property \(properties[clash].name)")
        }
        if let existing = index[property.name] {
            if PropertyCatalog.builtInNames.contains(property.name) && properties[existing] != property {
                throw CatalogError("\(property.name) is a built-in property and cannot be redefined")
            }
            properties[existing] = property
        } else {
            index[property.name] = properties.count
            folded[property.name.lowercased(), default: []].append(properties.count)
            properties.append(property)
        }
    }

    /// Adds a user property from `NAME=JSONPATH` (`--property`).
    public mutating func addUserProperty(_ argument: String) throws {
        guard let equals = argument.firstIndex(of: "=") else {
            throw CatalogError("\(argument.debugDescription) is not NAME=JSONPATH (for example Bucket=requestParameters.bucketName)")
        }
        let name = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
        let pathText = String(argument[argument.index(after: equals)...])
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == " " }) else {
            throw CatalogError("property name \(name.debugDescription) must be letters, digits, spaces or _")
        }
        guard let path = PropertyPath(parsing: pathText) else {
            throw CatalogError("\(pathText.debugDescription) is not a JSON path (use a.b.c or /\"a\"/\"b\")")
        }
        try add(PropertyDefinition(name: name, paths: [path], description: "user property \(pathText)"))
    }

    private static let builtInNames: Set<String> = {
        let data = Data(PackageResources.properties_json)
        let parsed = (try? parse(data)) ?? []
        return Set(parsed.map(\.name))
    }()

    /// Up to `limit` known names closest to `name` (edit distance, case-insensitive).
    public func nearestNames(to name: String, limit: Int = 3) -> [String] {
        let target = Array(name.lowercased())
        let scored = properties.map { property -> (Int, String) in
            (editDistance(target, Array(property.name.lowercased())), property.name)
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(limit).map(\.1)
    }

    private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// A problem in a catalog or a `--property` argument.
public struct CatalogError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A property bound to the slots of one projection: reads its value from a record.
///
/// Every field is a plain value, so the executor copies it per record without reference
/// counting: with several workers, retains of shared objects on that path made the cores fight
/// over cache lines (a third more CPU time with two workers than with one).
public struct BoundProperty: Sendable {
    public let transform: PropertyDefinition.Transform
    /// The slot of the definition's first path, and of its second (`-1` when it has one path).
    public let slot: Int
    public let secondSlot: Int
    /// The slot of `eventTime`, whose time the scanner has already parsed.
    public let eventTimeSlot: Int
    let constant: Int64

    /// Binds `definition` to `table` (which must contain its paths).
    public init(_ definition: PropertyDefinition, table: ProjectionTable) {
        let slots = definition.paths.map { table.slot(for: $0)! }
        transform = definition.transform
        slot = slots.first ?? -1
        secondSlot = slots.count > 1 ? slots[1] : -1
        eventTimeSlot = table.slot(for: .eventTime)
        constant = definition.constant ?? 0
    }

    /// The property's value in `record`.
    public func value(in record: ScannedRecord) -> PropertyValue {
        switch transform {
        case .text:
            return record.text(slot).map(PropertyValue.text) ?? .null
        case .epochMillis:
            if slot == eventTimeSlot { return .integer(record.eventTime) }
            return record.withBytes(slot) { bytes in
                guard let bytes else { return .null }
                return EventTime.parse(bytes.baseAddress, count: bytes.count).map(PropertyValue.integer) ?? .null
            }
        case .ipAddress:
            guard record.field(slot).kind == .string else { return .null }
            return record.withBytes(slot) { bytes in
                guard let bytes else { return .null }
                return IPAddress.canonical(bytes.baseAddress, count: bytes.count).map(PropertyValue.text) ?? .null
            }
        case .constant:
            return .integer(constant)
        case .principalName:
            if let name = record.text(slot) { return .text(name) }
            guard secondSlot >= 0, let arn = record.text(secondSlot) else { return .null }
            let tail: Substring
            if let slash = arn.lastIndex(of: "/") {
                tail = arn[arn.index(after: slash)...]
            } else if let colon = arn.lastIndex(of: ":") {
                tail = arn[arn.index(after: colon)...]
            } else {
                tail = arn[...]
            }
            return .text(String(tail))
        case .qid:
            guard let source = record.text(slot), let name = record.text(secondSlot) else { return .null }
            return .integer(QIDRegistry.shared.qid(eventSource: source, eventName: name))
        }
    }
}

/// Offline stand-ins for QRadar's QIDs: a stable number per eventSource + eventName, and the
/// way back to the name for `QIDNAME`.
///
/// The number is the low 31 bits of `StableHash` of `eventSource:eventName`, so it is the same
/// in every run and on every machine; it is not QRadar's QID for the event.
public final class QIDRegistry: Sendable {
    public static let shared = QIDRegistry()
    private let names = Mutex<[Int64: String]>([:])

    public func qid(eventSource: String, eventName: String) -> Int64 {
        let qid = Int64(StableHash.hash(eventSource + ":" + eventName) & 0x7FFF_FFFF)
        names.withLock { names in
            if names[qid] == nil { names[qid] = eventName }
        }
        return qid
    }

    /// The event name of a QID seen in this process, or `nil`.
    public func name(of qid: Int64) -> String? {
        names.withLock { $0[qid] }
    }
}
