// MARK: - Drain: fixed-depth parse tree log parser

/// One event template learned by ``Drain``.
public struct DrainCluster: Sendable, Hashable {
    /// Dense id, 0-based, in creation order.
    public var id: Int
    public var templateTokens: [String]
    /// Tokens joined by single spaces; `<*>` marks a parameter.
    public var template: String
    /// Number of lines assigned to the cluster.
    public var size: Int
    /// True when Drain3-style LRU eviction (`maxClusters`) dropped the cluster from the tree.
    public var evicted: Bool
}

/// Drain (He et al., ICWS 2017) as implemented by logparser and Drain3: masking, then a tree keyed
/// by token count and the first `depth - 2` tokens, then the most similar template in the leaf
/// (similarity = equal non-wildcard tokens / length; ties go to more wildcards). A line whose best
/// similarity is below the threshold starts a new cluster; otherwise differing positions of the
/// template become `<*>`.
///
/// Tokens are interned byte strings (Int32 ids); a line allocates nothing once scratch buffers are
/// warm. Not thread-safe: one instance per stream.
public final class Drain {
    public let config: DrainConfig
    let masker: Masker
    var table = TokenTable()
    let wildcard: Int32
    let maxNodeDepth: Int
    let extraDelimiters: [[UInt8]]

    // Clusters, indexed by id.
    var templates: [[Int32]] = []
    var sizes: [Int] = []
    var alive: [Bool] = []

    // Tree: node 0.. ; `lengthRoots[n]` is the node for n-token lines (-1 = none).
    var children: [[Int32: Int32]] = []
    var leafClusters: [[Int32]] = []
    var lengthRoots: [Int32] = []

    // Drain3 LRU over alive clusters (most recent at head).
    var lruPrev: [Int32] = [], lruNext: [Int32] = []
    var lruHead: Int32 = -1, lruTail: Int32 = -1
    var aliveCount = 0

    // Per-line scratch.
    var tokenStarts: [Int] = [], tokenEnds: [Int] = []
    var sequence: [Int32] = []
    var delimited: [UInt8] = []

    public init(config: DrainConfig) throws {
        try config.validate()
        self.config = config
        masker = try Masker(config.masks)
        wildcard = table.intern("<*>")
        maxNodeDepth = config.depth - 2
        extraDelimiters = config.extraDelimiters.map { Array($0.utf8) }.filter { !$0.isEmpty }
    }

    public var clusterCount: Int { templates.count }

    /// Adds one message body and returns its cluster (event) id; the id of a line never changes.
    @discardableResult
    public func add(_ content: Substring) -> Int {
        var content = content
        return content.withUTF8 { add(bytes: $0) }
    }

    /// Adds one message body given as UTF-8 bytes.
    @discardableResult
    public func add(bytes: UnsafeBufferPointer<UInt8>) -> Int {
        masker.mask(bytes) { masked in
            if extraDelimiters.isEmpty { return addMasked(masked) }
            delimited.removeAll(keepingCapacity: true)
            delimited.append(contentsOf: masked)
            replaceDelimiters()
            let copy = delimited
            return copy.withUnsafeBufferPointer { addMasked($0) }
        }
    }

    // MARK: Line → tokens → cluster

    func addMasked(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        // Work on local arrays (moved out of the instance): no dynamic exclusivity checks per token.
        var starts = tokenStarts, ends = tokenEnds, seq = sequence
        tokenStarts = []; tokenEnds = []; sequence = []
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        seq.removeAll(keepingCapacity: true)
        Drain.tokenise(line, starts: &starts, ends: &ends)
        let base = line.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let table = self.table
        for k in 0..<starts.count {
            let s = starts[k]
            seq.append(table.lookup(base + s, ends[k] - s) ?? Int32(-2 - k))  // unseen: equals nothing
        }
        sequence = seq
        defer { tokenStarts = starts; tokenEnds = ends }
        if let match = treeSearch() {
            update(cluster: match)
            return Int(match)
        }
        for k in 0..<starts.count where sequence[k] < 0 {
            let s = starts[k]
            sequence[k] = self.table.intern(base + s, ends[k] - s)
        }
        return Int(createCluster())
    }

    /// Splits on ASCII whitespace (Python `str.split()`), recording token byte ranges.
    @inline(__always)
    static func tokenise(_ line: UnsafeBufferPointer<UInt8>, starts: inout [Int], ends: inout [Int]) {
        let n = line.count
        var k = 0
        while k < n {
            while k < n, LogFormat.isSpace(line[k]) { k += 1 }
            if k == n { break }
            let start = k
            while k < n, !LogFormat.isSpace(line[k]) { k += 1 }
            starts.append(start)
            ends.append(k)
        }
    }

    func replaceDelimiters() {
        for d in extraDelimiters {
            var k = 0
            while k + d.count <= delimited.count {
                if delimited[k..<(k + d.count)].elementsEqual(d) {
                    for j in k..<(k + d.count) { delimited[j] = 0x20 }
                    k += d.count
                } else {
                    k += 1
                }
            }
        }
    }

    @inline(__always)
    func reachedLeaf(depth: Int, tokenCount: Int) -> Bool {
        if depth >= maxNodeDepth { return true }
        switch config.variant {
        case .drain3: return depth >= tokenCount
        case .logparser: return depth > tokenCount
        }
    }

    // MARK: Tree search and fast match

    func treeSearch() -> Int32? {
        let n = sequence.count
        guard n < lengthRoots.count else { return nil }
        var node = lengthRoots[n]
        guard node >= 0 else { return nil }
        if n == 0 { return leafClusters[Int(node)].first(where: { alive[Int($0)] }) }
        var depth = 1
        for token in sequence {
            if reachedLeaf(depth: depth, tokenCount: n) { break }
            let kids = children[Int(node)]
            if token >= 0, let c = kids[token] { node = c }
            else if let w = kids[wildcard] { node = w }
            else { return nil }
            depth += 1
        }
        return fastMatch(leafClusters[Int(node)])
    }

    func fastMatch(_ candidates: [Int32]) -> Int32? {
        var best: Int32 = -1
        var maxSim = -1.0
        var maxParams = -1
        let wc = wildcard
        sequence.withUnsafeBufferPointer { seq in
            for cid in candidates where alive[Int(cid)] {
                var same = 0, params = 0
                templates[Int(cid)].withUnsafeBufferPointer { t in
                    for k in 0..<t.count {
                        let a = t[k]
                        if a == wc { params += 1 } else if a == seq[k] { same += 1 }
                    }
                }
                let count = templates[Int(cid)].count
                let sim = count == 0 ? 1.0 : Double(same) / Double(count)
                if sim > maxSim || (sim == maxSim && params > maxParams) {
                    maxSim = sim; maxParams = params; best = cid
                }
            }
        }
        return best >= 0 && maxSim >= config.similarityThreshold ? best : nil
    }

    func update(cluster cid: Int32) {
        let c = Int(cid)
        let wc = wildcard
        // Read-only comparison first: after warm-up a template rarely changes.
        let changed = sequence.withUnsafeBufferPointer { seq in
            templates[c].withUnsafeBufferPointer { t in
                (0..<t.count).contains { t[$0] != seq[$0] && t[$0] != wc }
            }
        }
        if changed {
            sequence.withUnsafeBufferPointer { seq in
                templates[c].withUnsafeMutableBufferPointer { t in
                    for k in 0..<t.count where t[k] != seq[k] && t[k] != wc { t[k] = wc }
                }
            }
        }
        sizes[c] += 1
        if config.maxClusters != nil { lruTouch(cid) }
    }
}
