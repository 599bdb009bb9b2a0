import ContentHash
import Foundation

/// Prepares datasets from their definitions, cached by content hash.
///
/// The cache key (`fingerprint`) is the SHA-256 of the canonical JSON of: the preparation code
/// version, the definition (minus its description), the SHA-256 of every input, template and
/// label file, the embedding settings and the SHA-256 of the word-vector file. Entries live in
/// `<cacheDirectory>/prepared/<fingerprint>.zlpd`, written atomically.
public struct DatasetPreparer: Sendable {
    /// Bump when preparation logic changes what a definition produces.
    public static let preparationVersion = 1

    public var locations: DataLocations

    public init(locations: DataLocations) { self.locations = locations }

    /// The embedding settings for `definition`: `vectors` if given, else the definition's own
    /// vectors, else the shared GloVe 50-d file.
    public func embedding(for definition: DatasetDefinition, vectors: String? = nil, dimension: Int? = nil,
                          weighting: EmbeddingConfig.Weighting = .paper) -> EmbeddingConfig {
        EmbeddingConfig(vectors: vectors ?? definition.vectors ?? EmbeddingConfig.sharedGloVe50,
                        dimension: dimension, weighting: weighting)
    }

    // MARK: - Fingerprint

    struct FingerprintPayload: Codable {
        var preparationVersion: Int
        var definition: DatasetDefinition
        var fileDigests: [String]
        var embedding: EmbeddingConfig
        var vectorsSHA256: String
        var parser: JSONValue?
    }

    /// The cache key of preparing `definition` with `embedding`, computed without preparing
    /// (file digests are remembered by path, size and mtime, so this is cheap after the first call).
    public func fingerprint(of definition: DatasetDefinition, embedding: EmbeddingConfig) throws -> String {
        let digests = FileDigestCache(directory: locations.cacheDirectory)
        var def = definition
        def.description = nil
        def.vectors = nil
        let files = definition.input.files + definition.labels.files
        let fileDigests = try files.map { try digests.sha256(of: InputFileReader.url(of: $0, in: locations), member: $0.member) }
        var emb = embedding
        emb.vectors = ""
        let payload = FingerprintPayload(
            preparationVersion: Self.preparationVersion, definition: def, fileDigests: fileDigests, embedding: emb,
            vectorsSHA256: try digests.sha256(of: locations.resolve(embedding.vectors)),
            parser: try resolvedParserSettings(definition))
        return try ContentDigest.id(of: payload)
    }

    public func cacheFile(fingerprint: String) -> URL {
        locations.cacheDirectory.appendingPathComponent("prepared/\(fingerprint).zlpd")
    }

    // MARK: - Prepare

    /// A prepared dataset and how it was obtained.
    public struct Outcome: Sendable {
        public var dataset: PreparedDataset
        public var cacheHit: Bool
        public var cacheFile: URL
        /// Wall time of this call (fingerprint + load or build + store).
        public var seconds: Double
    }

    /// Loads `definition` from the cache, or builds and stores it.
    public func prepare(_ definition: DatasetDefinition, embedding: EmbeddingConfig, useCache: Bool = true) throws -> Outcome {
        let start = Date()
        let key = try fingerprint(of: definition, embedding: embedding)
        let file = cacheFile(fingerprint: key)
        if useCache, let data = try? Data(contentsOf: file), let dataset = try? PreparedDataset(binaryData: data, source: file.path),
           dataset.fingerprint == key {
            return Outcome(dataset: dataset, cacheHit: true, cacheFile: file, seconds: Date().timeIntervalSince(start))
        }
        let dataset = try build(definition, embedding: embedding, fingerprint: key)
        try AtomicFile.write(try dataset.binaryData(), to: file)
        return Outcome(dataset: dataset, cacheHit: false, cacheFile: file, seconds: Date().timeIntervalSince(start))
    }

    /// Parses, sessionizes, labels and embeds `definition` (no cache).
    public func build(_ definition: DatasetDefinition, embedding: EmbeddingConfig, fingerprint: String) throws -> PreparedDataset {
        let start = Date()
        var parsed: ParsedInput
        switch definition.input {
        case .sequences(let input):
            if definition.order == .groupMajor {
                throw DatasetDefinitionError(file: definition.name, jsonPath: "order", message: "\"groupMajor\" needs a line input")
            }
            let r = try SequenceReader.read(input, locations: locations)
            parsed = ParsedInput(templates: r.table.templates, sessions: r.sessions, carriedLabels: r.carriedLabels, lines: r.lines)
        case .eventLines(let input):
            parsed = try readEventLines(input, definition: definition)
        case .raw(let input):
            parsed = try readRaw(input, definition: definition)
        }
        // Drop sessions without events, keeping labels aligned.
        var keep: [Int] = []
        for (i, s) in parsed.sessions.enumerated() where !s.events.isEmpty { keep.append(i) }
        let dropped = parsed.sessions.count - keep.count
        if dropped > 0 {
            parsed.sessions = keep.map { parsed.sessions[$0] }
            parsed.carriedLabels = parsed.carriedLabels.map { c in keep.map { c[$0] } }
        }
        let labels = try LabelRule.labels(for: parsed.sessions, rule: definition.labels,
                                          carried: parsed.carriedLabels, locations: locations)
        // Embeddings.
        let vectorsURL = locations.resolve(embedding.vectors)
        let words = try WordVectors.load(from: vectorsURL, vocabulary: EventEmbedder.vocabulary(of: parsed.templates),
                                         expectedDimension: embedding.dimension)
        let (vectors, oov) = EventEmbedder.embed(templates: parsed.templates, vectors: words, weighting: embedding.weighting)
        var sessions = zip(parsed.sessions, labels).map { LogSession(id: $0.id, events: $0.events, label: $1) }
        if definition.order == .byId { sessions.sort { $0.id < $1.id } }
        var dataset = PreparedDataset(name: definition.name, fingerprint: fingerprint, embeddingDimension: words.dimension,
                                      eventTemplates: parsed.templates, eventVectors: vectors, sessions: sessions)
        dataset.report = PreparationReport(
            inputKind: definition.input.kindName, lines: parsed.lines, malformedLines: parsed.malformedLines,
            malformedSamples: parsed.malformedSamples, unassignedLines: parsed.unassignedLines,
            emptySessionsDropped: dropped, sessions: sessions.count,
            anomalousSessions: labels.filter { $0 == .anomalous }.count,
            unlabeledSessions: labels.filter { $0 == .unknown }.count,
            templates: parsed.templates.count, oov: oov, vectorsFile: embedding.vectors,
            vectorsSHA256: try FileDigestCache(directory: locations.cacheDirectory).sha256(of: vectorsURL),
            embeddingDimension: words.dimension, weighting: embedding.weighting,
            buildSeconds: Date().timeIntervalSince(start))
        return dataset
    }
}

extension DatasetPreparer {
    /// Files the definition and embedding need that are absent (resolved paths).
    public func missingFiles(_ definition: DatasetDefinition, embedding: EmbeddingConfig) -> [String] {
        let urls = (definition.input.files + definition.labels.files).map { InputFileReader.url(of: $0, in: locations) }
            + [locations.resolve(embedding.vectors)]
        return urls.map(\.path).filter { !FileManager.default.fileExists(atPath: $0) }
    }
}
