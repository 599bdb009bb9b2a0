import ContentHash
import Foundation

/// A spec read from disk and validated: the spec, its file name for messages, and its canonical
/// JSON and hash (stored with the experiment).
public struct SpecFile: Sendable {
    /// The path as the user gave it (used in every error message).
    public var path: String
    public var spec: ExperimentSpec
    /// The file's canonical JSON (sorted keys, no whitespace).
    public var canonicalJSON: String
    /// SHA-256 of `canonicalJSON`.
    public var specHash: String

    /// Reads, decodes and validates a spec file. Throws `SpecValidationError` listing every
    /// problem (file, JSON path, expectation), or a file-read error naming the path.
    ///
    /// `catalogs` nil checks the structure only (types, fields, rows, sweeps) and not the method
    /// and dataset names: enough to lay out a report.
    public static func load(path: String, catalogs: SpecCatalogs?) throws -> SpecFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw SpecValidationError(file: path, issues: [SpecIssue(file: path, path: .root,
                message: "cannot read the file: \(error.localizedDescription)")])
        }
        return try parse(data, path: path, catalogs: catalogs)
    }

    /// Decodes and validates spec text; `path` names it in messages.
    public static func parse(_ data: Data, path: String, catalogs: SpecCatalogs?) throws -> SpecFile {
        let root: JSONValue
        do { root = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw SpecValidationError(file: path, issues: [SpecIssue(file: path, path: .root,
                message: "not valid JSON: \(Self.describeJSONError(error))")])
        }
        var reader = SpecReader(file: path)
        let spec = ExperimentSpec.decode(root, reader: &reader)
        if let spec, let catalogs, reader.issues.isEmpty { spec.validate(catalogs: catalogs, reader: &reader) }
        guard let spec, reader.issues.isEmpty else {
            throw SpecValidationError(file: path, issues: reader.issues)
        }
        let canonical = try CanonicalJSON.canonicalize(data)
        return SpecFile(path: path, spec: spec, canonicalJSON: String(decoding: canonical, as: UTF8.self),
                        specHash: ContentDigest.sha256Hex(canonical))
    }

    /// The parser's own message (it carries the line and column where Foundation provides them).
    static func describeJSONError(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return String(describing: error)
    }
}
