import ArgumentParser
import Foundation
import LogData

/// `zerolog prepare --dataset NAME`: parse, sessionize, label and embed one dataset (or all),
/// through the content-hash cache; prints what it measured.
struct PrepareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Prepare datasets (sessions, labels, TF-IDF event embeddings) into the content-hash cache.",
        discussion: """
            Definitions are read from Experiments/datasets (or --definitions). Prints sessions, anomalies,
            templates, OOV rate, malformed lines, the cache key, hit or miss, and the time taken.
            """)

    @Option(name: .long, help: "Dataset definition name (repeatable).")
    var dataset: [String] = []

    @Flag(name: .long, help: "Prepare every definition whose input files are present.")
    var all = false

    @Option(name: .long, help: "Directory of dataset definitions (default: Experiments/datasets).")
    var definitions: String?

    @Option(name: .long, help: "Word-vector file in GloVe text format (default: the definition's, else the shared GloVe 50-d).")
    var vectors: String?

    @Option(name: .long, help: "Expected vector dimension (checked against the file).")
    var dimension: Int?

    @Option(name: .long, help: "TF-IDF weighting: paper (MetaLog eq. 1) or metalogCode (its public code).")
    var weighting: String = EmbeddingConfig.Weighting.paper.rawValue

    @Flag(name: .long, help: "Rebuild even when the cache has the entry.")
    var noCache = false

    @Flag(name: .long, help: "Print only the cache key (fingerprint) without preparing.")
    var fingerprintOnly = false

    func validate() throws {
        if dataset.isEmpty && !all { throw ValidationError("give --dataset NAME or --all") }
        if EmbeddingConfig.Weighting(rawValue: weighting) == nil {
            throw ValidationError("--weighting must be one of: \(EmbeddingConfig.Weighting.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let locations = DataLocations.fromEnvironment()
        let catalog = try definitions.map { try DatasetCatalog(directory: URL(fileURLWithPath: $0)) }
            ?? DatasetCatalog.project(locations)
        let preparer = DatasetPreparer(locations: locations)
        let names = all ? catalog.names : dataset
        for name in names {
            let definition = try catalog.definition(named: name)
            let embedding = preparer.embedding(for: definition, vectors: vectors, dimension: dimension,
                                               weighting: EmbeddingConfig.Weighting(rawValue: weighting)!)
            if all, let missing = preparer.missingFiles(definition, embedding: embedding).first {
                print("\(name): skipped (missing \(missing))")
                continue
            }
            if fingerprintOnly {
                print("\(name) \(try preparer.fingerprint(of: definition, embedding: embedding))")
                continue
            }
            let outcome = try preparer.prepare(definition, embedding: embedding, useCache: !noCache)
            print(Self.summary(outcome))
        }
    }

    static func summary(_ o: DatasetPreparer.Outcome) -> String {
        let d = o.dataset
        var lines = ["\(d.name):"]
        let anomalyPct = d.sessions.isEmpty ? 0 : 100 * Double(d.anomalyCount) / Double(d.sessions.count)
        lines.append("  sessions    \(d.sessions.count) (anomalous \(d.anomalyCount), \(String(format: "%.2f", anomalyPct))%"
                     + (d.report.map { $0.unlabeledSessions > 0 ? ", unlabeled \($0.unlabeledSessions)" : "" } ?? "") + ")")
        lines.append("  templates   \(d.eventCount), embedding dimension \(d.embeddingDimension)")
        if let r = d.report {
            lines.append("  input       \(r.inputKind): \(r.lines) lines, malformed \(r.malformedLines), unassigned \(r.unassignedLines), empty sessions dropped \(r.emptySessionsDropped)")
            for s in r.malformedSamples.prefix(3) { lines.append("    malformed: \(s)") }
            lines.append("  OOV         \(String(format: "%.1f", 100 * r.oov.distinctRate))% of \(r.oov.distinctWords) distinct words (\(String(format: "%.1f", 100 * r.oov.occurrenceRate))% of occurrences), zero-vector templates \(r.oov.zeroVectorTemplates)"
                         + (r.oov.examples.isEmpty ? "" : "; e.g. \(r.oov.examples.prefix(8).joined(separator: " "))"))
            lines.append("  vectors     \(r.vectorsFile) (\(r.weighting.rawValue))")
            lines.append("  built in    \(String(format: "%.3f", r.buildSeconds)) s")
        }
        lines.append("  cache key   \(d.fingerprint)")
        lines.append("  cache       \(o.cacheHit ? "hit" : "miss") \(o.cacheFile.path)")
        lines.append("  time        \(String(format: "%.3f", o.seconds)) s")
        return lines.joined(separator: "\n")
    }
}
