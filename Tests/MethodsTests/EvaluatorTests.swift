import Testing
@testable import Methods

@Suite struct EvaluatorTests {
    @Test func handComputedMixedCase() {
        let m = Evaluator().evaluate(scores: [0.9, 0.8, 0.7, 0.6, 0.3, 0.2],
                                     labels: [true, false, true, false, false, true])
        #expect((m.truePositives, m.falsePositives, m.trueNegatives, m.falseNegatives) == (2, 2, 1, 1))
        #expect(abs(m.precision - 0.5) < 1e-12)
        #expect(abs(m.recall - 2.0 / 3) < 1e-12)
        #expect(abs(m.f1 - 4.0 / 7) < 1e-12)          // 2·(1/2)(2/3)/(1/2+2/3)
        #expect(abs(m.falsePositiveRate - 2.0 / 3) < 1e-12)
        #expect(abs(m.aucROC - 5.0 / 9) < 1e-12)      // 5 of 9 (pos, neg) pairs ordered right
        #expect(abs(m.aucPR - (1 + 2.0 / 3 + 0.5) / 3) < 1e-12)
        #expect(m.sessions == 6 && m.anomalies == 3)
        #expect(m.rocPoints.first == ROCPoint(fpr: 0, tpr: 0))
        #expect(m.rocPoints.last == ROCPoint(fpr: 1, tpr: 1))
    }

    @Test func tiesCountHalf() {
        let m = Evaluator().evaluate(scores: [0.9, 0.4, 0.4, 0.1], labels: [true, true, false, false])
        #expect(abs(m.aucROC - 0.875) < 1e-12)         // (2 + 0.5 + 1) / 4
        #expect(abs(m.aucPR - (0.5 + 0.5 * 2.0 / 3)) < 1e-12)
        let all = Evaluator().evaluate(scores: [0.5, 0.5, 0.5, 0.5], labels: [true, false, true, false])
        #expect(abs(all.aucROC - 0.5) < 1e-12)
        #expect(abs(all.aucPR - 0.5) < 1e-12)
        #expect(all.precision == 0.5 && all.recall == 1 && all.falsePositiveRate == 1)
    }

    @Test func orderOfTiedSessionsDoesNotMatter() {
        let a = Evaluator().evaluate(scores: [0.3, 0.3, 0.7], labels: [true, false, true])
        let b = Evaluator().evaluate(scores: [0.3, 0.3, 0.7], labels: [false, true, true])
        #expect(a.aucROC == b.aucROC && a.aucPR == b.aucPR)
    }

    @Test func degenerateSplits() {
        let noAnomaly = Evaluator().evaluate(scores: [0.1, 0.9], labels: [false, false])
        #expect(noAnomaly.recall.isNaN && noAnomaly.aucROC.isNaN && noAnomaly.aucPR.isNaN)
        #expect(noAnomaly.falsePositiveRate == 0.5)
        let nothingFlagged = Evaluator().evaluate(scores: [0.1, 0.2], labels: [true, false])
        #expect(nothingFlagged.precision == 0 && nothingFlagged.f1 == 0 && nothingFlagged.recall == 0)
    }

    @Test func duplicatesAreKeptAndCounted() {
        let m = Evaluator().evaluate(scores: [0.9, 0.9, 0.1], labels: [true, true, false],
                                     sequenceKeys: [[1, 2], [1, 2], [3]])
        #expect(m.sessions == 3 && m.anomalies == 2 && m.distinctSessions == 2)
        #expect(m.values["test_sessions"] == 3)
    }

    @Test func rocDownsamplingKeepsEnds() {
        let n = 1000
        let scores = (0..<n).map { Float($0) / Float(n) }
        let labels = (0..<n).map { $0 % 3 == 0 }
        let m = Evaluator(maxROCPoints: 11).evaluate(scores: scores, labels: labels)
        #expect(m.rocPoints.count == 11)
        #expect(m.rocPoints.first == ROCPoint(fpr: 0, tpr: 0) && m.rocPoints.last == ROCPoint(fpr: 1, tpr: 1))
    }

    @Test func summaryLineFormat() {
        let m = Evaluator().evaluate(scores: [0.9, 0.1], labels: [true, false])
        #expect(m.summaryLine == "f1=1.0000 precision=1.0000 recall=1.0000 auc_roc=1.0000 auc_pr=1.0000")
    }
}
