import Foundation

/// Turns the SPEC argument of `zerolog run` / `status` / `slurm` into an `ExpandedExperiment`.
///
/// Accepts an experiment spec (validated and expanded with `catalogs`) or an expanded plan (the
/// JSON encoding of `ExpandedExperiment`) directly.
public enum ExperimentLoader {
    public static func load(path: String, catalogs: SpecCatalogs?) throws -> ExpandedExperiment {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RunnerError.invalidOption("cannot read spec \(path): \(error.localizedDescription)")
        }
        if let plan = try? JSONDecoder().decode(ExpandedExperiment.self, from: data) { return plan }
        guard let catalogs else {
            throw RunnerError.invalidOption(
                "\(path) is not an expanded plan, and no method/dataset catalogs are available to expand a spec")
        }
        return try SpecFile.parse(data, path: path, catalogs: catalogs).expand(catalogs: catalogs)
    }
}
