/// One system's logs, ready for a detector: its event table (one embedding per event of *this*
/// system) and its sessions in chronological order.
///
/// There is no global vocabulary with offsets: a session's `events` index this dataset's own
/// `eventVectors`, so adding templates to one system can never shift another system's vectors
/// (DESIGN.md §4.2). Models consume the vectors, so sessions of different systems mix freely.
public struct PreparedDataset: Sendable {
    /// Dataset definition name, e.g. `hdfs-2pct`.
    public var name: String
    /// Content hash of everything that determined this preparation (the cache key).
    public var fingerprint: String
    /// Embedding width (50 for the shared GloVe sample, 300 for the papers' vectors).
    public var embeddingDimension: Int
    /// Event template texts; index = event id within this dataset.
    public var eventTemplates: [String]
    /// Event embeddings, row-major `[eventCount, embeddingDimension]`.
    public var eventVectors: [Float]
    /// Sessions in chronological order (order of first line), the order chronological splits use.
    public var sessions: [LogSession]
    /// What the preparation measured (lines, malformed lines, OOV rate, …); nil for hand-built datasets.
    public var report: PreparationReport? = nil

    public init(name: String, fingerprint: String, embeddingDimension: Int,
                eventTemplates: [String], eventVectors: [Float], sessions: [LogSession]) {
        precondition(eventVectors.count == eventTemplates.count * embeddingDimension,
                     "eventVectors must be [eventCount, embeddingDimension]")
        self.name = name
        self.fingerprint = fingerprint
        self.embeddingDimension = embeddingDimension
        self.eventTemplates = eventTemplates
        self.eventVectors = eventVectors
        self.sessions = sessions
    }

    public var eventCount: Int { eventTemplates.count }
    public var anomalyCount: Int { sessions.reduce(0) { $0 + ($1.label == .anomalous ? 1 : 0) } }
}

/// A session: the sequence of events of one block, node window, instance, or time window.
public struct LogSession: Sendable, Hashable {
    /// Stable identifier within its dataset (block id, `node/window-index`, instance id, …).
    public var id: String
    /// Event ids into the owning dataset's event table, in log order.
    public var events: [Int32]
    public var label: SessionLabel

    public init(id: String, events: [Int32], label: SessionLabel) {
        self.id = id
        self.events = events
        self.label = label
    }
}

/// Ground truth of a session. `unknown` is for unlabeled user data (detect mode).
public enum SessionLabel: UInt8, Sendable, Hashable, Codable {
    case normal = 0
    case anomalous = 1
    case unknown = 2
}
