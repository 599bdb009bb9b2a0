import Foundation
import Testing
@testable import LogData

struct TokenizerTests {
    @Test func dropsMasksSplitsCamelAndSnakeCaseAndLowercases() {
        #expect(TemplateTokenizer.words("HTTPServer got <*> from [NUM] and <IP>") == ["http", "server", "got", "from", "and"])
        #expect(TemplateTokenizer.words("BLOCK* NameSystem.allocateBlock:<*>") == ["block", "name", "system", "allocate", "block"])
        #expect(TemplateTokenizer.words("read_block_size x86 42 v2Client") == ["read", "block", "size", "x", "v", "client"])
        #expect(TemplateTokenizer.words("[instance: <*>] Claim successful") == ["instance", "claim", "successful"])
        #expect(TemplateTokenizer.words("<*>:<*> <*>") == [])
    }

    @Test func keepsTokenLevelForTheCodeWeighting() {
        let t = TemplateTokenizer.tokensWithRaw("NameSystem failed 7")
        #expect(t.map(\.raw) == ["NameSystem", "failed"])
        #expect(t.map(\.words) == [["name", "system"], ["failed"]])
    }
}

struct TFIDFTests {
    let vectors = WordVectors(dimension: 2, vectors: ["alpha": [1, 0], "beta": [0, 1], "gamma": [1, 1]], fileWordCount: 3)
    let templates = ["alpha beta", "alpha gamma gamma", "delta"]

    func close(_ a: [Float], _ b: [Double], _ tol: Double = 1e-6) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs(Double($0) - $1) < tol }
    }

    @Test func paperWeightingMatchesHandComputedValues() {
        let (e, oov) = EventEmbedder.embed(templates: templates, vectors: vectors, weighting: .paper)
        let l15 = log(1.5), l3 = log(3.0)
        // e0: distinct in-vocab {alpha, beta}: ((1/2)·ln1.5·[1,0] + (1/2)·ln3·[0,1]) / 2
        #expect(close(Array(e[0..<2]), [l15 / 4, l3 / 4]))
        // e1: alpha tf 1/3 idf ln1.5; gamma tf 2/3 idf ln3 (document frequency 1); mean over 2 words.
        #expect(close(Array(e[2..<4]), [(l15 / 3 + 2 * l3 / 3) / 2, (2 * l3 / 3) / 2]))
        // e2: delta has no vector.
        #expect(close(Array(e[4..<6]), [0, 0]))
        #expect(oov.distinctWords == 4 && oov.oovDistinctWords == 1 && oov.zeroVectorTemplates == 1)
        #expect(oov.examples == ["delta"])
        #expect(abs(oov.occurrenceRate - 1.0 / 6.0) < 1e-12)
    }

    @Test func metalogCodeWeightingMatchesHandComputedValues() {
        let (e, _) = EventEmbedder.embed(templates: templates, vectors: vectors, weighting: .metalogCode)
        let l15 = log(1.5), l3 = log(3.0)
        // Occurrence IDF: alpha 2, beta 1, gamma 2 (twice in one template), delta 1.
        #expect(close(Array(e[0..<2]), [0.5 * l15, 0.5 * l3]))
        // gamma repeated: each occurrence adds (2/3)·ln1.5·[1,1] → squared tf.
        #expect(close(Array(e[2..<4]), [l15 / 3 + 4 * l15 / 3, 4 * l15 / 3]))
        #expect(close(Array(e[4..<6]), [0, 0]))
    }

    @Test func codeWeightingKeepsOOVSubwordsInTheDenominator() {
        let v = WordVectors(dimension: 2, vectors: ["name": [2, 4]], fileWordCount: 1)
        let (e, _) = EventEmbedder.embed(templates: ["NameZzyzx", "other"], vectors: v, weighting: .metalogCode)
        // tf 1, idf ln2, transform = ([2,4] + 0) / 2.
        #expect(close(Array(e[0..<2]), [log(2.0), 2 * log(2.0)]))
        let (p, _) = EventEmbedder.embed(templates: ["NameZzyzx", "other"], vectors: v, weighting: .paper)
        // Paper: tf 1/2, idf ln2, averaged over the one in-vocabulary word.
        #expect(close(Array(p[0..<2]), [log(2.0), 2 * log(2.0)]))
    }

    @Test func eventVectorDependsOnlyOnItsSystemTemplates() {
        let a = EventEmbedder.embed(templates: templates, vectors: vectors, weighting: .paper).vectors
        var bigger = vectors
        bigger.vectors["unused"] = [9, 9]
        let b = EventEmbedder.embed(templates: templates, vectors: bigger, weighting: .paper).vectors
        #expect(a == b)
    }
}

struct GloVeReaderTests {
    @Test func readsOnlyTheRequestedWordsAndParsesFloats() throws {
        let dir = try makeTempDirectory()
        let url = try writeFile(dir, "v.txt", "the 0.418 -0.5 1e-3\nfoo 1 2 3\nbar -1.25E+2 0.0 .5\n")
        let v = try WordVectors.load(from: url, vocabulary: ["the", "bar", "missing"])
        #expect(v.dimension == 3 && v.fileWordCount == 3)
        #expect(v.vectors["the"] == [0.418, -0.5, 0.001])
        #expect(v.vectors["bar"] == [-125, 0, 0.5])
        #expect(v.vectors["foo"] == nil && v.vectors["missing"] == nil)
    }

    @Test func dimensionMismatchAndShortLinesAreErrors() throws {
        let dir = try makeTempDirectory()
        let url = try writeFile(dir, "v.txt", "a 1 2\nb 1\n")
        #expect(throws: InputFileError.self) { _ = try WordVectors.load(from: url, vocabulary: ["a"], expectedDimension: 3) }
        #expect(throws: InputFileError.self) { _ = try WordVectors.load(from: url, vocabulary: ["b"]) }
    }

    @Test(.enabled(if: sharedAvailable)) func sharedGloVe50dLoadsWithExactValues() throws {
        let url = DataLocations.forTests().resolve(EmbeddingConfig.sharedGloVe50)
        let v = try WordVectors.load(from: url, vocabulary: ["the", "block", "exception", "zzzznotaword"], expectedDimension: 50)
        #expect(v.fileWordCount == 400_000)
        #expect(v.vectors.count == 3)
        // First line of glove.6B.50d.txt: "the 0.418 0.24968 -0.41242 …".
        let the = try #require(v.vectors["the"])
        #expect(the[0] == Float("0.418")! && the[1] == Float("0.24968")! && the[2] == Float("-0.41242")!)
    }
}
