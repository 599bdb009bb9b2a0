import Foundation

/// An API gateway / reverse proxy: sessions are 60-second time windows over an epoch timestamp;
/// window labels (`t<k>`) are in `window_labels.csv`. Anomalous windows hold a burst of failures.
enum GatewaySystem {
    static let windowSeconds = 60.0

    static func normal(_ rng: inout SplitMix64) -> (String, String, [String]) {
        let path = rng.pick(["users", "orders", "items", "search", "profile", "cart"])
        switch rng.int(0...5) {
        case 0: return ("INFO", "http.access: GET /api/{} status 200 in {} ms", [path, String(rng.int(2...300))])
        case 1: return ("INFO", "http.access: POST /api/{} status 201 in {} ms", [path, String(rng.int(5...400))])
        case 2: return ("DEBUG", "cache.store: cache hit for key {}", [rng.hex(16)])
        case 3: return ("INFO", "proxy.pool: health check ok for backend {}", [rng.pick(["alpha", "beta", "gamma"])])
        case 4: return ("INFO", "proxy.worker: worker process {} started", [String(rng.int(100...999))])
        default: return ("INFO", "config.watch: configuration reloaded by admin, {} routes", [String(rng.int(10...90))])
        }
    }

    static func failure(_ rng: inout SplitMix64) -> (String, String, [String]) {
        switch rng.int(0...4) {
        case 0: return ("ERROR", "proxy.upstream: upstream {}:{} connection refused while proxying request", [rng.ip(), String(rng.int(8000...9000))])
        case 1: return ("ERROR", "proxy.upstream: request to /api/{} timed out after {} ms", [rng.pick(["users", "orders", "search"]), String(rng.int(5000...30000))])
        case 2: return ("ERROR", "tls.session: handshake failed, certificate invalid for peer {}", [rng.ip()])
        case 3: return ("CRIT", "proxy.worker: worker process {} exited on signal 11, crash", [String(rng.int(100...999))])
        default: return ("ERROR", "proxy.pool: health check failed for backend {}: unreachable", [rng.pick(["alpha", "beta", "gamma"])])
        }
    }

    static func generate(_ rng: inout SplitMix64, _ o: SyntheticSystems.Options) -> GeneratedSystem {
        var out = LineCollector()
        var labels = "WindowId,Label\n"
        var anomalies = 0
        let hosts = (0..<4).map { "gw\($0 + 1)" }
        for w in 0..<o.sessionsPerSystem {
            let start = Double(w) * windowSeconds
            let anomalous = rng.chance(o.anomalyRate)
            let count = rng.int(8...20)
            var times = (0..<count).map { _ in start + (rng.unit() * (windowSeconds - 1)).rounded(.down) }
            if w == 0 { times[0] = 0 }
            let burst = anomalous ? rng.int(2...4) : 0
            for (k, t) in times.enumerated() {
                let (level, body, args) = k < burst ? failure(&rng) : normal(&rng)
                out.emit(t, "\(Int(SynthClock.epochBase + t)) \(rng.pick(hosts)) \(level) ", body, args)
            }
            labels += "t\(w),\(anomalous ? "Anomaly" : "Normal")\n"
            if anomalous { anomalies += 1 }
        }
        let name = "synth-gateway"
        return GeneratedSystem(
            name: name, logText: out.rendered(), lineCount: out.entries.count,
            labelFiles: [("window_labels.csv", labels)], sessions: o.sessionsPerSystem, anomalies: anomalies,
            vocabulary: out.vocabulary,
            definition: { dir, vectors in
                DatasetDefinition(
                    name: name, system: "SynthGateway",
                    description: "Generated API gateway: \(Int(windowSeconds))-second time windows, window labels in window_labels.csv.",
                    input: .raw(RawInput(files: [InputFile(path: "\(dir)/\(name).log")],
                                         logFormat: "<Timestamp> <Host> <Level> <Component>: <Content>",
                                         drain: DrainSettings(preset: "metalog-hdfs"))),
                    sessions: .timeWindows(timestampField: "Timestamp", timestampFormat: "epochSeconds",
                                           length: windowSeconds, step: windowSeconds),
                    labels: .sessionLabelFile(file: InputFile(path: "\(dir)/window_labels.csv"), idColumn: "WindowId",
                                              labelColumn: "Label", anomalyValues: ["Anomaly"]),
                    vectors: vectors)
            })
    }
}
