import Foundation

/// Turns the SPEC argument of `zerolog run` / `status` / `slurm` into an `ExpandedExperiment`.
///
/// Accepts an experiment spec (validated and expanded with `catalogs`) or an expanded plan (the
/// JSON encoding of `ExpandedExperiment`) directly.
public enum ExperimentLoader {
    /// `catalogs` is asked for only when the file is a spec (not a plan).
    public static func load(path: String, catalogs: () throws -> SpecCatalogs) throws -> ExpandedExperiment {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RunnerError.invalidOption("cannot read spec \(path): \(error.localizedDescription)")
        }
        if let plan = try? JSONDecoder().decode(ExpandedExperiment.self, from: data) { return plan }
        let catalogs = try catalogs()
        return try SpecFile.parse(data, path: path, catalogs: catalogs).expand(catalogs: catalogs)
    }
}

extension ExperimentLoader {
    /// The experiment name of a spec or plan, without expanding it (no catalogs needed).
    public static func experimentName(path: String) throws -> String {
        if let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
           let plan = try? JSONDecoder().decode(ExpandedExperiment.self, from: data) {
            return plan.name
        }
        return try SpecFile.load(path: path, catalogs: nil).spec.name
    }
}
