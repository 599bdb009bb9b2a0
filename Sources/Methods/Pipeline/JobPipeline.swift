import ContentHash
import Foundation
import LogData

/// Runs one `TrainingJob` end to end — the single code path behind `zerolog train` and the
/// harness executor: load → chronological splits → seeded label budget → fit → score → evaluate →
/// checkpoint + metrics files.
public struct JobPipeline: Sendable {
    /// Loads (prepares through the cache) a dataset by definition name.
    public typealias DatasetLoader = @Sendable (String) throws -> PreparedDataset

    public var loadDataset: DatasetLoader
    public var evaluatorMaxROCPoints: Int

    public init(loadDataset: @escaping DatasetLoader, evaluatorMaxROCPoints: Int = 101) {
        self.loadDataset = loadDataset
        self.evaluatorMaxROCPoints = evaluatorMaxROCPoints
    }

    // MARK: Running

    /// Runs `job`; writes `checkpoint.safetensors` (+ sidecar), `metrics.json` and `roc.json` into
    /// `artifactDirectory` when given.
    public func run(_ job: TrainingJob, artifactDirectory: URL? = nil,
                    observer: TrainingObserver = .silent) throws -> JobResult {
        let clock = ContinuousClock()
        var timings: [String: Double] = [:]
        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let descriptor = try MethodCatalog.descriptor(named: job.method)
        let hp = Hyperparameters(try MethodCatalog.resolve(method: job.method, overrides: job.hyperparameters))
        let method = try MethodCatalog.makeMethod(named: job.method)

        // Data
        var start = clock.now
        guard let sourceName = job.source ?? (descriptor.needsSource ? nil : job.target) else {
            throw MethodError.missingSource(method: job.method)
        }
        let source = try loadDataset(sourceName)
        let target = sourceName == job.target ? source : try loadDataset(job.target)
        guard source.embeddingDimension == target.embeddingDimension else {
            throw MethodError.incompatibleEmbedding(dataset: target.name, expected: source.embeddingDimension,
                                                    found: target.embeddingDimension)
        }
        timings["load_seconds"] = seconds(clock.now - start)

        // Splits and label budget
        let plan = try JobDataPlan(source: source, target: target, hyperparameters: hp,
                                   budget: job.targetLabels, seed: job.seed)

        // Fit
        start = clock.now
        let epochs = EpochLog()
        let recording = TrainingObserver(epochEnded: { report in
            epochs.append(report)
            observer.epochEnded(report)
        }, shouldStop: observer.shouldStop)
        let model = try method.fit(plan.view, hyperparameters: hp, seed: job.seed, observer: recording)
        timings["fit_seconds"] = seconds(clock.now - start)

        // Evaluate
        start = clock.now
        let evaluator = Evaluator(threshold: try hp.double("threshold"), maxROCPoints: evaluatorMaxROCPoints)
        var metrics: [String: DetectionMetrics] = [:]
        metrics["test"] = try Self.evaluate(model, plan.targetTest, evaluator)
        if !plan.sourceValidation.sessions.isEmpty {
            metrics["validation"] = try Self.evaluate(model, plan.sourceValidation, evaluator)
        }
        if !plan.sourceTest.sessions.isEmpty {
            metrics["source-test"] = try Self.evaluate(model, plan.sourceTest, evaluator)
        }
        timings["evaluate_seconds"] = seconds(clock.now - start)

        var result = JobResult(
            job: job, hyperparameters: hp.values, metrics: metrics,
            labeledTargetSessionIDs: plan.budget.labeledIndices.map { target.sessions[$0].id },
            splitSizes: plan.sizes, epochs: epochs.reports, timings: timings, artifacts: [])
        if let directory = artifactDirectory {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let metadata = ["method": job.method, "source": sourceName, "target": job.target,
                            "seed": String(job.seed), "job_id": (try? job.contentID()) ?? ""]
            for url in try model.save(to: directory, name: "checkpoint", metadata: metadata) {
                result.artifacts.append(.init(kind: url.pathExtension == "json" ? "checkpoint-config" : "checkpoint",
                                              path: url.path))
            }
            result.artifacts.append(.init(kind: "roc", path: try result.writeROC(to: directory).path))
            result.artifacts.append(.init(kind: "metrics-json", path: try result.writeJSON(to: directory).path))
        }
        return result
    }

    /// Scores `data.sessions` and evaluates them with `evaluator`.
    static func evaluate(_ model: any SessionScorer, _ data: PreparedDataset, _ evaluator: Evaluator) throws -> DetectionMetrics {
        let scores = try model.scores(data.sessions, in: data)
        return evaluator.evaluate(scores: scores, labels: data.sessions.map { $0.label == .anomalous },
                                  sequenceKeys: data.sessions.map(\.events))
    }
}

/// Collects epoch reports from the trainer's callback (which may be called from the trainer's thread).
final class EpochLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [EpochReport] = []
    func append(_ r: EpochReport) { lock.lock(); storage.append(r); lock.unlock() }
    var reports: [EpochReport] { lock.lock(); defer { lock.unlock() }; return storage }
}
