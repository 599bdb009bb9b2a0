import ArgumentParser
import ContentHash
import Foundation
import LogData
import Methods

/// `zerolog train`: one training job through the same pipeline the harness runs.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one detector on a source→target pair and evaluate it on the target's test part.",
        discussion: """
            Prepares both datasets through the cache, splits them chronologically, draws the target label
            budget with the seed, trains, and writes checkpoint.safetensors (+ checkpoint.json sidecar),
            metrics.json and roc.json into --out. Prints one line per epoch, then ONE final line:
            f1=… precision=… recall=… auc_roc=… auc_pr=…
            Methods: \(MethodCatalog.names.joined(separator: ", ")). Run with --list-hyperparameters to see
            a method's hyperparameters and defaults.
            """)

    @Option(name: .long, help: "Method name (\(MethodCatalog.names.joined(separator: ", "))).")
    var method: String = "zerolog"

    @Option(name: .long, help: "Source dataset definition name (labeled).")
    var source: String?

    @Option(name: .long, help: "Target dataset definition name (the system under test).")
    var target: String?

    @Option(name: .long, help: "Target label budget: none | all | anomalies=F,normals=F (default: the method's).")
    var targetLabels: String?

    @Option(name: .customLong("set"), help: "Hyperparameter override key=value (repeatable).")
    var overrides: [String] = []

    @Option(name: .long, help: "Seed of every random choice.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output directory (default: $DATA_DIR/runs/METHOD_SOURCE_TARGET_sSEED).")
    var out: String?

    @Flag(name: .long, help: "Print the method's hyperparameters with defaults and exit.")
    var listHyperparameters = false

    func validate() throws {
        _ = try parsedOverrides()
        _ = try budget()
        if !listHyperparameters && (source == nil || target == nil) {
            throw ValidationError("give --source DATASET and --target DATASET")
        }
    }

    func parsedOverrides() throws -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for item in overrides {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw ValidationError("--set expects key=value, got '\(item)'")
            }
            values[String(item[..<eq])] = JSONValue.parseLiteral(String(item[item.index(after: eq)...]))
        }
        return values
    }

    func budget() throws -> LabelBudget? {
        guard let text = targetLabels else { return nil }
        do { return try LabelBudget(parsing: text) } catch { throw ValidationError("--target-labels: \(error)") }
    }

    func run() throws {
        let descriptor = try MethodCatalog.descriptor(named: method)
        if listHyperparameters {
            for name in descriptor.hyperparameters.keys.sorted() {
                print("\(name) = \(descriptor.hyperparameters[name]!)    \(descriptor.documentation[name] ?? "")")
            }
            return
        }
        let locations = DataLocations.fromEnvironment()
        let resolved = try MethodCatalog.resolve(method: method, overrides: parsedOverrides())
        let job = TrainingJob(method: method, source: source, target: target!,
                              targetLabels: try budget() ?? descriptor.defaultTargetLabels,
                              hyperparameters: resolved, seed: seed)
        let directory = out.map { URL(fileURLWithPath: $0) }
            ?? locations.dataDirectory.appendingPathComponent("runs/\(method)_\(source!)_\(target!)_s\(seed)")
        let pipeline = try JobPipeline.preparing(locations: locations, log: { print($0) })
        let epochs = (try? Hyperparameters(resolved).int("epochs")) ?? 0
        print("\(method) \(source!)→\(target!) seed=\(seed) target labels: \(job.targetLabels)")
        let result = try pipeline.run(job, artifactDirectory: directory, observer: TrainingObserver(epochEnded: { r in
            let keys = ["loss_cls", "loss_adv", "domain_acc", "loss_conf", "loss_meta_test", "val_f1", "val_auc_roc"]
            let parts = keys.compactMap { k in r.values[k].map { "\(k)=\(String(format: "%.4f", $0))" } }
            print("epoch \(r.epoch)/\(epochs) " + parts.joined(separator: " "))
            fflush(nil)  // one line per epoch, also when piped to a file
        }))
        let sizes = result.splitSizes
        print("splits: source train \(sizes["source_train"] ?? 0), validation \(sizes["source_validation"] ?? 0); "
              + "target train \(sizes["target_train"] ?? 0) (labeled: \(result.labeledTargetSessionIDs.count)), "
              + "test \(sizes["target_test"] ?? 0)")
        if let test = result.metrics["test"] {
            print("test: \(test.sessions) sessions (\(test.distinctSessions) distinct), \(test.anomalies) anomalous; "
                  + "fpr=\(String(format: "%.4f", test.falsePositiveRate)); fit \(String(format: "%.1f", result.timings["fit_seconds"] ?? 0)) s")
        }
        print("wrote \(directory.path)/{checkpoint.safetensors,checkpoint.json,metrics.json,roc.json}")
        print(result.summaryLine)
    }
}
