import ContentHash
import Foundation

extension DatasetPreparer {
    /// Parser settings that enter the cache key (Drain preset + overrides as written).
    func resolvedParserSettings(_ definition: DatasetDefinition) throws -> JSONValue? {
        guard case .raw(let raw) = definition.input else { return nil }
        return .object(["logFormat": .string(raw.logFormat), "contentField": .string(raw.contentField),
                        "drainPreset": raw.drain.preset.map(JSONValue.string) ?? .null,
                        "drainConfig": raw.drain.config ?? .null])
    }

    /// Raw logs: parsed with the log format and Drain (wired once the parser module lands).
    func readRaw(_ input: RawInput, definition: DatasetDefinition) throws -> ParsedInput {
        throw DatasetDefinitionError(file: definition.name, jsonPath: "input.kind",
                                     message: "raw-log inputs need the Drain parser, which this build does not include yet")
    }
}
