import Foundation

/// Word vectors for the synthetic systems, in GloVe text format: each word is a weighted sum of
/// shared, mutually orthogonal concept directions (failure, network, storage, compute, lifecycle,
/// success, …) plus a small word-specific component, normalized. Words of one concept are near each other; the
/// failure words of every system share the `failure` direction, which is what lets a detector
/// trained on one system recognize failures in another.
enum SyntheticVocabulary {
    static let concepts: [String: [String]] = [
        "failure": ["error", "errors", "exception", "failed", "failure", "fail", "timeout", "timed", "refused", "corrupt",
                    "corrupted", "reset", "unreachable", "mismatch", "fatal", "terminated", "interrupt", "uncorrectable",
                    "lost", "abort", "aborted", "denied", "unexpected", "crash", "crashed", "panic", "invalid", "broken",
                    "unavailable", "rejected", "dropped", "killed", "violation", "overflow", "stale"],
        "network": ["connection", "peer", "network", "socket", "port", "host", "server", "client", "request", "response",
                    "allocation", "address", "route", "link", "packet", "proxy", "upstream", "gateway", "http", "neutron",
                    "stream", "control", "message", "prefix", "dest", "src", "remote"],
        "storage": ["block", "blocks", "disk", "image", "file", "files", "checksum", "data", "memory", "cache", "volume",
                    "replica", "write", "read", "stored", "map", "size", "bytes", "store", "parity", "page", "buffer"],
        "compute": ["job", "task", "node", "kernel", "partition", "core", "cpu", "process", "thread", "instance",
                    "machine", "hypervisor", "vcpus", "scheduler", "worker", "rank", "card", "temperature"],
        "lifecycle": ["start", "started", "starting", "create", "creating", "created", "delete", "deleting", "deleted",
                      "terminating", "stopped", "stop", "spawn", "spawned", "allocate", "allocating", "claim", "attempting",
                      "took", "seconds", "receiving", "serving", "login", "logout", "session", "opened", "closed", "build",
                      "building", "destroy", "destroyed", "generating", "launch"],
        "success": ["succeeded", "successful", "success", "nominal", "ok", "completed", "complete", "served", "received",
                    "updated", "verified", "healthy", "ready", "accepted", "corrected", "done", "returned", "status"],
    ]

    static let conceptOrder = ["failure", "network", "storage", "compute", "lifecycle", "success", "general"]

    /// Vectors for `words` (lower-case), `dimension` wide, deterministic in `rng`.
    static func vectors(for words: [String], dimension: Int, rng: inout SplitMix64) -> [(String, [Float])] {
        // Concept directions are made orthonormal (Gram–Schmidt) when the width allows: random unit
        // vectors in few dimensions overlap by chance (|cos| of order 1/√16 = 0.25 at 16-d), which
        // would let "failure" lean towards "success" or "network" differently in every vector file.
        var directions: [String: [Double]] = [:]
        var basis: [[Double]] = []
        for c in conceptOrder {
            var d = unitVector(dimension, &rng)
            if conceptOrder.count <= dimension {
                for b in basis {
                    let dot = zip(d, b).reduce(0) { $0 + $1.0 * $1.1 }
                    d = zip(d, b).map { $0 - dot * $1 }
                }
                d = normalized(d)
                basis.append(d)
            }
            directions[c] = d
        }
        var conceptOf: [String: String] = [:]
        for (c, ws) in concepts { for w in ws { conceptOf[w] = c } }
        return words.map { word in
            let own = unitVector(dimension, &rng)
            let dir = directions[conceptOf[word] ?? "general"]!
            let weight = conceptOf[word] == nil ? 0.35 : 0.8
            let v = normalized((0..<dimension).map { weight * dir[$0] + (1 - weight) * own[$0] })
            return (word, v.map { Float($0) })
        }
    }

    static func unitVector(_ d: Int, _ rng: inout SplitMix64) -> [Double] {
        normalized((0..<d).map { _ in rng.gaussian() })
    }

    /// `v` divided by its Euclidean length.
    static func normalized(_ v: [Double]) -> [Double] {
        let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / n }
    }

    /// GloVe text: `word v1 … vD` per line, 6 decimals.
    static func gloveText(_ vectors: [(String, [Float])]) -> String {
        var out = ""
        for (w, v) in vectors {
            out += w
            for x in v { out += " " + String(format: "%.6f", x) }
            out += "\n"
        }
        return out
    }
}
