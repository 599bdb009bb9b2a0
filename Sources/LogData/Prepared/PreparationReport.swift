import Foundation

/// What a preparation measured: kept with the prepared dataset (and in its cache file) so a cache
/// hit reports the same numbers as the run that built it.
public struct PreparationReport: Codable, Hashable, Sendable {
    public var inputKind: String
    /// Input lines read (log lines, event lines, or sequence lines).
    public var lines: Int
    /// Raw lines the log format did not match (skipped), with a few samples `line N: text`.
    public var malformedLines: Int
    public var malformedSamples: [String]
    /// Lines that joined no session (e.g. HDFS lines naming no block).
    public var unassignedLines: Int
    /// Sessions dropped because they held no event.
    public var emptySessionsDropped: Int
    public var sessions: Int
    public var anomalousSessions: Int
    public var unlabeledSessions: Int
    public var templates: Int
    public var oov: OOVReport
    public var vectorsFile: String
    public var vectorsSHA256: String
    public var embeddingDimension: Int
    public var weighting: EmbeddingConfig.Weighting
    /// Wall time of the preparation that built the cache entry (parse + sessionize + embed).
    public var buildSeconds: Double

    public init(inputKind: String, lines: Int, malformedLines: Int, malformedSamples: [String],
                unassignedLines: Int, emptySessionsDropped: Int, sessions: Int, anomalousSessions: Int,
                unlabeledSessions: Int, templates: Int, oov: OOVReport, vectorsFile: String,
                vectorsSHA256: String, embeddingDimension: Int, weighting: EmbeddingConfig.Weighting,
                buildSeconds: Double) {
        self.inputKind = inputKind
        self.lines = lines
        self.malformedLines = malformedLines
        self.malformedSamples = malformedSamples
        self.unassignedLines = unassignedLines
        self.emptySessionsDropped = emptySessionsDropped
        self.sessions = sessions
        self.anomalousSessions = anomalousSessions
        self.unlabeledSessions = unlabeledSessions
        self.templates = templates
        self.oov = oov
        self.vectorsFile = vectorsFile
        self.vectorsSHA256 = vectorsSHA256
        self.embeddingDimension = embeddingDimension
        self.weighting = weighting
        self.buildSeconds = buildSeconds
    }
}
