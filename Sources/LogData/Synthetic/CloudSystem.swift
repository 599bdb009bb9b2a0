import Foundation

/// An OpenStack-like compute service: sessions are instance UUIDs (`[instance: <uuid>]`), other
/// API lines join no session, anomalous instances are listed in `anomaly_labels.txt`.
enum CloudSystem {
    static func failure(_ rng: inout SplitMix64) -> (String, String, [String]) {
        switch rng.int(0...4) {
        case 0: return ("ERROR", "Instance failed to spawn: timeout waiting for network-vif-plugged event", [])
        case 1: return ("ERROR", "Failed to allocate network(s): connection refused by neutron server {}", [rng.ip()])
        case 2: return ("ERROR", "Image {} download failed: checksum mismatch, image data corrupt", [rng.uuid()])
        case 3: return ("ERROR", "Unexpected exception while terminating instance: libvirt error, domain not found", [])
        default: return ("WARNING", "Build of instance aborted: failed to claim resources, request rejected", [])
        }
    }

    static func generate(_ rng: inout SplitMix64, _ o: SyntheticSystems.Options) -> GeneratedSystem {
        var out = LineCollector()
        var anomalous: [String] = []
        let horizon = 8.0 * 3600
        func prefix(_ t: Double, _ level: String, _ component: String, _ file: String) -> String {
            let p = SynthClock.parts(t)
            return "\(file) 2024-03-\(SynthClock.two(p.day)) \(SynthClock.two(p.h)):\(SynthClock.two(p.m)):\(SynthClock.two(p.s)).\(SynthClock.three(p.ms)) \(rng.int(2000...40000)) \(level) \(component) [req-\(rng.uuid()) \(rng.hex(32)) \(rng.hex(32)) - - -] "
        }
        for _ in 0..<o.sessionsPerSystem {
            let id = rng.uuid()
            let isAnomalous = rng.chance(o.anomalyRate)
            var t = rng.unit() * horizon
            func line(_ level: String, _ body: String, _ args: [String] = []) {
                t += 0.1 + rng.unit() * 4
                out.emit(t, prefix(t, level, "nova.compute.manager", "nova-compute.log.2024-03-01"), "[instance: {}] " + body, [id] + args)
            }
            line("INFO", "Attempting claim: memory {} MB, disk {} GB, vcpus {} CPU", [String(rng.pick([512, 2048, 4096])), String(rng.pick([10, 20, 40])), String(rng.int(1...8))])
            line("INFO", "Claim successful")
            let failAt = rng.int(0...2)
            if isAnomalous && failAt == 0 { let (l, b, a) = failure(&rng); line(l, b, a) }
            line("INFO", "Creating image")
            line("INFO", "VM Started (Lifecycle Event)")
            if isAnomalous && failAt == 1 { let (l, b, a) = failure(&rng); line(l, b, a) }
            if !(isAnomalous && rng.chance(0.5)) {
                line("INFO", "Took {} seconds to spawn the instance on the hypervisor.", [String(format: "%.2f", 5 + rng.unit() * 20)])
                line("INFO", "Took {} seconds to build instance.", [String(format: "%.2f", 6 + rng.unit() * 25)])
            }
            t += rng.unit() * 600
            line("INFO", "Terminating instance")
            line("INFO", "VM Stopped (Lifecycle Event)")
            if isAnomalous && failAt == 2 { let (l, b, a) = failure(&rng); line(l, b, a) }
            line("INFO", "Deleting instance files /var/lib/nova/instances/{}_del", [id])
            line("INFO", "Deletion of /var/lib/nova/instances/{}_del complete", [id])
            line("INFO", "Took {} seconds to destroy the instance on the hypervisor.", [String(format: "%.2f", rng.unit() * 3)])
            if isAnomalous { anomalous.append(id) }
        }
        // API noise without an instance id.
        for _ in 0..<(o.sessionsPerSystem * 2) {
            let t = rng.unit() * horizon
            out.emit(t, prefix(t, "INFO", "nova.osapi_compute.wsgi.server", "nova-api.log.2024-03-01"),
                     "{} \"GET /v2/{}/servers/detail HTTP/1.1\" status: 200 len: {} time: {}",
                     [rng.ip(), rng.hex(32), String(rng.int(1000...3000)), String(format: "%.7f", rng.unit())])
        }
        let name = "synth-cloud"
        let labels = "The following instances have injected anomalies.\n\n" + anomalous.joined(separator: "\n") + "\n"
        return GeneratedSystem(
            name: name, logText: out.rendered(), lineCount: out.entries.count,
            labelFiles: [("anomaly_labels.txt", labels)], sessions: o.sessionsPerSystem, anomalies: anomalous.count,
            vocabulary: out.vocabulary,
            definition: { dir, vectors in
                DatasetDefinition(
                    name: name, system: "SynthCloud",
                    description: "Generated OpenStack-like compute service: sessions by instance id, anomalous ids listed in anomaly_labels.txt.",
                    input: .raw(RawInput(files: [InputFile(path: "\(dir)/\(name).log")],
                                         logFormat: #"<Logrecord> <Date> <Time> <Pid> <Level> <Component> \[<ADDR>\] <Content>"#,
                                         drain: DrainSettings(preset: "metalog-openstack", extraMasks: [DrainSettings.uuidMask]))),
                    sessions: .identifier(field: "Content", pattern: "(?<=instance: )[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
                    labels: .anomalousIdList(file: InputFile(path: "\(dir)/anomaly_labels.txt")), vectors: vectors)
            })
    }
}
