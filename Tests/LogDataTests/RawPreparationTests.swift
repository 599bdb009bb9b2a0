import ContentHash
import Foundation
import Testing
@testable import LogData

struct RawPreparationTests {
    func toy(_ dir: URL, drain: DrainSettings) throws -> DatasetDefinition {
        try writeFile(dir, "v.txt", "receiving 1 0\nblock 0 1\nexception 1 1\nserved 0.5 0.5\n")
        try writeFile(dir, "a.log", """
            081109 203615 148 INFO dfs.DataNode: Receiving block blk_1 from 10.0.0.1
            081109 203616 149 INFO dfs.DataNode: Receiving block blk_-2 from 10.0.0.2
            this line does not match the format
            081109 203617 150 WARN dfs.DataNode: Exception serving blk_1 and blk_-2
            081109 203618 151 INFO dfs.DataNode: Served block blk_3 to 10.0.0.3

            """)
        try writeFile(dir, "labels.csv", "BlockId,Label\nblk_1,Anomaly\nblk_-2,Normal\nblk_3,Normal\n")
        return DatasetDefinition(
            name: "toy", system: "Toy",
            input: .raw(RawInput(files: [InputFile(path: "a.log")], logFormat: "<Date> <Time> <Pid> <Level> <Component>: <Content>", drain: drain)),
            sessions: .identifier(field: "Content", pattern: #"blk_-?\d+"#),
            labels: .sessionLabelFile(file: InputFile(path: "labels.csv"), idColumn: "BlockId", labelColumn: "Label", anomalyValues: ["Anomaly"]),
            vectors: "v.txt")
    }

    @Test func rawLogsBecomeBlockSessionsWithMalformedLinesReported() throws {
        let dir = try makeTempDirectory()
        let def = try toy(dir, drain: DrainSettings(preset: "metalog-hdfs"))
        let preparer = DatasetPreparer(locations: testLocations(dir))
        let d = try preparer.prepare(def, embedding: preparer.embedding(for: def)).dataset
        #expect(d.sessions.map(\.id) == ["blk_1", "blk_-2", "blk_3"])
        #expect(d.sessions.map(\.label) == [.anomalous, .normal, .normal])
        #expect(d.sessions[0].events.count == 2 && d.sessions[1].events.count == 2)
        #expect(d.sessions[0].events[1] == d.sessions[1].events[1])   // the shared exception line
        #expect(d.report?.malformedLines == 1)
        #expect(d.report?.malformedSamples.first?.contains("a.log:3") == true)
    }

    @Test func drainOverridesAndExtraMasksResolveAndChangeTheKey() throws {
        let dir = try makeTempDirectory()
        let preparer = DatasetPreparer(locations: testLocations(dir))
        let base = try toy(dir, drain: DrainSettings(preset: "metalog-hdfs"))
        let tuned = try toy(dir, drain: DrainSettings(preset: "metalog-hdfs", config: .object(["similarityThreshold": .number(0.7)]),
                                                      extraMasks: [DrainSettings.uuidMask]))
        guard case .raw(let raw) = tuned.input else { Issue.record("not raw"); return }
        let config = try preparer.drainConfig(raw, definition: tuned)
        #expect(config.similarityThreshold == 0.7)
        #expect(config.masks.first == DrainSettings.uuidMask)
        #expect(config.masks.count == (try DrainConfig.preset("metalog-hdfs")).masks.count + 1)
        #expect(try preparer.fingerprint(of: base, embedding: preparer.embedding(for: base))
                != preparer.fingerprint(of: tuned, embedding: preparer.embedding(for: tuned)))
        let bad = try toy(dir, drain: DrainSettings(preset: "no-such-preset"))
        #expect(throws: DatasetDefinitionError.self) { _ = try preparer.fingerprint(of: bad, embedding: preparer.embedding(for: bad)) }
    }
}
