import Foundation

/// Out-of-vocabulary statistics of one system's templates against a word-vector file.
public struct OOVReport: Codable, Hashable, Sendable {
    /// Distinct words over all templates, and how many of them have no vector.
    public var distinctWords: Int
    public var oovDistinctWords: Int
    /// Word occurrences over all templates, and how many of them have no vector.
    public var wordOccurrences: Int
    public var oovOccurrences: Int
    /// Up to 20 OOV words, sorted.
    public var examples: [String]
    /// Templates whose vector is all zeros (no in-vocabulary word, or every word in every template).
    public var zeroVectorTemplates: Int

    /// OOV rate over distinct words (0 when there are none).
    public var distinctRate: Double { distinctWords == 0 ? 0 : Double(oovDistinctWords) / Double(distinctWords) }
    public var occurrenceRate: Double { wordOccurrences == 0 ? 0 : Double(oovOccurrences) / Double(wordOccurrences) }
}

/// TF-IDF aggregation of word vectors into event vectors (MetaLog eq. 1 and its code's variant).
///
/// An event's vector depends only on its template text and the IDF statistics of its own system's
/// templates (`templates` is the whole event table of one system).
public enum EventEmbedder {
    /// The words whose vectors `templates` need.
    public static func vocabulary(of templates: [String]) -> Set<String> {
        var v = Set<String>()
        for t in templates { for w in TemplateTokenizer.words(t) { v.insert(w) } }
        return v
    }

    /// Event vectors, row-major `[templates.count, vectors.dimension]`, and the OOV report.
    public static func embed(templates: [String], vectors: WordVectors,
                             weighting: EmbeddingConfig.Weighting) -> (vectors: [Float], oov: OOVReport) {
        let d = vectors.dimension
        var out = [Float](repeating: 0, count: templates.count * d)
        let tokenized = templates.map(TemplateTokenizer.tokensWithRaw)
        let nl = Double(templates.count)
        var acc = [Double](repeating: 0, count: d)
        func add(_ v: [Float], _ w: Double) { for k in 0..<d { acc[k] += w * Double(v[k]) } }

        switch weighting {
        case .paper:
            var documentFrequency: [String: Int] = [:]
            for toks in tokenized { for w in Set(toks.flatMap(\.words)) { documentFrequency[w, default: 0] += 1 } }
            for (e, toks) in tokenized.enumerated() {
                let words = toks.flatMap(\.words)
                guard !words.isEmpty else { continue }
                var counts: [String: Int] = [:]
                for w in words { counts[w, default: 0] += 1 }
                acc = [Double](repeating: 0, count: d)
                var inVocab = 0
                for (w, n) in counts {
                    guard let v = vectors.vectors[w] else { continue }
                    inVocab += 1
                    let tf = Double(n) / Double(words.count)
                    let idf = Foundation.log(nl / Double(documentFrequency[w]!))
                    add(v, tf * idf)
                }
                guard inVocab > 0 else { continue }
                for k in 0..<d { out[e * d + k] = Float(acc[k] / Double(inVocab)) }
            }
        case .metalogCode:
            var occurrences: [String: Int] = [:]
            for toks in tokenized { for t in toks { occurrences[t.raw, default: 0] += 1 } }
            for (e, toks) in tokenized.enumerated() {
                guard !toks.isEmpty else { continue }
                var counts: [String: Int] = [:]
                for t in toks { counts[t.raw, default: 0] += 1 }
                acc = [Double](repeating: 0, count: d)
                for t in toks {
                    let tf = Double(counts[t.raw]!) / Double(toks.count)
                    let idf = Foundation.log(nl / Double(occurrences[t.raw]!))
                    let weight = tf * idf / Double(t.words.count)
                    for w in t.words { if let v = vectors.vectors[w] { add(v, weight) } }
                }
                for k in 0..<d { out[e * d + k] = Float(acc[k]) }
            }
        }
        return (out, oovReport(tokenized.map { $0.flatMap(\.words) }, vectors: vectors, embedded: out, dimension: d))
    }

    static func oovReport(_ words: [[String]], vectors: WordVectors, embedded: [Float], dimension d: Int) -> OOVReport {
        var distinct = Set<String>()
        var occ = 0, oovOcc = 0
        for ws in words {
            for w in ws {
                distinct.insert(w)
                occ += 1
                if vectors.vectors[w] == nil { oovOcc += 1 }
            }
        }
        let oov = distinct.filter { vectors.vectors[$0] == nil }.sorted()
        var zero = 0
        for e in 0..<words.count where (0..<d).allSatisfy({ embedded[e * d + $0] == 0 }) { zero += 1 }
        return OOVReport(distinctWords: distinct.count, oovDistinctWords: oov.count, wordOccurrences: occ,
                         oovOccurrences: oovOcc, examples: Array(oov.prefix(20)), zeroVectorTemplates: zero)
    }
}
