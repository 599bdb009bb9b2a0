import Foundation

/// Turns the SPEC argument of `zerolog run` / `zerolog slurm` into an `ExpandedExperiment`.
///
/// Accepts an expanded plan (the JSON encoding of `ExpandedExperiment`, as `zerolog plan
/// --json` writes) directly; experiment specs are expanded by the spec module.
public enum ExperimentLoader {
    public static func load(path: String) throws -> ExpandedExperiment {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RunnerError.invalidOption("cannot read spec \(path): \(error.localizedDescription)")
        }
        if let plan = try? JSONDecoder().decode(ExpandedExperiment.self, from: data) { return plan }
        return try expandSpec(data: data, path: path)
    }
}
