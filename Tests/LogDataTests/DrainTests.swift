import Foundation
import Testing
@testable import LogData

@Suite("Drain on tricky lines")
struct DrainTests {
    func drain(_ preset: String = "drain3-default", _ edit: (inout DrainConfig) -> Void = { _ in }) throws -> Drain {
        var c = try DrainConfig.preset(preset)
        edit(&c)
        return try Drain(config: c)
    }

    @Test func groupsSimilarLinesAndWildcardsDifferences() throws {
        let d = try drain()
        let a = d.add("Receiving block 12 from node alpha")
        let b = d.add("Receiving block 13 from node beta")
        let c = d.add("Deleting file xyz now")
        #expect(a == b)
        #expect(c != a)
        #expect(d.template(of: a) == "Receiving block <*> from node <*>")
        #expect(d.size(of: a) == 2)
        #expect(d.clusters.map(\.id) == [0, 1])
    }

    @Test func emptyContentIsItsOwnStableCluster() throws {
        let d = try drain()
        let e1 = d.add("")
        let x = d.add("hello world")
        let e2 = d.add("   ")
        #expect(e1 == e2)
        #expect(x != e1)
        #expect(d.template(of: e1) == "")
    }

    @Test(arguments: [DrainVariant.logparser, .drain3])
    func oneTokenLinesMatchAgain(variant: DrainVariant) throws {
        let d = try drain { $0.variant = variant; $0.depth = 5 }
        let a = d.add("shutdown")
        let b = d.add("shutdown")
        let c = d.add("startup")
        let e = d.add("two tokens")
        let f = d.add("two tokens")
        #expect(a == b)
        #expect(c != a)
        #expect(e == f)
    }

    @Test func veryLongLines() throws {
        let d = try drain("metalog-hdfs")
        let long1 = (0..<5000).map { "tok\($0 % 7)" }.joined(separator: " ")
        let long2 = (0..<5000).map { "tok\(($0 + 1) % 7)" }.joined(separator: " ")
        let a = d.add(Substring(long1))
        let b = d.add(Substring(long1))
        #expect(a == b)
        _ = d.add(Substring(long2))
        let giant = String(repeating: "x", count: 200_000)
        let g = d.add(Substring(giant))
        #expect(d.template(of: g) == giant)
    }

    @Test func tokensWithDigitsGoThroughTheWildcardBranch() throws {
        // Without masks, "node7" and "node8" differ; the tree still routes both to one leaf
        // (tokens with digits descend via <*>), so similarity decides and merges them.
        let d = try drain { $0.similarityThreshold = 0.5 }
        let a = d.add("node7 reports disk full")
        let b = d.add("node8 reports disk full")
        #expect(a == b)
        #expect(d.template(of: a) == "<*> reports disk full")
    }

    @Test func masksNextToPunctuation() throws {
        let d = try drain("metalog-hdfs")
        let a = d.add("Served block blk_-42, to /10.0.0.1:50010; took (12)ms [0x1F] at 10.2.3.4.")
        #expect(d.template(of: a) == "Served block <ID>, to /<IPANDPORT>; took (<NUM>)ms [<HEX>] at <IP>.")
        let b = d.add("Served block blk_77, to /10.9.9.9:1; took (3)ms [0xAB] at 192.168.1.1.")
        #expect(a == b)
        // Digits glued to letters are not numbers for the NUM mask.
        let c = d.add("job12 finished")
        #expect(d.template(of: c) == "job12 finished")
    }

    @Test func logparserMasksUseWildcards() throws {
        let d = try drain("loghub-hdfs")
        let a = d.add("Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010")
        #expect(d.template(of: a) == "Receiving block <*> src: /<*> dest: /<*>")
    }

    @Test func similarityThresholdSplitsClusters() throws {
        let d = try drain { $0.similarityThreshold = 0.9 }
        let a = d.add("a b c d e")
        let b = d.add("a b c d f")
        #expect(a != b)
        let d2 = try drain { $0.similarityThreshold = 0.7 }
        #expect(d2.add("a b c d e") == d2.add("a b c d f"))
    }

    @Test func maxClustersEvictsLeastRecentlyUsed() throws {
        let d = try drain { $0.maxClusters = 2; $0.similarityThreshold = 0.9 }
        let a = d.add("alpha one two")
        let b = d.add("beta one two")
        _ = d.add("alpha one two")          // touch a: b becomes least recent
        let c = d.add("gamma one two")      // evicts b
        let b2 = d.add("beta one two")      // b is gone: new cluster (evicts a)
        #expect(Set([a, b, c, b2]).count == 4)
        #expect(d.clusters[b].evicted)
        #expect(d.clusterCount == 4)
    }

    @Test func extraDelimiters() throws {
        let d = try drain { $0.extraDelimiters = ["_"] }
        let a = d.add("open_file done")
        #expect(d.template(of: a) == "open file done")
    }

    @Test func badConfigIsRejectedWithItsName() throws {
        var c = DrainConfig()
        c.depth = 2
        #expect(throws: DrainConfigError.self) { try Drain(config: c) }
        #expect(throws: DrainConfigError.self) { try DrainConfig.preset("nope") }
        #expect(DrainConfig.presetNames.contains("metalog-bgl"))
    }

    @Test func groupingAccuracyDefinition() {
        // Groups {0,1} and {2} vs truth {0,1,2}: no line is correct.
        #expect(GroupingAccuracy.compute(parsed: [1, 1, 2], truth: ["A", "A", "A"]) == 0)
        // Perfect up to renaming.
        #expect(GroupingAccuracy.compute(parsed: [5, 5, 9], truth: ["A", "A", "B"]) == 1)
        // One merged group of two truths: those lines are wrong, the rest right.
        #expect(abs(GroupingAccuracy.compute(parsed: [1, 1, 2, 3], truth: ["A", "B", "C", "D"]) - 0.5) < 1e-12)
    }
}
