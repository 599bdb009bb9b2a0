import Foundation
import Testing
@testable import Harness
import LogData
import Methods
import Reports

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

    @Test func table1RendersPublishedNumbersBesideTheirCells() throws {
        let spec = try SpecFile.load(path: Self.experiments.appendingPathComponent("table1.json").path, catalogs: nil).spec
        let markdown = ReportTable(layout: spec.reportLayout(), observations: []).markdown()
        let metalogLine = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| MetaLog") })
        // hdfs→bgl: P, R, F1 (published 92.93), n; bgl→hdfs: P, R, F1 (published 81.51), n; …
        let fields = metalogLine.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(fields[3] == "— [92.93]²" && fields[7] == "— [81.51]³")
        #expect(markdown.contains("¹ Published: FreeLog arXiv 2507.19806"))
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

/// The shipped specs against the real method catalog: method names, hyperparameter names and
/// types, label budgets only where labels can be used.
struct SpecExperimentFilesCatalogTests {
    @Test func everySpecValidatesAgainstTheMethodCatalog() throws {
        let locations = SpecExperimentFilesTests.locations
        var datasets = try DatasetDirectory.project(locations)
        datasets.names += ["synth-storage", "synth-cluster", "synth-cloud", "synth-gateway"].filter { !datasets.names.contains($0) }
        let catalogs = SpecCatalogs(methods: MethodCatalog.all, datasets: datasets)
        for path in try SpecExperimentFilesTests.specPaths() {
            do { _ = try SpecFile.load(path: path, catalogs: catalogs) } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func table1ExpandsToSeventyTwoJobsWithMetaLogBudget() throws {
        let path = SpecExperimentFilesTests.experiments.appendingPathComponent("table1.json").path
        let datasets = DatasetDirectory(names: ["hdfs", "bgl", "openstack"]) { "fp-\($0)" }
        let catalogs = SpecCatalogs(methods: MethodCatalog.all, datasets: datasets)
        let expanded = try SpecFile.load(path: path, catalogs: catalogs).expand(catalogs: catalogs)
        #expect(expanded.jobs.count == 6 * 4 * 3)
        #expect(Set(expanded.jobs.map(\.id)).count == 72)
        let metalog = expanded.jobs.filter { $0.job.method == "metalog" }
        #expect(metalog.count == 12 && metalog.allSatisfy { $0.job.targetLabels.anomalyFraction == 0.01 })
        #expect(expanded.jobs.filter { $0.job.method != "metalog" }.allSatisfy { $0.job.targetLabels.isZero })
    }
}
