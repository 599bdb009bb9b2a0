import Foundation

/// A BGL-like supercomputer: lines carry an alert column (`-` = normal), sessions are per-node
/// windows of 40 lines; a window with an alert line is anomalous. Some normal lines use
/// failure-like words ("error corrected", "alignment exceptions") as real BGL does.
enum ClusterSystem {
    static let windowSize = 40

    static func normal(_ rng: inout SplitMix64) -> (String, String, [String]) {
        switch rng.int(0...7) {
        case 0: return ("KERNEL INFO", "instruction cache parity error corrected", [])
        case 1: return ("KERNEL INFO", "generating core.{}", [String(rng.int(1...4000))])
        case 2: return ("APP INFO", "ciod: LOGIN chdir(/home/user{}/run{}) succeeded", [String(rng.int(1...40)), String(rng.int(1...500))])
        case 3: return ("MMCS INFO", "job {} started on partition R{}-M{}", [String(rng.int(10000...99999)), String(rng.int(10...70)), String(rng.int(0...1))])
        case 4: return ("HARDWARE INFO", "node card status nominal, temperature {} C", [String(rng.int(30...60))])
        case 5: return ("KERNEL INFO", "{} double-hummer alignment exceptions", [String(rng.int(1...99))])
        case 6: return ("KERNEL INFO", "total of {} ddr error(s) detected and corrected", [String(rng.int(1...9))])
        default: return ("MMCS INFO", "job {} completed, exit status 0", [String(rng.int(10000...99999))])
        }
    }

    static func alert(_ rng: inout SplitMix64) -> (String, String, String, [String]) {
        switch rng.int(0...5) {
        case 0: return ("KERNDTLB", "KERNEL FATAL", "data TLB error interrupt, process killed", [])
        case 1: return ("KERNSOCK", "APP FATAL", "ciod: failed to read message prefix on control stream (CioStream socket to {}:{}), connection refused", [rng.ip(), String(rng.int(30000...60000))])
        case 2: return ("KERNTERM", "KERNEL FATAL", "rts: kernel terminated for reason {}: timeout waiting for job control", [String(rng.int(1000...1010))])
        case 3: return ("KERNMC", "KERNEL FATAL", "machine check interrupt: uncorrectable memory error, data corrupt", [])
        case 4: return ("APPREAD", "APP FAILURE", "Lustre mount FAILED: bglio{}: block device unreachable", [String(rng.int(1...60))])
        default: return ("KERNPAN", "KERNEL FATAL", "idoproxydb hit ASSERT condition: fatal exception in thread {}", [String(rng.int(1...64))])
        }
    }

    static func generate(_ rng: inout SplitMix64, _ o: SyntheticSystems.Options) -> GeneratedSystem {
        var out = LineCollector()
        var anomalies = 0
        let nodeCount = max(1, o.sessionsPerSystem / 5)
        let nodes = (0..<nodeCount).map { _ in "R\(rng.int(10...79))-M\(rng.int(0...1))-N\(rng.int(0...15))-C:J\(rng.int(2...18))-U\(rng.int(1...11))" }
        let uniqueNodes = Array(Set(nodes)).sorted()
        let horizon = 12.0 * 3600
        for window in 0..<o.sessionsPerSystem {
            let node = uniqueNodes[window % uniqueNodes.count]
            // Windows of one node are consecutive in time: window w of a node covers its w-th slice.
            let slice = Double(window / uniqueNodes.count)
            let slices = Double((o.sessionsPerSystem + uniqueNodes.count - 1) / uniqueNodes.count)
            var t = horizon * slice / slices + rng.unit() * 5
            let anomalous = rng.chance(o.anomalyRate)
            let burstStart = rng.int(0...(windowSize - 4))
            let burst = anomalous ? rng.int(1...3) : 0
            for k in 0..<windowSize {
                t += 0.5 + rng.unit() * (horizon / slices / Double(windowSize) - 1)
                let stamp = "\(Int(SynthClock.epochBase + t)) \(node) "
                if k >= burstStart && k < burstStart + burst {
                    let (tag, compLevel, body, args) = alert(&rng)
                    out.emit(t, "\(tag) \(stamp)\(compLevel) ", body, args)
                } else {
                    let (compLevel, body, args) = normal(&rng)
                    out.emit(t, "- \(stamp)\(compLevel) ", body, args)
                }
            }
            if anomalous { anomalies += 1 }
        }
        let name = "synth-cluster"
        return GeneratedSystem(
            name: name, logText: out.rendered(), lineCount: out.entries.count, labelFiles: [],
            sessions: o.sessionsPerSystem, anomalies: anomalies, vocabulary: out.vocabulary,
            definition: { dir, vectors in
                DatasetDefinition(
                    name: name, system: "SynthCluster",
                    description: "Generated BGL-like cluster: per-node \(windowSize)-line windows, anomalous if any alert line.",
                    input: .raw(RawInput(files: [InputFile(path: "\(dir)/\(name).log")],
                                         logFormat: "<Label> <Timestamp> <Node> <Component> <Level> <Content>",
                                         drain: DrainSettings(preset: "metalog-hdfs"))),
                    sessions: .groupedWindows(groupField: "Node", size: windowSize),
                    labels: .alertField(field: "Label", normalValue: "-"), vectors: vectors)
            })
    }
}
