import Foundation
import LogData
import Testing
@testable import Methods

/// How sessions become network input: truncation, padding and the event normalization.
@Suite struct SessionBatchTests {
    /// Three events in 2-d: lengths 5, 0 (an all-OOV template) and √2.
    let dataset = PreparedDataset(
        name: "tiny", fingerprint: "tiny", embeddingDimension: 2, eventTemplates: ["a", "b", "c"],
        eventVectors: [3, 4, 0, 0, 1, 1],
        sessions: [LogSession(id: "s0", events: [0, 1, 2], label: .anomalous),
                   LogSession(id: "s1", events: [2, 0, 2, 2], label: .normal)])

    @Test func l2ScalesEachEventToUnitLengthAndKeepsZerosAndPadding() {
        let b = SessionBatch(dataset, indices: [0, 1], maxLength: 3, normalization: .l2)
        #expect(b.embeddings.shape == [2, 3, 2])
        #expect(b.lengths == [3, 3])
        let r = Float(0.5).squareRoot()
        let expected: [Float] = [0.6, 0.8, 0, 0, r, r,    // s0: (3,4)/5, the zero vector stays zero, (1,1)/√2
                                 r, r, 0.6, 0.8, r, r]    // s1 truncated to its first 3 events
        for (x, y) in zip(b.embeddings.scalars, expected) { #expect(abs(x - y) < 1e-6) }
        let raw = SessionBatch(dataset, indices: [0], maxLength: 500)
        #expect(raw.embeddings.scalars == [3, 4, 0, 0, 1, 1])
    }

    /// A checkpoint sidecar written before `eventNormalization` existed loads as `.none` (what those
    /// models were trained with); a new one round-trips.
    @Test func networkConfigDecodesSidecarsWithoutEventNormalization() throws {
        let old = #"{"inputSize":50,"hidden":100,"layers":2,"bidirectional":true,"pooling":"attention","maxLength":500,"domainHidden":64}"#
        let config = try JSONDecoder().decode(SessionNetworkConfig.self, from: Data(old.utf8))
        #expect(config.eventNormalization == .none && config.hidden == 100 && config.domainHidden == 64)
        var new = config
        new.eventNormalization = .l2
        #expect(try JSONDecoder().decode(SessionNetworkConfig.self, from: JSONEncoder().encode(new)) == new)
    }
}
