import Foundation
import GRDB

/// A row of `artifacts`: a file a run wrote (checkpoint, ROC points, predictions), with its
/// SHA-256 and size so a later reader can tell whether the file is still the one recorded.
public struct ArtifactRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "artifacts"
    public var runID: Int64
    /// `checkpoint`, `roc`, `predictions`, ...
    public var kind: String
    /// Absolute, or relative to the database file's directory.
    public var path: String
    public var sha256: String
    public var bytes: Int64

    public init(runID: Int64, kind: String, path: String, sha256: String, bytes: Int64) {
        self.runID = runID
        self.kind = kind
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", kind, path, sha256, bytes
    }
}
