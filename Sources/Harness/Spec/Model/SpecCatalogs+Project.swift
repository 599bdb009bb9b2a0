import LogData
import Methods

extension SpecCatalogs {
    /// The real catalogs: every implemented method (`MethodCatalog.all`) and the project's
    /// dataset definitions (`DatasetDirectory.project`).
    public static func project(_ locations: DataLocations) throws -> SpecCatalogs {
        SpecCatalogs(methods: MethodCatalog.all, datasets: try DatasetDirectory.project(locations))
    }
}

extension SpecFile {
    /// Loads, validates and expands a spec against the project's catalogs: the one call
    /// `zerolog plan` and `zerolog run` make.
    public static func expand(path: String, locations: DataLocations) throws -> (SpecFile, ExpandedExperiment) {
        let catalogs = try SpecCatalogs.project(locations)
        let file = try SpecFile.load(path: path, catalogs: catalogs)
        return (file, try file.expand(catalogs: catalogs))
    }
}
