import Foundation
import Testing
@testable import LogData

/// Preparation of the shared real-data samples (skips visibly without ../shared/datasets).
@Suite(.enabled(if: sharedAvailable))
struct SharedSampleTests {
    func prepare(_ name: String) throws -> PreparedDataset {
        let locations = DataLocations.forTests()
        let def = try DatasetCatalog.project(locations).definition(named: name)
        let preparer = DatasetPreparer(locations: locations)
        return try preparer.prepare(def, embedding: preparer.embedding(for: def)).dataset
    }

    @Test func hdfs100kSessions() throws {
        let d = try prepare("hdfs-100k-sessions")
        #expect(d.sessions.count == 7940 && d.anomalyCount == 313 && d.eventCount == 19)
    }

    @Test func openstackSequences() throws {
        let d = try prepare("openstack-sequences")
        #expect(d.sessions.count == 19 + 1852 + 198 && d.anomalyCount == 198 && d.eventCount == 92)
        #expect(d.sessions.map(\.id) == d.sessions.map(\.id).sorted())
    }

    @Test func bgl100kFixedWindows() throws {
        let d = try prepare("bgl-100k")
        #expect(d.sessions.count == 834)   // ceil(100000 / 120)
        #expect(d.sessions.dropLast().allSatisfy { $0.events.count == 120 } && d.sessions.last?.events.count == 40)
        #expect(d.report?.lines == 100_000)
        #expect(d.anomalyCount > 0 && d.anomalyCount < d.sessions.count)
    }
}

@Test func sharedSamplesNote() { noteSkippedIfNoSharedData("SharedSampleTests") }

@Suite(.enabled(if: sharedAvailable))
struct SharedRawSampleTests {
    @Test func hdfs20kRawBlocksAndLabels() throws {
        let locations = DataLocations.forTests()
        let def = try DatasetCatalog.project(locations).definition(named: "hdfs-20k")
        let preparer = DatasetPreparer(locations: locations)
        let d = try preparer.prepare(def, embedding: preparer.embedding(for: def)).dataset
        #expect(d.sessions.count == 1782 && d.anomalyCount == 43)
        #expect(d.report?.lines == 20_000 && d.report?.malformedLines == 0)
        #expect(d.sessions.allSatisfy { $0.id.hasPrefix("blk_") && $0.label != .unknown })
    }
}
