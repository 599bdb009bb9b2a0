import Foundation

// MARK: - Spec expansion glue (one call into the spec module once it lands)

extension ExperimentLoader {
    static func expandSpec(data: Data, path: String) throws -> ExpandedExperiment {
        throw RunnerError.invalidOption(
            "\(path) is not an expanded plan (ExpandedExperiment JSON) and spec expansion is not available in this build")
    }
}
