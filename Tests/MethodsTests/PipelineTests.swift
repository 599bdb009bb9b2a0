import ContentHash
import Foundation
import LogData
import NN
import Testing
@testable import Methods

@Suite struct PipelineTests {
    func job(_ method: String, seed: UInt64 = 5, budget: LabelBudget = .none,
             _ extra: [String: JSONValue] = [:]) -> TrainingJob {
        TrainingJob(method: method, source: "gen-source", target: "gen-target", targetLabels: budget,
                    hyperparameters: Fixtures.small(for: method).merging(["epochs": .number(2)]) { $1 }.merging(extra) { $1 },
                    seed: seed)
    }

    @Test func sameSeedSameNumbersBitForBit() throws {
        let (s, t) = Fixtures.pair(sourceSessions: 300, targetSessions: 300)
        let p = Fixtures.pipeline([s, t])
        for method in ["zerolog", "metalog"] {
            let budget = method == "metalog" ? LabelBudget(anomalyFraction: 0.1, normalFraction: 0.3) : .none
            let a = try p.run(job(method, budget: budget)), b = try p.run(job(method, budget: budget))
            let c = try p.run(job(method, seed: 6, budget: budget))
            #expect(a.metrics["test"] == b.metrics["test"])
            #expect(a.epochs.map(\.values) == b.epochs.map(\.values))
            #expect(a.labeledTargetSessionIDs == b.labeledTargetSessionIDs)
            #expect(a.metrics["test"]!.aucROC != c.metrics["test"]!.aucROC)
        }
    }

    @Test func viewHidesTargetLabelsOutsideTheBudget() throws {
        let (s, t) = Fixtures.pair(sourceSessions: 200, targetSessions: 200)
        let hp = Hyperparameters(try MethodCatalog.resolve(method: "metalog", overrides: [:]))
        let plan = try JobDataPlan(source: s, target: t, hyperparameters: hp,
                                   budget: LabelBudget(anomalyFraction: 0.5, normalFraction: 0.1), seed: 9)
        let view = plan.view
        #expect(view.target.sessions.count == 60)                       // first 30%
        #expect(plan.targetTest.sessions.first!.id == t.sessions[80].id) // last 60%
        let revealed = view.target.sessions.filter { $0.label != .unknown }
        #expect(revealed.count == view.targetLabeled.count && !revealed.isEmpty)
        #expect(Set(view.labeledTarget.sessions.map(\.id)) == Set(revealed.map(\.id)))
        #expect(view.source!.sessions.count == 120 && view.sourceValidation!.sessions.count == 40)
        // Recorded ids are the revealed sessions, and never test sessions.
        let testIDs = Set(plan.targetTest.sessions.map(\.id))
        #expect(plan.budget.labeledIndices.allSatisfy { !testIDs.contains(t.sessions[$0].id) })
    }

    @Test func checkpointRoundTripScoresIdentically() throws {
        let (s, t) = Fixtures.pair(sourceSessions: 200, targetSessions: 200)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("methods-ckpt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Fixtures.pipeline([s, t]).run(job("zerolog"), artifactDirectory: dir)
        let ckpt = try #require(result.artifacts.first { $0.kind == "checkpoint" })
        #expect(result.artifacts.contains { $0.kind == "metrics-json" } && result.artifacts.contains { $0.kind == "roc" })
        let (detector, sidecar) = try NeuralDetector.load(checkpoint: URL(fileURLWithPath: ckpt.path))
        #expect(sidecar.metadata["target"] == "gen-target")
        let reloaded = Evaluator().evaluate(scores: try detector.scores(Array(t.sessions[80...]), in: t),
                                            labels: t.sessions[80...].map { $0.label == .anomalous },
                                            sequenceKeys: t.sessions[80...].map(\.events))
        #expect(reloaded == result.metrics["test"]!)
    }

    @Test func badInputsNameTheProblem() throws {
        let (s, t) = Fixtures.pair(sourceSessions: 50, targetSessions: 50)
        let p = Fixtures.pipeline([s, t])
        #expect(throws: MethodError.self) { try p.run(job("zerolog", ["pooling": .string("max")])) }
        #expect(throws: MethodError.self) { try p.run(job("zerolog", ["nonsense": .number(1)])) }
        var bad = job("zerolog")
        bad.source = nil
        #expect(throws: MethodError.missingSource(method: "zerolog")) { try p.run(bad) }
    }
}
