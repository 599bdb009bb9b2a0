import ContentHash
import Foundation
import Testing
@testable import Harness
import Methods

/// Expansion: sizes of grid and zip sweeps, override precedence, shared and stable ids.
struct SpecExpansionTests {
    typealias F = SpecFixtures

    @Test func baseExpandsRowsTimesPairsTimesSeeds() throws {
        let expanded = try F.parse(F.base()).expand(catalogs: F.catalogs)
        #expect(expanded.jobs.count == 3 * 2 * 2)
        #expect(expanded.name == "t1")
        #expect(Set(expanded.jobs.map(\.id)).count == 12)
        #expect(expanded.jobs.first?.row == "ZeroLog")
        #expect(expanded.jobs.first?.column == "hdfs→bgl")
        #expect(expanded.jobs.first?.job.datasetFingerprints == ["hdfs": "fp-hdfs", "bgl": "fp-bgl"])
        let metalog = try #require(expanded.jobs.first { $0.row == "MetaLog" })
        #expect(metalog.job.targetLabels == LabelBudget(anomalyFraction: 0.01, normalFraction: 0.3))
    }

    @Test func gridIsCartesianAndZipIsPaired() throws {
        var spec = F.base()
        spec["seeds"] = [7]
        spec["pairs"] = ["hdfs→bgl"]
        spec["methods"] = [["row": "Z", "method": "zerolog",
                            "sweep": ["grid": ["beta": [1, 2, 3, 4, 5], "gamma": [1, 2]],
                                      "zip": ["meta_step": [0.5, 1, 2], "inner_lr": [0.001, 0.003, 0.01]]]]]
        let file = try F.parse(spec)
        let expanded = try file.expand(catalogs: F.catalogs)
        #expect(expanded.jobs.count == 5 * 2 * 3)
        #expect(Set(expanded.jobs.map(\.row)).count == 30)
        // Zipped values travel together, never crossed.
        for job in expanded.jobs {
            let step = job.job.hyperparameters["meta_step"]!.doubleValue!
            let lr = job.job.hyperparameters["inner_lr"]!.doubleValue!
            #expect([0.5: 0.001, 1: 0.003, 2: 0.01][step] == lr)
        }
        #expect(expanded.jobs.first?.row == "Z beta=1, gamma=1, inner_lr=0.001, meta_step=0.5")

        spec["methods"] = [["row": "Z", "method": "zerolog", "sweep": ["zip": ["beta": [1, 2, 3], "gamma": [3, 2, 1]]]]]
        #expect(try F.parse(spec).expand(catalogs: F.catalogs).jobs.count == 3)
    }

    @Test func overridePrecedenceDefaultsThenSpecThenRowThenSweep() throws {
        var spec = F.base()
        spec["pairs"] = ["hdfs→bgl"]
        spec["seeds"] = [1]
        spec["methodOverrides"] = ["zerolog": ["beta": 3, "gamma": 3, "epochs": 3]]
        spec["methods"] = [["row": "Z", "method": "zerolog", "overrides": ["beta": 4, "gamma": 4],
                            "sweep": ["grid": ["beta": [5]]]]]
        let job = try #require(try F.parse(spec).expand(catalogs: F.catalogs).jobs.first?.job)
        #expect(job.hyperparameters["beta"] == .number(5))        // sweep beats row
        #expect(job.hyperparameters["gamma"] == .number(4))       // row beats spec
        #expect(job.hyperparameters["epochs"] == .number(3))      // spec beats default
        #expect(job.hyperparameters["pooling"] == .string("attention")) // default filled
        #expect(job.hyperparameters.count == F.zerolog.hyperparameters.count)
    }

    @Test func labelRatioSweepSetsTheBudget() throws {
        var spec = F.base()
        spec["pairs"] = ["hdfs→bgl"]
        spec["seeds"] = [1]
        spec["methods"] = [["row": "MetaLog", "method": "metalog", "labelBudget": ["anomalyFraction": 0, "normalFraction": 0.3],
                            "sweep": ["grid": ["targetLabels.anomalyFraction": [0.005, 0.01, 0.05]]]]]
        let jobs = try F.parse(spec).expand(catalogs: F.catalogs).jobs
        #expect(jobs.map(\.job.targetLabels.anomalyFraction) == [0.005, 0.01, 0.05])
        #expect(jobs.allSatisfy { $0.job.targetLabels.normalFraction == 0.3 })
        #expect(jobs.map(\.row) == ["MetaLog anomalyFraction=0.005", "MetaLog anomalyFraction=0.01", "MetaLog anomalyFraction=0.05"])
        let layout = try F.parse(spec).spec.reportLayout()
        #expect(layout.rows.map { $0.sweepValues["targetLabels.anomalyFraction"] } == [0.005, 0.01, 0.05])
    }

    @Test func jobsSharedByTwoSpecsShareIds() throws {
        var other = F.base()
        other["name"] = "other"
        other["title"] = "Another table"
        other["seeds"] = [2, 9]
        other["methods"] = [["row": "Ours", "method": "zerolog", "overrides": ["beta": 2]]]
        let a = try F.parse(F.base()).expand(catalogs: F.catalogs).jobs
        let b = try F.parse(other, path: "Experiments/other.json").expand(catalogs: F.catalogs).jobs
        // Same method, pair, seed and (resolved) hyperparameters ⇒ same id, whatever the row is called.
        let shared = Set(a.map(\.id)).intersection(b.map(\.id))
        #expect(shared.count == 2)  // ZeroLog × 2 pairs × seed 2
    }

    @Test func idChangesWithSeedAndFingerprint() throws {
        let job = TrainingJob(method: "zerolog", source: "hdfs", target: "bgl", targetLabels: .none,
                              hyperparameters: F.zerolog.hyperparameters, seed: 1,
                              datasetFingerprints: ["hdfs": "fp-hdfs", "bgl": "fp-bgl"])
        var reseeded = job
        reseeded.seed = 2
        var refingerprinted = job
        refingerprinted.datasetFingerprints["bgl"] = "fp-bgl-v2"
        #expect(try job.contentID() != reseeded.contentID())
        #expect(try job.contentID() != refingerprinted.contentID())
    }

    /// Computed once and committed: the id must not change from process to process (no
    /// `hashValue`, no dictionary order) nor from build to build.
    @Test func idIsStableAcrossProcesses() throws {
        let expanded = try F.parse(F.base()).expand(catalogs: F.catalogs)
        #expect(expanded.jobs[0].id == SpecExpansionTests.goldenFirstID)
        #expect(try expanded.jobs[0].configJSON() == SpecExpansionTests.goldenFirstConfig)
    }

    static let goldenFirstID = "47642962b982eb7bc19f72976aaa9f2463d3969cae619fff9523f5d8a7476583"
    /// Its canonical JSON; `printf '%s' '<this>' | sha256sum` gives `goldenFirstID` outside Swift.
    static let goldenFirstConfig = #"{"datasetFingerprints":{"bgl":"fp-bgl","hdfs":"fp-hdfs"},"hyperparameters":{"beta":2,"epochs":10,"gamma":2.5,"inner_lr":0.003,"meta_step":1,"pooling":"attention","use_adversary":true,"use_meta":true},"method":"zerolog","seed":1,"source":"hdfs","target":"bgl","targetLabels":{"anomalyFraction":0,"normalFraction":0}}"#

    @Test func missingDatasetFailsWithFetchHint() throws {
        var spec = F.base()
        spec["pairs"] = ["hdfs→absent"]
        let file = try F.parse(spec)
        do {
            _ = try file.expand(catalogs: F.catalogs)
            Issue.record("expected a missing-dataset error")
        } catch let error as SpecValidationError {
            #expect(error.issues.map(\.description) == [
                "Experiments/t1.json: pairs[0].target: dataset `absent` is not available: files not found under Data/. Fetch the full datasets with `make datasets` (`zerolog datasets fetch`)",
            ])
        }
    }
}

/// The `zerolog plan` listing.
struct PlanListingTests {
    typealias F = SpecFixtures

    @Test func listingShowsStatusAndSettings() throws {
        let file = try F.parse(F.base())
        let expanded = try file.expand(catalogs: F.catalogs)
        let text = PlanListing.render(expanded, spec: file.spec, catalogs: F.catalogs,
                                      statuses: [expanded.jobs[0].id: .done, expanded.jobs[1].id: .failed])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "12 jobs (3 rows × 2 pairs × 2 seeds): 1 done, 1 failed, 10 new")
        #expect(lines[4].hasPrefix(String(expanded.jobs[0].id.prefix(12)) + "  ZeroLog "))
        #expect(lines[4].hasSuffix("done     zerolog (defaults)"))
        #expect(text.contains("new      zerolog use_meta=false"))
        #expect(text.contains("metalog labels: anomalies 1.0% normals 30.0%"))
    }
}
