import Foundation
import Testing
@testable import Harness
import LogData

/// The shipped specs in `Experiments/` decode, and name datasets the project defines.
struct SpecExperimentFilesTests {
    static let locations = DataLocations.forTests()
    static let experiments = locations.projectRoot.appendingPathComponent("Experiments")

    static func specPaths() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: experiments.path)
            .filter { $0.hasSuffix(".json") }.sorted()
            .map { experiments.appendingPathComponent($0).path }
    }

    @Test func everySpecDecodesAndNamesKnownDatasets() throws {
        let paths = try Self.specPaths()
        #expect(paths.count >= 8)
        let datasets = try DatasetDirectory.project(Self.locations)
        for path in paths {
            let file = try SpecFile.load(path: path, catalogs: nil)
            #expect(file.spec.name == URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent,
                    "spec name must match its file name: \(path)")
            for pair in file.spec.pairs {
                for name in [pair.source, pair.target] where !name.hasPrefix("synth-") {
                    #expect(datasets.names.contains(name), "\(path): unknown dataset \(name)")
                }
            }
        }
    }

    @Test func paperNumbersAreWhereTheyBelong() throws {
        let table1 = try SpecFile.load(path: Self.experiments.appendingPathComponent("table1.json").path, catalogs: nil).spec
        let f1 = table1.published.filter { $0.metric == "f1" }
        #expect(Set(f1.map(\.value)) == [92.93, 81.51])  // MetaLog only; ZeroLog's per-pair F1 is not public
        #expect(table1.published.filter { $0.source.hasPrefix("FreeLog") }.map(\.value).sorted() == [71.34, 73.59, 79.34, 81.12])
        #expect(table1.pairs.map(\.key) == ["hdfs→bgl", "bgl→hdfs", "openstack→bgl", "openstack→hdfs"])
    }

    @Test(.enabled(if: DataLocations.forTests().hasSharedDatasets, "needs ../shared/datasets"))
    func sampleDatasetsFingerprint() throws {
        let datasets = try DatasetDirectory.project(Self.locations)
        let first = try datasets.fingerprint("hdfs-2pct")
        #expect(first.count == 64)
        #expect(try datasets.fingerprint("hdfs-2pct") == first)
        #expect(try datasets.fingerprint("bgl-100k") != first)
    }
}
