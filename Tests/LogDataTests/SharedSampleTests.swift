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

@Suite(.enabled(if: sharedAvailable))
struct SharedZipMemberTests {
    @Test func logdeepWindowsAreReadFromTheZipWithUnzip() throws {
        let locations = DataLocations.forTests()
        let zip = "$SHARED_DATASETS/BGL/logdeep-windows/bgl.zip"
        let input = SequencesInput(
            files: [InputFile(path: zip, member: "bgl_test_abnormal", label: .anomalous, maxLines: 50)],
            lineFormat: .events,
            templates: TemplateTableSpec(file: InputFile(path: "$SHARED_DATASETS/BGL/logdeep-windows/templates.csv"),
                                         format: .csv, idColumn: "id", templateColumn: "template"))
        let r = try SequenceReader.read(input, locations: locations)
        #expect(r.sessions.count == 50 && r.table.templates.count == 384)
        #expect(r.sessions.first?.id == "bgl_test_abnormal:1")
        #expect(r.sessions.allSatisfy { $0.events.count == 21 })
        #expect(r.carriedLabels.allSatisfy { $0 == .anomalous })
        let missing = InputFile(path: zip, member: "no_such_member")
        #expect(throws: InputFileError.self) { _ = try InputFileReader.data(of: missing, in: locations) }
    }
}
