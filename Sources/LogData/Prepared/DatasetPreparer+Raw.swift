import ContentHash
import Foundation

extension DatasetPreparer {
    /// The Drain configuration of a raw input: the preset (or Drain's defaults), with the
    /// definition's `drain.config` fields applied on top.
    public func drainConfig(_ raw: RawInput, definition: DatasetDefinition) throws -> DrainConfig {
        var base: DrainConfig
        do { base = try raw.drain.preset.map(DrainConfig.preset) ?? DrainConfig() } catch {
            throw DatasetDefinitionError(file: definition.name, jsonPath: "input.drain.preset", message: "\(error)")
        }
        base.masks = (raw.drain.extraMasks ?? []) + base.masks
        guard let overrides = raw.drain.config else { return base }
        guard case .object(let fields) = overrides else {
            throw DatasetDefinitionError(file: definition.name, jsonPath: "input.drain.config",
                                         message: "expected an object of DrainConfig fields")
        }
        guard case .object(var merged) = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(base)) else {
            return base
        }
        for (k, v) in fields { merged[k] = v }
        do {
            base = try JSONDecoder().decode(DrainConfig.self, from: try JSONEncoder().encode(JSONValue.object(merged)))
        } catch {
            throw DatasetDefinitionError(file: definition.name, decoding: error)
        }
        return base
    }

    /// Parser settings that enter the cache key: the log format, content field and the fully
    /// resolved Drain configuration (so a changed preset in code changes the key too).
    func resolvedParserSettings(_ definition: DatasetDefinition) throws -> JSONValue? {
        guard case .raw(let raw) = definition.input else { return nil }
        let config = try drainConfig(raw, definition: definition)
        let configJSON = try JSONDecoder().decode(JSONValue.self, from: try CanonicalJSON.data(config))
        return .object(["logFormat": .string(raw.logFormat), "contentField": .string(raw.contentField),
                        "drain": configJSON])
    }

    /// Raw logs: each file is streamed through the log format and one Drain (shared by all files of
    /// the system, so event ids are global to it); lines feed the sessionizer in file order.
    func readRaw(_ input: RawInput, definition: DatasetDefinition) throws -> ParsedInput {
        let format: LogFormat
        do { format = try LogFormat(input.logFormat) } catch {
            throw DatasetDefinitionError(file: definition.name, jsonPath: "input.logFormat", message: "\(error)")
        }
        guard format.index(of: input.contentField) != nil else {
            throw DatasetDefinitionError(file: definition.name, jsonPath: "input.contentField",
                                         message: "expected one of the format's fields [\(format.fieldNames.joined(separator: ", "))], found \"\(input.contentField)\"")
        }
        let drain = try Drain(config: try drainConfig(input, definition: definition))
        var parser = RawLogParser(format: format, contentField: input.contentField, drain: drain)
        var stream = try LineStream(fieldNames: format.fieldNames, definition: definition)
        var lines = 0, malformed = 0
        var samples: [String] = []
        for file in input.files {
            guard file.member == nil else {
                throw DatasetDefinitionError(file: definition.name, jsonPath: "input.files",
                                             message: "raw inputs are streamed from plain files; extract \(file.member!) from \(file.path) first")
            }
            let url = InputFileReader.url(of: file, in: locations)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw InputFileError(file: url.path, "file not found (path \"\(file.path)\" in the definition)")
            }
            let summary = try parser.parse(file: url) { line in
                try stream.add(fields: line.fields, eventId: Int32(line.eventId))
            }
            lines += summary.lines
            malformed += summary.malformed.count
            for s in summary.malformed.samples where samples.count < 10 {
                samples.append("\(file.displayName):\(s.lineNumber): \(s.text.prefix(200))")
            }
        }
        let out = try stream.finish()
        let clusters = drain.clusters.sorted { $0.id < $1.id }
        precondition(clusters.enumerated().allSatisfy { $0.offset == $0.element.id }, "Drain ids must be dense")
        return ParsedInput(templates: clusters.map(\.template), sessions: out.sessions, carriedLabels: nil,
                           lines: lines, malformedLines: malformed, malformedSamples: samples,
                           unassignedLines: out.unassignedLines)
    }
}
