import ContentHash
import Foundation
import LogData
import Testing
@testable import Methods

/// Training on LogData's generated systems (raw logs → Drain → TF-IDF event vectors), zero target labels.
@Suite(.serialized) struct MethodTrainingTests {
    static let systems = Result { try GeneratedSystems.prepare(seed: 1, sessions: 1000, anomalyRate: 0.1) }

    static func run(_ method: String, _ extra: [String: JSONValue], source: String = "synth-cloud",
             target: String = "synth-gateway", seed: UInt64 = 3) throws -> JobResult {
        let systems = try Self.systems.get()
        let settings: [String: JSONValue] = ["outer_lr": .number(0.01), "epochs": .number(30)]
        let job = TrainingJob(method: method, source: source, target: target, targetLabels: .none,
                              hyperparameters: Fixtures.small(for: method).merging(settings) { $1 }.merging(extra) { $1 },
                              seed: seed)
        return try JobPipeline(loadDataset: { systems[$0]! }).run(job)
    }

    /// Test-split metrics of `method` on synth-cloud→synth-gateway for seeds 1–3, zero target labels.
    static func testMetrics(_ method: String, _ extra: [String: JSONValue] = [:]) throws -> [DetectionMetrics] {
        try ([1, 2, 3] as [UInt64]).map { seed in
            let r = try run(method, extra, seed: seed)
            #expect(r.labeledTargetSessionIDs.isEmpty)
            return try #require(r.metrics["test"])
        }
    }

    /// Source-only on the same pair and seeds, trained once for both comparisons below.
    static let sourceOnly = Result { try testMetrics("source-only") }

    /// The proof: ZeroLog never sees a target label and still detects the target's anomalies at
    /// the papers' fixed 0.5 threshold — F1 ≥ 0.9 on every seed — where the same network trained on
    /// the source alone flags every target session. With the domain-confusion adversary
    /// (`adversary=confusion`); `make synth-transfer` measures all four generated pairs × 5 seeds
    /// (this pair: F1 97.7 ± 2.7 vs source-only 17.6).
    @Test func zeroLogReachesF1AboveNinetyWithoutTargetLabels() throws {
        let zero = try Self.testMetrics("zerolog", ["adversary": .string("confusion")]), sourceOnly = try Self.sourceOnly.get()
        for (z, s) in zip(zero, sourceOnly) {
            print("synth-cloud→synth-gateway zerolog (confusion): \(z.summaryLine) | source-only: \(s.summaryLine)")
            #expect(z.f1 >= 0.9)
            #expect(z.f1 > s.f1 + 0.5)
            #expect(z.aucROC > s.aucROC + 0.2)
        }
    }

    /// With the paper's gradient reversal (the default) the ranking transfers on every seed (AUC-ROC
    /// 0.96–0.97 vs 0.64–0.69) but the adversarial game still lands on a bad threshold now and then
    /// (F1 0.70, 0.90, 0.18 for seeds 1–3), so F1 is only required to beat source-only on average.
    @Test func zeroLogWithGradientReversalBeatsSourceOnly() throws {
        let zero = try Self.testMetrics("zerolog"), sourceOnly = try Self.sourceOnly.get()
        for (z, s) in zip(zero, sourceOnly) {
            print("synth-cloud→synth-gateway zerolog: \(z.summaryLine) | source-only: \(s.summaryLine)")
            #expect(z.aucROC >= 0.9)
            #expect(z.aucROC > s.aucROC + 0.2)
            #expect(z.aucPR > s.aucPR + 0.3)
        }
        let mean = { (m: [DetectionMetrics]) in m.map(\.f1).reduce(0, +) / Double(m.count) }
        #expect(mean(zero) > mean(sourceOnly) + 0.2)
    }

    /// The gradient-reversal sign: with λ = +1 the extractor works against the domain classifier and
    /// its accuracy stays near chance; with λ = −1 (no reversal) the two cooperate and it separates
    /// the domains almost perfectly.
    @Test func gradientReversalKeepsDomainAccuracyNearChance() throws {
        func distanceFromChance(_ lambda: Double) throws -> Double {
            let r = try Self.run("zerolog-no-meta", ["grl_lambda": .number(lambda), "grl_schedule": .string("constant")])
            let accs = r.epochs.suffix(10).compactMap { $0.values["domain_acc"] }
            return accs.reduce(0) { $0 + abs($1 - 0.5) } / Double(accs.count)
        }
        let reversed = try distanceFromChance(1), cooperative = try distanceFromChance(-1)
        print("mean |domain_acc − 0.5| over the last 10 epochs: reversed \(reversed), cooperative \(cooperative)")
        #expect(cooperative > 0.4)
        #expect(reversed < cooperative - 0.2)
    }
}
