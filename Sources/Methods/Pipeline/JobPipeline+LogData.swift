import Foundation
import LogData

extension JobPipeline {
    /// A pipeline that prepares datasets by definition name through LogData's content-hash cache
    /// (`Experiments/datasets/*.json` unless `catalog` is given), with each definition's default
    /// word vectors. `log` receives one line per dataset (cache hit or miss, time).
    public static func preparing(locations: DataLocations, catalog: DatasetCatalog? = nil,
                                 log: (@Sendable (String) -> Void)? = nil) throws -> JobPipeline {
        let catalog = try catalog ?? DatasetCatalog.project(locations)
        let preparer = DatasetPreparer(locations: locations)
        return JobPipeline(loadDataset: { name in
            let definition = try catalog.definition(named: name)
            let outcome = try preparer.prepare(definition, embedding: preparer.embedding(for: definition))
            log?("\(name): \(outcome.dataset.sessions.count) sessions, \(outcome.dataset.anomalyCount) anomalous, "
                 + "\(outcome.dataset.eventCount) events, \(outcome.dataset.embeddingDimension)-d "
                 + "(cache \(outcome.cacheHit ? "hit" : "miss"), \(String(format: "%.1f", outcome.seconds)) s)")
            return outcome.dataset
        })
    }
}
