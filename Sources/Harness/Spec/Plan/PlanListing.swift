import ContentHash
import Methods
import ResultsStore

/// What `zerolog plan` prints: one line per job (id prefix, row, column, seed, status in the
/// store, the hyperparameters that differ from the method's defaults and the label budget), and
/// a summary line with counts.
public enum PlanListing {
    /// `statuses`: job id → status from the store (absent = not in the store yet).
    public static func render(_ experiment: ExpandedExperiment, spec: ExperimentSpec, catalogs: SpecCatalogs,
                              statuses: [String: JobStatus], idLength: Int = 12) -> String {
        let jobs = experiment.jobs
        let rowWidth = max(3, jobs.map(\.row.count).max() ?? 0)
        let columnWidth = max(6, jobs.map(\.column.count).max() ?? 0)
        var lines: [String] = []
        var counts: [String: Int] = [:]
        for job in jobs { counts[statuses[job.id]?.rawValue ?? "new", default: 0] += 1 }
        let unique = Set(jobs.map(\.id)).count
        let summary = ["done", "running", "failed", "pending", "new"].compactMap { key in
            counts[key].map { "\($0) \(key)" }
        }.joined(separator: ", ")
        lines.append("\(experiment.name): \(spec.reproduces)")
        lines.append("\(jobs.count) jobs (\(spec.derivedRows().count) rows × \(spec.pairs.count) pairs × \(spec.seeds.count) seeds"
                     + (unique < jobs.count ? "; \(unique) distinct" : "") + "): \(summary)")
        lines.append("")
        lines.append([pad("id", idLength), pad("row", rowWidth), pad("column", columnWidth), pad("seed", 4),
                      pad("status", 7), "settings"].joined(separator: "  "))
        for job in jobs {
            let settings = keySettings(job.job, descriptor: catalogs.method(named: job.job.method))
            lines.append([pad(String(job.id.prefix(idLength)), idLength), pad(job.row, rowWidth),
                          pad(job.column, columnWidth), pad(String(job.job.seed), 4),
                          pad(statuses[job.id]?.rawValue ?? "new", 7), settings].joined(separator: "  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `beta=3 use_meta=false labels=anomalies 1.0% normals 30.0%`: what distinguishes the job
    /// from the method's defaults (`method defaults` when nothing does).
    static func keySettings(_ job: TrainingJob, descriptor: MethodDescriptor?) -> String {
        var parts = ["\(job.method)"]
        for key in job.hyperparameters.keys.sorted() where descriptor?.hyperparameters[key] != job.hyperparameters[key] {
            parts.append("\(key)=\(job.hyperparameters[key]!)")
        }
        if !job.targetLabels.isZero { parts.append("labels: \(job.targetLabels)") }
        return parts.count == 1 ? "\(job.method) (defaults)" : parts.joined(separator: " ")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
