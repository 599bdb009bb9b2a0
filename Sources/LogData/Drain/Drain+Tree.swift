// MARK: - Drain: cluster creation, tree insertion, LRU eviction, reporting

extension Drain {
    func newNode() -> Int32 {
        children.append([:])
        leafClusters.append([])
        return Int32(children.count - 1)
    }

    func createCluster() -> Int32 {
        let cid = Int32(templates.count)
        if let maxClusters = config.maxClusters, aliveCount >= maxClusters { evictLeastRecentlyUsed() }
        templates.append(sequence)
        sizes.append(1)
        alive.append(true)
        aliveCount += 1
        lruPrev.append(-1)
        lruNext.append(-1)
        if config.maxClusters != nil { lruPushFront(cid) }
        addToTree(cid)
        return cid
    }

    /// Inserts a new cluster along its template's path (logparser `addSeqToPrefixTree`, Drain3
    /// `add_seq_to_prefix_tree`). Unlike logparser, a template shorter than the tree depth is still
    /// attached where its path ends, so short messages can be matched again.
    func addToTree(_ cid: Int32) {
        let template = templates[Int(cid)]
        let n = template.count
        if lengthRoots.count <= n { lengthRoots.append(contentsOf: repeatElement(-1, count: n + 1 - lengthRoots.count)) }
        if lengthRoots[n] < 0 { lengthRoots[n] = newNode() }
        var node = lengthRoots[n]
        if n == 0 { leafClusters[Int(node)] = [cid]; return }
        var depth = 1
        for token in template {
            if reachedLeaf(depth: depth, tokenCount: n) { break }
            node = child(of: node, for: token)
            depth += 1
        }
        var leaf = leafClusters[Int(node)]
        if config.maxClusters != nil { leaf.removeAll { !alive[Int($0)] } }
        leaf.append(cid)
        leafClusters[Int(node)] = leaf
    }

    /// The child to follow (created if needed) for `token` under `node`, respecting `maxChildren`.
    func child(of node: Int32, for token: Int32) -> Int32 {
        let kids = children[Int(node)]
        if let c = kids[token] { return c }
        let wildcardChild = kids[wildcard]
        func make(_ key: Int32) -> Int32 {
            let c = newNode()
            children[Int(node)][key] = c
            return c
        }
        if config.parametrizeNumericTokens && table.hasDigit[Int(token)] {
            return wildcardChild ?? make(wildcard)
        }
        if let w = wildcardChild {
            return kids.count < config.maxChildren ? make(token) : w
        }
        if kids.count + 1 < config.maxChildren { return make(token) }
        return make(wildcard)
    }

    // MARK: LRU (Drain3 `max_clusters`)

    func lruUnlink(_ c: Int32) {
        let p = lruPrev[Int(c)], n = lruNext[Int(c)]
        if p >= 0 { lruNext[Int(p)] = n } else { lruHead = n }
        if n >= 0 { lruPrev[Int(n)] = p } else { lruTail = p }
        lruPrev[Int(c)] = -1; lruNext[Int(c)] = -1
    }

    func lruPushFront(_ c: Int32) {
        lruPrev[Int(c)] = -1
        lruNext[Int(c)] = lruHead
        if lruHead >= 0 { lruPrev[Int(lruHead)] = c }
        lruHead = c
        if lruTail < 0 { lruTail = c }
    }

    func lruTouch(_ c: Int32) {
        guard lruHead != c else { return }
        lruUnlink(c)
        lruPushFront(c)
    }

    func evictLeastRecentlyUsed() {
        let victim = lruTail
        guard victim >= 0 else { return }
        lruUnlink(victim)
        alive[Int(victim)] = false
        aliveCount -= 1
    }

    // MARK: Reporting

    /// Template text of cluster `id`.
    public func template(of id: Int) -> String {
        templates[id].map { table.string($0) }.joined(separator: " ")
    }

    /// Number of lines assigned to cluster `id`.
    public func size(of id: Int) -> Int { sizes[id] }

    /// Every cluster in id order (evicted ones included, flagged).
    public var clusters: [DrainCluster] {
        templates.indices.map { id in
            let tokens = templates[id].map { table.string($0) }
            return DrainCluster(id: id, templateTokens: tokens, template: tokens.joined(separator: " "),
                                size: sizes[id], evicted: !alive[id])
        }
    }
}
