import ContentHash

/// A deterministic slice of an experiment's jobs: shard `index` of `count` takes the jobs whose
/// id hash (first 64 bits of SHA-256 of the id) is `index` modulo `count`. The same ids give the
/// same slices on every machine and in every process; the slices are disjoint and cover all.
public struct ShardSelector: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw ShardError.invalid("shard count must be at least 1, got \(count)") }
        guard index >= 0, index < count else {
            throw ShardError.invalid("shard index must be in 0..<\(count), got \(index)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `i/n` (e.g. `0/4`).
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw ShardError.invalid("--shard expects i/n such as 0/4, got '\(text)'")
        }
        try self.init(index: i, count: n)
    }

    public func contains(jobID: String) -> Bool {
        Self.bucket(of: jobID, count: count) == index
    }

    /// The shard a job id falls into.
    public static func bucket(of jobID: String, count: Int) -> Int {
        let hex = ContentDigest.sha256Hex(jobID).prefix(16)
        return Int(UInt64(hex, radix: 16)! % UInt64(count))
    }

    public var description: String { "\(index)/\(count)" }
}

public enum ShardError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    public var description: String { if case .invalid(let m) = self { return m }; return "" }
}
