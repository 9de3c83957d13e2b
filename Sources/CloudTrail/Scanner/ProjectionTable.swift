/// The set of record fields a scan extracts, compiled to a key trie the scanner walks.
///
/// Every path the caller asks for becomes a *slot*: the scanner fills a slot with the kind and
/// byte range of the value it finds there and skips everything else. The table always holds the
/// fields that decide what a record is (`RecordField`), so a scan can tell a CloudTrail record
/// from a wrapper without being asked.
///
/// Layout: nodes and edges live in flat buffers allocated once (the scanner reads them through
/// raw pointers, never through Swift arrays, to keep bounds checks and retain/release out of the
/// inner loop). Slots are numbered depth-first, so the slots below a node form one contiguous
/// range, which the scanner clears when a key repeats (the last duplicate key wins).
public final class ProjectionTable: @unchecked Sendable {
    // @unchecked Sendable: every buffer is written once in `init` and only read afterwards.

    /// The fields a scan always extracts.
    public enum RecordField: Int, CaseIterable, Sendable {
        case eventSource, eventName, eventTime, eventVersion, eventType, eventID, digestStartTime

        var path: PropertyPath {
            switch self {
            case .eventSource: PropertyPath(keys: ["eventSource"])
            case .eventName: PropertyPath(keys: ["eventName"])
            case .eventTime: PropertyPath(keys: ["eventTime"])
            case .eventVersion: PropertyPath(keys: ["eventVersion"])
            case .eventType: PropertyPath(keys: ["eventType"])
            case .eventID: PropertyPath(keys: ["eventID"])
            case .digestStartTime: PropertyPath(keys: ["digestStartTime"])
            }
        }
    }

    /// Root keys whose array value holds records: a scan that meets one stops early and reports
    /// a wrapper, so a large S3 object is walked once, not scanned whole and then walked.
    static let wrapperKeys = ["Records", "Events", "logEvents"]

    /// The paths in slot order.
    public let paths: [PropertyPath]
    /// Number of slots.
    public let slotCount: Int
    let recordFieldSlots: [Int]

    /// The flat key trie the scanner walks.
    let trie: ProjectionTrie

    private let pathSlots: [PropertyPath: Int]

    /// Builds the table for `paths` plus the record fields.
    public init(paths requested: [PropertyPath]) {
        // 1. Build a trie with ordinary Swift values.
        final class Node {
            var children: [(key: String, node: Node)] = []
            var isTarget = false
            var slot = -1
            var low = 0, high = 0
            var index = 0
        }
        let root = Node()
        var ordered: [PropertyPath] = []
        var seen = Set<PropertyPath>()
        for path in RecordField.allCases.map(\.path) + requested where seen.insert(path).inserted {
            ordered.append(path)
        }
        for path in ordered {
            var node = root
            for key in path.keys {
                if let child = node.children.first(where: { $0.key == key })?.node {
                    node = child
                } else {
                    let child = Node()
                    node.children.append((key, child))
                    node = child
                }
            }
            node.isTarget = true
        }
        // 2. Number nodes breadth-first-free (pre-order) and slots depth-first.
        var nodes: [Node] = []
        var nextSlot = 0
        func number(_ node: Node) {
            node.index = nodes.count
            nodes.append(node)
            node.low = nextSlot
            if node.isTarget {
                node.slot = nextSlot
                nextSlot += 1
            }
            for child in node.children { number(child.node) }
            node.high = nextSlot
        }
        number(root)

        var slotPaths = [PropertyPath](repeating: PropertyPath(keys: []), count: nextSlot)
        func collect(_ node: Node, _ prefix: [String]) {
            if node.slot >= 0 { slotPaths[node.slot] = PropertyPath(keys: prefix) }
            for child in node.children { collect(child.node, prefix + [child.key]) }
        }
        collect(root, [])
        self.paths = slotPaths
        self.slotCount = nextSlot
        var pathSlots: [PropertyPath: Int] = [:]
        for (slot, path) in slotPaths.enumerated() { pathSlots[path] = slot }
        self.pathSlots = pathSlots
        self.recordFieldSlots = RecordField.allCases.map { pathSlots[$0.path]! }

        // 3. Flatten.
        let wrapperEdges = ProjectionTable.wrapperKeys.filter { key in !root.children.contains { $0.key == key } }
        let nodeCount = nodes.count
        let edgeCount = nodes.reduce(0) { $0 + $1.children.count } + wrapperEdges.count
        let nodeEdgeStart = UnsafeMutablePointer<Int32>.allocate(capacity: nodeCount)
        let nodeEdgeCount = UnsafeMutablePointer<Int32>.allocate(capacity: nodeCount)
        let nodeSlot = UnsafeMutablePointer<Int32>.allocate(capacity: nodeCount)
        let nodeDescendantLow = UnsafeMutablePointer<Int32>.allocate(capacity: nodeCount)
        let nodeDescendantHigh = UnsafeMutablePointer<Int32>.allocate(capacity: nodeCount)
        let edgeKeyPrefix = UnsafeMutablePointer<UInt64>.allocate(capacity: max(edgeCount, 1))
        let edgeKeyLength = UnsafeMutablePointer<Int32>.allocate(capacity: max(edgeCount, 1))
        let edgeKeyOffset = UnsafeMutablePointer<Int32>.allocate(capacity: max(edgeCount, 1))
        let edgeChild = UnsafeMutablePointer<Int32>.allocate(capacity: max(edgeCount, 1))
        var pool: [UInt8] = []
        var edge = 0
        func addEdge(_ key: String, child: Int32) {
            let bytes = Array(key.utf8)
            edgeKeyPrefix[edge] = ProjectionTable.prefix(of: bytes)
            edgeKeyLength[edge] = Int32(bytes.count)
            edgeKeyOffset[edge] = Int32(pool.count)
            edgeChild[edge] = child
            pool.append(contentsOf: bytes)
            edge += 1
        }
        for node in nodes {
            nodeEdgeStart[node.index] = Int32(edge)
            nodeSlot[node.index] = Int32(node.slot)
            // The node's own slot is overwritten in place; only the slots below it need clearing.
            nodeDescendantLow[node.index] = Int32(node.slot >= 0 ? node.slot + 1 : node.low)
            nodeDescendantHigh[node.index] = Int32(node.high)
            for child in node.children { addEdge(child.key, child: Int32(child.node.index)) }
            if node === root {
                for key in wrapperEdges { addEdge(key, child: -1) }
            }
            nodeEdgeCount[node.index] = Int32(edge) - nodeEdgeStart[node.index]
        }
        let keyBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(pool.count, 1))
        keyBytes.initialize(from: pool, count: pool.count)

        // 4. A small hash table per node: its edges by (key prefix, length), at most half full.
        let nodeHashStart = UnsafeMutablePointer<Int32>.allocate(capacity: nodeCount)
        let nodeHashMask = UnsafeMutablePointer<Int32>.allocate(capacity: nodeCount)
        var hashPool: [Int16] = []
        for node in 0..<nodeCount {
            let count = Int(nodeEdgeCount[node])
            var size = 4
            while size < count * 2 { size *= 2 }
            nodeHashStart[node] = Int32(hashPool.count)
            nodeHashMask[node] = Int32(size - 1)
            var table = [Int16](repeating: -1, count: size)
            for edge in Int(nodeEdgeStart[node])..<Int(nodeEdgeStart[node]) + count {
                var index = ProjectionTrie.bucket(edgeKeyPrefix[edge], length: Int(edgeKeyLength[edge])) & (size - 1)
                while table[index] >= 0 { index = (index + 1) & (size - 1) }
                table[index] = Int16(edge)
            }
            hashPool += table
        }
        let edgeHash = UnsafeMutablePointer<Int16>.allocate(capacity: max(hashPool.count, 1))
        edgeHash.initialize(from: hashPool, count: hashPool.count)
        self.trie = ProjectionTrie(slotCount: nextSlot, nodeCount: nodeCount, edgeCount: edgeCount, nodeEdgeStart: nodeEdgeStart,
                                   nodeEdgeCount: nodeEdgeCount, nodeSlot: nodeSlot, nodeDescendantLow: nodeDescendantLow,
                                   nodeDescendantHigh: nodeDescendantHigh, nodeHashStart: nodeHashStart,
                                   nodeHashMask: nodeHashMask, edgeHash: edgeHash, edgeKeyPrefix: edgeKeyPrefix,
                                   edgeKeyLength: edgeKeyLength, edgeKeyOffset: edgeKeyOffset, edgeChild: edgeChild,
                                   keyBytes: keyBytes)
    }

    deinit {
        trie.deallocate()
    }

    /// The slot that holds `path`, if the table extracts it.
    public func slot(for path: PropertyPath) -> Int? { pathSlots[path] }

    /// The slot of one of the record fields.
    public func slot(for field: RecordField) -> Int { recordFieldSlots[field.rawValue] }

    /// The first eight bytes of a key, zero-padded, little-endian: a one-load pre-filter.
    static func prefix(of bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0
        for (index, byte) in bytes.prefix(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        return value
    }

    /// The edge of `node` whose key equals the `length` bytes at `key`, or -1 (see `ProjectionTrie`).
    @inline(__always)
    func edge(from node: Int32, key: UnsafePointer<UInt8>, length: Int) -> Int {
        trie.edge(from: node, key: key, length: length)
    }
}

/// The trie of a `ProjectionTable` as plain pointers: what the scanner reads per key.
///
/// A struct of pointers, not the table itself, so that handing it to a scanner (once per
/// candidate record) or reading it costs no reference counting: the table is shared by every
/// worker, and retains of it made the cores contend for its reference count. Valid while the
/// table that owns it lives.
struct ProjectionTrie: @unchecked Sendable {
    // @unchecked Sendable: the buffers are written once, in `ProjectionTable.init`, then only read.
    let slotCount: Int
    // Nodes (index 0 is the root).
    let nodeCount: Int
    let edgeCount: Int
    let nodeEdgeStart: UnsafeMutablePointer<Int32>
    let nodeEdgeCount: UnsafeMutablePointer<Int32>
    let nodeSlot: UnsafeMutablePointer<Int32>
    let nodeDescendantLow: UnsafeMutablePointer<Int32>
    let nodeDescendantHigh: UnsafeMutablePointer<Int32>
    /// Per node, where its hash table starts in `edgeHash` and the table's size − 1.
    let nodeHashStart: UnsafeMutablePointer<Int32>
    let nodeHashMask: UnsafeMutablePointer<Int32>
    /// The per-node hash tables: edge numbers, `-1` for an empty bucket.
    let edgeHash: UnsafeMutablePointer<Int16>
    // Edges.
    let edgeKeyPrefix: UnsafeMutablePointer<UInt64>
    let edgeKeyLength: UnsafeMutablePointer<Int32>
    let edgeKeyOffset: UnsafeMutablePointer<Int32>
    let edgeChild: UnsafeMutablePointer<Int32>   // -1: wrapper key (root only)
    let keyBytes: UnsafeMutablePointer<UInt8>

    func deallocate() {
        nodeEdgeStart.deallocate()
        nodeEdgeCount.deallocate()
        nodeSlot.deallocate()
        nodeDescendantLow.deallocate()
        nodeDescendantHigh.deallocate()
        nodeHashStart.deallocate()
        nodeHashMask.deallocate()
        edgeHash.deallocate()
        edgeKeyPrefix.deallocate()
        edgeKeyLength.deallocate()
        edgeKeyOffset.deallocate()
        edgeChild.deallocate()
        keyBytes.deallocate()
    }

    /// The hash bucket of a key with first eight bytes `prefix` (zero-padded) and `length`.
    @inline(__always)
    static func bucket(_ prefix: UInt64, length: Int) -> Int {
        let mixed = (prefix ^ UInt64(length) &* 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD
        return Int(truncatingIfNeeded: mixed >> 40)
    }

    /// The edge of `node` whose key equals the `length` bytes at `key`, or -1.
    ///
    /// One probe of the node's hash table in the usual case (a key the projection does not
    /// want lands on an empty bucket): a linear scan of the root's dozen edges for every key of
    /// every record was a tenth of a run. `key` must have at least eight readable bytes (the
    /// scanner's buffers are padded).
    @inline(__always)
    func edge(from node: Int32, key: UnsafePointer<UInt8>, length: Int) -> Int {
        let node = Int(node)
        if nodeEdgeCount[node] == 0 { return -1 }
        let word = UnsafeRawPointer(key).loadUnaligned(as: UInt64.self)
        let masked = length >= 8 ? word : word & ((1 << (UInt64(length) * 8)) &- 1)
        let table = edgeHash + Int(nodeHashStart[node])
        let mask = Int(nodeHashMask[node])
        var bucket = ProjectionTrie.bucket(masked, length: length) & mask
        while true {
            let edge = Int(table[bucket])
            if edge < 0 { return -1 }
            if edgeKeyPrefix[edge] == masked && Int(edgeKeyLength[edge]) == length {
                if length <= 8 { return edge }
                // The rest eight bytes at a time, the last word overlapping the one before it
                // ("eventSource", "userIdentity", "sourceIPAddress": one more compare, where a
                // byte loop took one per byte).
                let stored = UnsafeRawPointer(keyBytes + Int(edgeKeyOffset[edge]))
                let candidate = UnsafeRawPointer(key)
                var index = 8
                while index + 8 < length,
                      stored.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        == candidate.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                    index += 8
                }
                if index + 8 >= length,
                   stored.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
                    == candidate.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self) {
                    return edge
                }
            }
            bucket = (bucket + 1) & mask
        }
    }
}
