import ContentHash
import Foundation
import LogData
import Testing
@testable import Methods

/// Training on LogData's generated systems (raw logs → Drain → TF-IDF event vectors), zero target labels.
@Suite(.serialized) struct MethodTrainingTests {
    static let systems = Result { try GeneratedSystems.prepare(seed: 1, sessions: 1000, anomalyRate: 0.1) }

    func run(_ method: String, _ extra: [String: JSONValue], source: String = "synth-cloud",
             target: String = "synth-gateway") throws -> JobResult {
        let systems = try Self.systems.get()
        let settings: [String: JSONValue] = ["outer_lr": .number(0.01), "epochs": .number(30)]
        let job = TrainingJob(method: method, source: source, target: target, targetLabels: .none,
                              hyperparameters: Fixtures.small(for: method).merging(settings) { $1 }.merging(extra) { $1 },
                              seed: 3)
        return try JobPipeline(loadDataset: { systems[$0]! }).run(job)
    }

    /// ZeroLog never sees a target label and still ranks the target's anomalies well (AUC), where the
    /// same network trained on the source alone barely beats chance and flags every target session.
    ///
    /// Measured: AUC-ROC 0.93–0.98 vs 0.59. F1 at the fixed 0.5 threshold is NOT stable: 0.87 with one
    /// build of the NN kernels, 0.33 after a numerically different (vectorized) GRU kernel — the
    /// adversarial game is chaotic, so the threshold metric is only required to beat source-only.
    @Test func zeroLogBeatsSourceOnlyWithoutTargetLabels() throws {
        let zero = try run("zerolog", [:]), sourceOnly = try run("source-only", [:])
        let z = try #require(zero.metrics["test"]), s = try #require(sourceOnly.metrics["test"])
        print("synth-cloud→synth-gateway zerolog: \(z.summaryLine) | source-only: \(s.summaryLine)")
        #expect(zero.labeledTargetSessionIDs.isEmpty)
        #expect(z.aucROC >= 0.85)
        #expect(z.aucROC > s.aucROC + 0.2)
        #expect(z.aucPR > s.aucPR + 0.3)
        #expect(z.f1 > s.f1)
    }

    /// The gradient-reversal sign: with λ = +1 the extractor works against the domain classifier and
    /// its accuracy stays near chance; with λ = −1 (no reversal) the two cooperate and it separates
    /// the domains almost perfectly.
    @Test func gradientReversalKeepsDomainAccuracyNearChance() throws {
        func distanceFromChance(_ lambda: Double) throws -> Double {
            let r = try run("zerolog-no-meta", ["grl_lambda": .number(lambda), "grl_schedule": .string("constant")])
            let accs = r.epochs.suffix(10).compactMap { $0.values["domain_acc"] }
            return accs.reduce(0) { $0 + abs($1 - 0.5) } / Double(accs.count)
        }
        let reversed = try distanceFromChance(1), cooperative = try distanceFromChance(-1)
        print("mean |domain_acc − 0.5| over the last 10 epochs: reversed \(reversed), cooperative \(cooperative)")
        #expect(cooperative > 0.4)
        #expect(reversed < cooperative - 0.2)
    }
}
