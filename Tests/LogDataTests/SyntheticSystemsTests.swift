import Foundation
import Testing
@testable import LogData

struct SyntheticSystemsTests {
    let options = SyntheticSystems.Options(sessionsPerSystem: 60, anomalyRate: 0.2, dimension: 16)

    func contents(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
        for case let url as URL in e where !url.hasDirectoryPath {
            out[String(url.path.dropFirst(dir.path.count))] = try Data(contentsOf: url)
        }
        return out
    }

    @Test func sameSeedSameBytesDifferentSeedDifferentLogs() throws {
        var o = options
        o.pathPrefix = "$DATA_DIR/synth"
        let a = try makeTempDirectory("synth-a"), b = try makeTempDirectory("synth-b"), c = try makeTempDirectory("synth-c")
        try SyntheticSystems.generate(into: a, seed: 11, options: o)
        try SyntheticSystems.generate(into: b, seed: 11, options: o)
        try SyntheticSystems.generate(into: c, seed: 12, options: o)
        let ca = try contents(a)
        #expect(ca == (try contents(b)))
        #expect(ca.keys.contains("/synth-storage/synth-storage.log") && ca.keys.contains("/vectors.txt"))
        #expect(ca["/synth-storage/synth-storage.log"] != (try contents(c))["/synth-storage/synth-storage.log"])
    }

    @Test func everySystemPreparesWithTheGeneratedCountsAndLabels() throws {
        let dir = try makeTempDirectory("synth-prep")
        let manifest = try SyntheticSystems.generate(into: dir.appendingPathComponent("out"), seed: 3, options: options)
        let catalog = try DatasetCatalog(directory: dir.appendingPathComponent("out/definitions"))
        #expect(catalog.names == SyntheticSystems.systemNames.sorted())
        let preparer = DatasetPreparer(locations: testLocations(dir))
        var systems = Set<String>()
        for summary in manifest.systems {
            let def = try catalog.definition(named: summary.name)
            systems.insert(def.system)
            let d = try preparer.prepare(def, embedding: preparer.embedding(for: def)).dataset
            #expect(d.sessions.count == summary.sessions, "\(summary.name)")
            #expect(d.anomalyCount == summary.anomalousSessions, "\(summary.name)")
            #expect(d.report?.oov.oovDistinctWords == 0, "\(summary.name)")
            #expect(d.report?.malformedLines == 0)
            #expect(d.sessions.allSatisfy { $0.label != .unknown })
        }
        #expect(systems.count == 4)
    }

    /// Transfer is possible: in every system, events that occur only in anomalous sessions point
    /// towards the shared failure direction more than events of normal sessions do.
    @Test func anomalyEventsShareTheFailureDirectionAcrossSystems() throws {
        let dir = try makeTempDirectory("synth-sem")
        let manifest = try SyntheticSystems.generate(into: dir.appendingPathComponent("out"), seed: 5, options: options)
        let catalog = try DatasetCatalog(directory: dir.appendingPathComponent("out/definitions"))
        let preparer = DatasetPreparer(locations: testLocations(dir))
        let vectors = try WordVectors.load(from: dir.appendingPathComponent("out/vectors.txt"), vocabulary: ["failed", "exception", "timeout"])
        let failure = (0..<16).map { k in ["failed", "exception", "timeout"].reduce(Float(0)) { $0 + vectors.vectors[$1]![k] } }
        func cosine(_ a: ArraySlice<Float>, _ b: [Float]) -> Float {
            let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
            let na = a.reduce(0) { $0 + $1 * $1 }.squareRoot(), nb = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return na == 0 || nb == 0 ? 0 : dot / (na * nb)
        }
        for summary in manifest.systems {
            let d = try preparer.prepare(try catalog.definition(named: summary.name), embedding: preparer.embedding(for: try catalog.definition(named: summary.name))).dataset
            let normalEvents = Set(d.sessions.filter { $0.label == .normal }.flatMap(\.events))
            let anomalyOnly = Set(d.sessions.filter { $0.label == .anomalous }.flatMap(\.events)).subtracting(normalEvents)
            #expect(!anomalyOnly.isEmpty, "\(summary.name) has no anomaly-only events")
            let dim = d.embeddingDimension
            func meanCos(_ ids: Set<Int32>) -> Float {
                ids.map { cosine(d.eventVectors[Int($0) * dim..<(Int($0) + 1) * dim], failure) }.reduce(0, +) / Float(max(ids.count, 1))
            }
            #expect(meanCos(anomalyOnly) > meanCos(normalEvents) + 0.1, "\(summary.name)")
        }
    }
}
