import ArgumentParser
import ContentHash
import Foundation
import LogData

// MARK: - What `zerolog parse` reads: a dataset definition or explicit flags

extension ParseCommand {
    struct Input {
        var files: [URL]
        var format: LogFormat
        var contentField: String
        var config: DrainConfig
        var drainDescription: String
    }

    func resolveInput(_ locations: DataLocations) throws -> Input {
        guard let dataset else {
            let preset = preset ?? ""
            return Input(files: [locations.resolve(file ?? "")], format: try .named(orFormat: format ?? ""),
                         contentField: contentField, config: try .preset(preset), drainDescription: preset)
        }
        let definition = try DatasetCatalog.project(locations).definition(named: dataset)
        guard case .raw(let raw) = definition.input else {
            throw ValidationError("dataset \(dataset) is not a raw log (input kind must be \"raw\" for parse)")
        }
        guard !raw.files.isEmpty else { throw ValidationError("dataset \(dataset) lists no files") }
        if let zipped = raw.files.first(where: { $0.member != nil }) {
            throw ValidationError("dataset \(dataset): parse reads plain files, not zip members (\(zipped.path))")
        }
        let config = try Self.drainConfig(raw.drain)
        return Input(files: raw.files.map { locations.resolve($0.path) }, format: try LogFormat(raw.logFormat),
                     contentField: raw.contentField, config: config,
                     drainDescription: (raw.drain.preset ?? "default") + (raw.drain.config == nil ? "" : " + overrides"))
    }

    /// A definition's Drain settings: the preset (or defaults), with `config` fields laid over it.
    static func drainConfig(_ settings: DrainSettings) throws -> DrainConfig {
        var base = try settings.preset.map { try DrainConfig.preset($0) } ?? DrainConfig()
        if let overrides = settings.config {
            var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(base)) as? [String: Any] ?? [:]
            let extra = try JSONSerialization.jsonObject(with: JSONEncoder().encode(overrides)) as? [String: Any] ?? [:]
            for (k, v) in extra { object[k] = v }
            do {
                base = try JSONDecoder().decode(DrainConfig.self, from: JSONSerialization.data(withJSONObject: object))
            } catch {
                throw ValidationError("drain.config does not fit DrainConfig: \(error)")
            }
        }
        try base.validate()
        return base
    }
}
