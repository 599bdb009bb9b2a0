import Foundation
import LogData

extension DatasetDirectory {
    /// Where `zerolog synth` writes generated systems by default (`$DATA_DIR/synth`).
    public static func synthDirectory(_ locations: DataLocations) -> URL {
        locations.dataDirectory.appendingPathComponent("synth")
    }

    /// The project's dataset definitions (`Experiments/datasets/*.json`, plus generated systems'
    /// definitions in `$DATA_DIR/synth/definitions` when present), fingerprinted with the
    /// preparer's cache key under each definition's default embedding. The fingerprint reads the
    /// files' SHA-256 (remembered by path, size and mtime), so it fails — naming the file — when a
    /// dataset is not on disk.
    public static func project(_ locations: DataLocations) throws -> DatasetDirectory {
        var catalog = try DatasetCatalog.project(locations)
        let generated = synthDirectory(locations).appendingPathComponent("definitions")
        if FileManager.default.fileExists(atPath: generated.path) {
            catalog.merge(try DatasetCatalog(directory: generated))
        }
        let preparer = DatasetPreparer(locations: locations)
        let definitions = catalog
        return DatasetDirectory(names: definitions.names) { name in
            let definition = try definitions.definition(named: name)
            return try preparer.fingerprint(of: definition, embedding: preparer.embedding(for: definition))
        }
    }
}
