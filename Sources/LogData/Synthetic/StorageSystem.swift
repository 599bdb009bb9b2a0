import Foundation

/// An HDFS-like block store: sessions are block ids (`blk_-?\d+`), labels in `anomaly_label.csv`.
/// Normal block: allocate → 3 × receive → 3 × received → 3 × stored → 3 × responder terminating
/// (→ served, verified, deleted). Anomalous blocks add 1–2 failure events and may stop early.
enum StorageSystem {
    /// A failure event of `blk`: (level, template with `{}` slots, values).
    static func failure(_ rng: inout SplitMix64, blk: String, node: String) -> (String, String, [String]) {
        switch rng.int(0...4) {
        case 0: return ("WARN", "dfs.DataNode$DataXceiver: Exception in receiveBlock for block {} java.io.IOException: Connection reset by peer", [blk])
        case 1: return ("WARN", "dfs.DataNode$DataXceiver: {}:50010:Got exception while serving {} to /{}: java.net.SocketTimeoutException: timeout waiting for channel", [node, blk, rng.ip()])
        case 2: return ("WARN", "dfs.FSNamesystem: BLOCK* NameSystem.reportCorrupt: corrupt block {} checksum mismatch on datanode {}:50010", [blk, node])
        case 3: return ("ERROR", "dfs.DataNode$DataXceiver: writeBlock {} received exception java.io.IOException: Could not read from stream, connection refused", [blk])
        default: return ("WARN", "dfs.DataNode$PacketResponder: PacketResponder {} for block {} Exception java.io.InterruptedIOException: interrupted, write failed", [String(rng.int(0...2)), blk])
        }
    }

    static func generate(_ rng: inout SplitMix64, _ o: SyntheticSystems.Options) -> GeneratedSystem {
        var out = LineCollector()
        var labels = "BlockId,Label\n"
        var anomalies = 0
        let horizon = 6.0 * 3600
        for _ in 0..<o.sessionsPerSystem {
            let blk = "blk_\(rng.chance(0.5) ? "-" : "")\(rng.int(1_000_000_000...9_000_000_000))\(rng.int(100_000_000...999_999_999))"
            let anomalous = rng.chance(o.anomalyRate)
            var t = rng.unit() * horizon
            let nodes = (0..<3).map { _ in rng.ip() }
            func line(_ level: String, _ body: String, _ args: [String]) {
                t += 0.2 + rng.unit() * 3
                let p = SynthClock.parts(t)
                out.emit(t, "240301 \(SynthClock.two(p.h))\(SynthClock.two(p.m))\(SynthClock.two(p.s)) \(rng.int(10...999)) \(level) ", body, args)
            }
            let size = String(rng.int(1_000...67_108_864))
            line("INFO", "dfs.FSNamesystem: BLOCK* NameSystem.allocateBlock: /user/data/part-{}. {}", [String(rng.int(0...999)), blk])
            for n in nodes { line("INFO", "dfs.DataNode$DataXceiver: Receiving block {} src: /{}:{} dest: /{}:50010", [blk, n, String(rng.int(30000...60000)), n]) }
            let stopEarly = anomalous && rng.chance(0.5)
            let failureAt = rng.int(0...2)
            var failureStep = 0
            func maybeFail() {
                guard anomalous, failureStep == failureAt else { failureStep += 1; return }
                failureStep += 1
                for _ in 0..<rng.int(1...2) {
                    let (level, body, values) = failure(&rng, blk: blk, node: rng.pick(nodes))
                    line(level, body, values)
                }
            }
            maybeFail()
            for n in nodes { line("INFO", "dfs.DataNode$PacketResponder: Received block {} of size {} from /{}", [blk, size, n]) }
            maybeFail()
            if !stopEarly {
                for n in nodes { line("INFO", "dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: {}:50010 is added to {} size {}", [n, blk, size]) }
                for k in 0..<3 { line("INFO", "dfs.DataNode$PacketResponder: PacketResponder {} for block {} terminating", [String(k), blk]) }
            }
            maybeFail()
            for _ in 0..<rng.int(0...3) { line("INFO", "dfs.DataNode$DataXceiver: {}:50010 Served block {} to /{}", [rng.pick(nodes), blk, rng.ip()]) }
            if rng.chance(0.3) { line("INFO", "dfs.DataBlockScanner: Verification succeeded for {}", [blk]) }
            if rng.chance(0.4) {
                line("INFO", "dfs.FSNamesystem: BLOCK* NameSystem.delete: {} is added to invalidSet of {}:50010", [blk, rng.pick(nodes)])
                line("INFO", "dfs.FSDataset: Deleting block {} file /data/dfs/current/subdir{}/{}", [blk, String(rng.int(0...63)), blk])
            }
            labels += "\(blk),\(anomalous ? "Anomaly" : "Normal")\n"
            if anomalous { anomalies += 1 }
        }
        let name = "synth-storage"
        return GeneratedSystem(
            name: name, logText: out.rendered(), lineCount: out.entries.count,
            labelFiles: [("anomaly_label.csv", labels)], sessions: o.sessionsPerSystem, anomalies: anomalies,
            vocabulary: out.vocabulary,
            definition: { dir, vectors in
                DatasetDefinition(
                    name: name, system: "SynthStorage",
                    description: "Generated HDFS-like block store: sessions by block id, loghub-style anomaly_label.csv.",
                    input: .raw(RawInput(files: [InputFile(path: "\(dir)/\(name).log")],
                                         logFormat: "<Date> <Time> <Pid> <Level> <Component>: <Content>",
                                         drain: DrainSettings(preset: "metalog-hdfs"))),
                    sessions: .identifier(field: "Content", pattern: #"blk_-?\d+"#),
                    labels: .sessionLabelFile(file: InputFile(path: "\(dir)/anomaly_label.csv"), idColumn: "BlockId",
                                              labelColumn: "Label", anomalyValues: ["Anomaly"]),
                    vectors: vectors)
            })
    }
}
