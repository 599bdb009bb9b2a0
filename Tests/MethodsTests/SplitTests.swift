import Testing
import LogData
@testable import Methods

/// SplitMix64, a test-local seeded generator.
struct TestRNG: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct SplitTests {
    @Test func chronologicalRanges() throws {
        let s = ChronologicalSplit(sessionCount: 10, fractions: try SplitFractions(train: 0.6, validation: 0.2, test: 0.2))
        #expect(s.train == 0..<6 && s.validation == 6..<8 && s.test == 8..<10)
        let t = ChronologicalSplit(sessionCount: 10, fractions: try SplitFractions(train: 0.3, validation: 0, test: 0.6))
        #expect(t.train == 0..<3 && t.validation == 3..<3 && t.test == 4..<10)
        #expect(throws: MethodError.self) { try SplitFractions(train: 0.7, validation: 0.2, test: 0.2) }
    }

    @Test func labelBudgetIsSeededCountedAndInsideCandidates() {
        let sessions = (0..<300).map { LogSession(id: "s\($0)", events: [1], label: $0 % 10 == 0 ? .anomalous : .normal) }
        let candidates = Array(0..<200)   // 20 anomalies, 180 normals
        var r1 = TestRNG(state: 7), r2 = TestRNG(state: 7), r3 = TestRNG(state: 8)
        let budget = LabelBudget(anomalyFraction: 0.01, normalFraction: 0.3)
        let a = LabelBudgetDraw(budget: budget, candidates: candidates, sessions: sessions, using: &r1)
        let b = LabelBudgetDraw(budget: budget, candidates: candidates, sessions: sessions, using: &r2)
        let c = LabelBudgetDraw(budget: budget, candidates: candidates, sessions: sessions, using: &r3)
        #expect(a == b)
        #expect(a != c)
        #expect(a.labeledAnomalies == 1 && a.labeledNormals == 54)
        #expect(a.labeledIndices.allSatisfy { $0 < 200 })
        #expect(a.labeledIndices == a.labeledIndices.sorted())
        var r4 = TestRNG(state: 1)
        #expect(LabelBudgetDraw(budget: .none, candidates: candidates, sessions: sessions, using: &r4).labeledIndices.isEmpty)
    }

    @Test func shuffleIsAPermutationAndSeeded() {
        var r1 = TestRNG(state: 3), r2 = TestRNG(state: 3)
        let a = SeededSampling.shuffled(Array(0..<100), using: &r1)
        let b = SeededSampling.shuffled(Array(0..<100), using: &r2)
        #expect(a == b && a.sorted() == Array(0..<100) && a != Array(0..<100))
    }

    @Test func unknownHyperparameterIsAnError() throws {
        #expect(throws: MethodError.self) { try MethodCatalog.resolve(method: "zerolog", overrides: ["betta": .number(1)]) }
        #expect(throws: MethodError.self) { try MethodCatalog.resolve(method: "nope", overrides: [:]) }
        let resolved = try MethodCatalog.resolve(method: "source-only", overrides: ["epochs": .number(3)])
        #expect(resolved["use_meta"] == .bool(false) && resolved["use_adversary"] == .bool(false))
        #expect(resolved["epochs"] == .number(3))
        #expect(try MethodCatalog.descriptor(named: "metalog").defaultTargetLabels.anomalyFraction == 0.01)
    }
}
