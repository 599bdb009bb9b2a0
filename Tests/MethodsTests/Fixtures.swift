import ContentHash
import Foundation
import LogData
import NN
@testable import Methods

/// Two small generated systems sharing a semantic space (concept vectors) but each with its own
/// event table: events are concept + system shift + noise, in a system-specific id order. Anomalous
/// sessions contain one to three "anomaly concept" events inside an otherwise normal flow.
enum Fixtures {
    static let dimension = 12

    static func system(name: String, seed: UInt64, sessions count: Int, shift: Float, anomalyRate: Double,
                       concepts: [[Float]]) -> PreparedDataset {
        var rng = SeededGenerator(seed: seed, purpose: name)
        let D = dimension
        let shiftVector = (0..<D).map { _ in rng.normal() * shift }
        // Two events per concept, in a shuffled order (ids differ between systems).
        var eventConcept: [Int] = concepts.indices.flatMap { [$0, $0] }
        rng.shuffle(&eventConcept)
        var vectors: [Float] = []
        for c in eventConcept { for j in 0..<D { vectors.append(concepts[c][j] + shiftVector[j] + 0.2 * rng.normal()) } }
        let normalConcepts = 0..<(concepts.count - 3)
        func event(ofConcept c: Int) -> Int32 {
            let options = eventConcept.indices.filter { eventConcept[$0] == c }
            return Int32(options[rng.integer(below: options.count)])
        }
        var sessions: [LogSession] = []
        for i in 0..<count {
            let length = 6 + rng.integer(below: 14)
            var concept = rng.integer(below: normalConcepts.count)
            var events: [Int32] = []
            for _ in 0..<length {
                events.append(event(ofConcept: concept))
                concept = (concept + 1 + rng.integer(below: 2)) % normalConcepts.count   // a normal "workflow"
            }
            let anomalous = rng.nextUnitDouble() < anomalyRate
            if anomalous {
                for _ in 0..<(1 + rng.integer(below: 3)) {
                    events.insert(event(ofConcept: normalConcepts.count + rng.integer(below: 3)),
                                  at: rng.integer(below: events.count + 1))
                }
            }
            sessions.append(LogSession(id: "\(name)-\(i)", events: events, label: anomalous ? .anomalous : .normal))
        }
        return PreparedDataset(name: name, fingerprint: "fixture-\(name)-\(seed)", embeddingDimension: D,
                               eventTemplates: eventConcept.map { "concept \($0)" }, eventVectors: vectors,
                               sessions: sessions)
    }

    /// A source and a target system (12 concepts: 9 normal, 3 anomaly).
    static func pair(seed: UInt64 = 1, sourceSessions: Int = 600, targetSessions: Int = 600,
                     targetShift: Float = 1.0) -> (PreparedDataset, PreparedDataset) {
        var rng = SeededGenerator(seed: seed, purpose: "concepts")
        let concepts = (0..<12).map { _ in (0..<dimension).map { _ in rng.normal() } }
        return (system(name: "gen-source", seed: seed, sessions: sourceSessions, shift: 0.3, anomalyRate: 0.12, concepts: concepts),
                system(name: "gen-target", seed: seed &+ 1, sessions: targetSessions, shift: targetShift, anomalyRate: 0.12,
                       concepts: concepts))
    }

    /// A pipeline whose loader serves the given datasets by name.
    static func pipeline(_ datasets: [PreparedDataset]) -> JobPipeline {
        let byName = Dictionary(uniqueKeysWithValues: datasets.map { ($0.name, $0) })
        return JobPipeline(loadDataset: { name in
            guard let d = byName[name] else { throw MethodError.unknownMethod(name, known: Array(byName.keys)) }
            return d
        })
    }

    /// Small, fast settings for tests (only the names `method` has).
    static func small(for method: String) -> [String: JSONValue] {
        let known = (try? MethodCatalog.descriptor(named: method).hyperparameters) ?? [:]
        return ["hidden": .number(16), "layers": .number(1), "batch_size": .number(32), "epochs": .number(6),
                "domain_hidden": .number(16)].filter { known[$0.key] != nil }
    }
}

// MARK: - Generated systems (LogData's synthetic generator)

enum GeneratedSystems {
    /// Generates the four synthetic systems (raw logs, labels, definitions, word vectors) into a
    /// temporary directory and prepares them through LogData's real pipeline (Drain, TF-IDF).
    static func prepare(seed: UInt64, sessions: Int = 500, anomalyRate: Double = 0.08,
                        dimension: Int = 16) throws -> [String: PreparedDataset] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("methods-synth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        _ = try SyntheticSystems.generate(into: out, seed: seed, options: .init(
            sessionsPerSystem: sessions, anomalyRate: anomalyRate, dimension: dimension))
        let catalog = try DatasetCatalog(directory: out.appendingPathComponent("definitions"))
        let locations = DataLocations(projectRoot: dir, dataDirectory: dir.appendingPathComponent("Data"),
                                      cacheDirectory: dir.appendingPathComponent("cache"))
        let preparer = DatasetPreparer(locations: locations)
        var result: [String: PreparedDataset] = [:]
        for name in catalog.names {
            let def = try catalog.definition(named: name)
            result[name] = try preparer.prepare(def, embedding: preparer.embedding(for: def), useCache: false).dataset
        }
        return result
    }
}
