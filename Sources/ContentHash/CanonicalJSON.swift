import Foundation

/// Canonical JSON: object keys sorted, no insignificant whitespace, no escaped slashes.
///
/// Ids in this project are SHA-256 digests of canonical JSON, never `hashValue` or dictionary
/// order (both change from process to process).
public enum CanonicalJSON {
    /// Encodes `value` with sorted keys and no whitespace.
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }

    /// The canonical JSON text of `value`.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }

    /// Re-encodes an arbitrary JSON document canonically (sorted keys at every level).
    public static func canonicalize(_ json: Data) throws -> Data {
        let object = try JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
        return try JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
    }
}
