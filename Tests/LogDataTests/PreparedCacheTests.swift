import Foundation
import Testing
@testable import LogData

struct PreparedCacheTests {
    func toyDefinition() -> DatasetDefinition {
        DatasetDefinition(
            name: "toy", system: "Toy",
            input: .sequences(SequencesInput(files: [InputFile(path: "seqs", label: .normal), InputFile(path: "bad", label: .anomalous)],
                                             lineFormat: .idAndEvents,
                                             templates: TemplateTableSpec(file: InputFile(path: "t.txt"), format: .lines))),
            sessions: nil, labels: .perFile, order: .asListed, vectors: "v.txt")
    }

    func makeToy() throws -> URL {
        let dir = try makeTempDirectory()
        try writeFile(dir, "t.txt", "block received\nblock deleted\nconnection refused exception\n")
        try writeFile(dir, "seqs", "s1,1 2\ns2,1 1 2\n")
        try writeFile(dir, "bad", "s3,1 3\n")
        try writeFile(dir, "v.txt", "block 1 0 0\nreceived 0 1 0\ndeleted 0 0 1\nconnection 1 1 0\nrefused 0 1 1\nexception 1 0 1\n")
        return dir
    }

    @Test func secondPreparationHitsTheCacheAndRoundTripsExactly() throws {
        let dir = try makeToy()
        let preparer = DatasetPreparer(locations: testLocations(dir))
        let def = toyDefinition()
        let emb = preparer.embedding(for: def)
        let first = try preparer.prepare(def, embedding: emb)
        #expect(!first.cacheHit)
        let second = try preparer.prepare(def, embedding: emb)
        #expect(second.cacheHit)
        #expect(second.dataset.sessions == first.dataset.sessions)
        #expect(second.dataset.eventVectors == first.dataset.eventVectors)
        #expect(second.dataset.eventTemplates == first.dataset.eventTemplates)
        #expect(second.dataset.report == first.dataset.report)
        #expect(second.dataset.fingerprint == (try preparer.fingerprint(of: def, embedding: emb)))
        #expect(first.dataset.sessions.map(\.label) == [.normal, .normal, .anomalous])
    }

    @Test func changedSettingsOrFilesChangeTheKey() throws {
        let dir = try makeToy()
        let preparer = DatasetPreparer(locations: testLocations(dir))
        let def = toyDefinition()
        let base = try preparer.fingerprint(of: def, embedding: preparer.embedding(for: def))
        #expect(try preparer.fingerprint(of: def, embedding: preparer.embedding(for: def)) == base)
        #expect(try preparer.fingerprint(of: def, embedding: preparer.embedding(for: def, weighting: .metalogCode)) != base)
        var other = def
        other.order = .byId
        #expect(try preparer.fingerprint(of: other, embedding: preparer.embedding(for: other)) != base)
        var described = def
        described.description = "prose does not matter"
        #expect(try preparer.fingerprint(of: described, embedding: preparer.embedding(for: described)) == base)
        // Changing a file's content (size changes) changes the key.
        try writeFile(dir, "seqs", "s1,1 2\ns2,1 1 2 2\n")
        #expect(try preparer.fingerprint(of: def, embedding: preparer.embedding(for: def)) != base)
    }

    @Test func corruptCacheFileIsRebuilt() throws {
        let dir = try makeToy()
        let preparer = DatasetPreparer(locations: testLocations(dir))
        let def = toyDefinition()
        let emb = preparer.embedding(for: def)
        let first = try preparer.prepare(def, embedding: emb)
        try Data("garbage".utf8).write(to: first.cacheFile)
        let again = try preparer.prepare(def, embedding: emb)
        #expect(!again.cacheHit && again.dataset.sessions == first.dataset.sessions)
        #expect(throws: InputFileError.self) { _ = try PreparedDataset(binaryData: Data("garbage".utf8), source: "x") }
    }
}
