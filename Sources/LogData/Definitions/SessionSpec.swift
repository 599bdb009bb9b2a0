import Foundation

/// How a stream of lines becomes sessions. Windows count lines in stream order (files concatenated
/// in the listed order).
public enum SessionSpec: Hashable, Sendable {
    /// Every match of `pattern` in `field` names a session the line belongs to (HDFS `blk_-?\d+`;
    /// a line naming several blocks joins each). Lines without a match are dropped (counted).
    case identifier(field: String, pattern: String)
    /// Lines grouped by `groupField` (BGL node), then fixed non-overlapping windows of `size`
    /// lines within each group; a group's short last window is kept.
    case groupedWindows(groupField: String, size: Int)
    /// Fixed non-overlapping windows of `size` lines; the short last window is kept.
    case fixedWindows(size: Int)
    /// Windows of `size` lines starting every `step` lines; a short final window is kept only if
    /// it holds lines no earlier window covered.
    case slidingWindows(size: Int, step: Int)
    /// Windows `[t0 + k·step, t0 + k·step + length)` seconds over `timestampField`; empty windows are skipped.
    case timeWindows(timestampField: String, timestampFormat: String, length: Double, step: Double)

    public var kindName: String {
        switch self {
        case .identifier: return "identifier"
        case .groupedWindows: return "groupedWindows"
        case .fixedWindows: return "fixedWindows"
        case .slidingWindows: return "slidingWindows"
        case .timeWindows: return "timeWindows"
        }
    }
}

extension SessionSpec: Codable {
    enum Keys: String, CodingKey {
        case kind, field, pattern, groupField, size, step, timestampField, timestampFormat, length
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        func positive(_ key: Keys) throws -> Int {
            let v = try c.decode(Int.self, forKey: key)
            guard v > 0 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c,
                                                       debugDescription: "expected a positive integer, found \(v)")
            }
            return v
        }
        switch kind {
        case "identifier":
            let pattern = try c.decode(String.self, forKey: .pattern)
            guard (try? NSRegularExpression(pattern: pattern)) != nil else {
                throw DecodingError.dataCorruptedError(forKey: .pattern, in: c,
                                                       debugDescription: "expected a valid regular expression, found \(pattern)")
            }
            self = .identifier(field: try c.decodeIfPresent(String.self, forKey: .field) ?? "Content", pattern: pattern)
        case "groupedWindows":
            self = .groupedWindows(groupField: try c.decode(String.self, forKey: .groupField), size: try positive(.size))
        case "fixedWindows":
            self = .fixedWindows(size: try positive(.size))
        case "slidingWindows":
            self = .slidingWindows(size: try positive(.size), step: try positive(.step))
        case "timeWindows":
            let length = try c.decode(Double.self, forKey: .length)
            let step = try c.decodeIfPresent(Double.self, forKey: .step) ?? length
            guard length > 0, step > 0 else {
                throw DecodingError.dataCorruptedError(forKey: .length, in: c,
                                                       debugDescription: "expected positive length and step (seconds)")
            }
            self = .timeWindows(timestampField: try c.decode(String.self, forKey: .timestampField),
                                timestampFormat: try c.decodeIfPresent(String.self, forKey: .timestampFormat) ?? "epochSeconds",
                                length: length, step: step)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c,
                debugDescription: "expected one of \"identifier\", \"groupedWindows\", \"fixedWindows\", \"slidingWindows\", \"timeWindows\", found \"\(kind)\"")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kindName, forKey: .kind)
        switch self {
        case .identifier(let field, let pattern):
            try c.encode(field, forKey: .field); try c.encode(pattern, forKey: .pattern)
        case .groupedWindows(let groupField, let size):
            try c.encode(groupField, forKey: .groupField); try c.encode(size, forKey: .size)
        case .fixedWindows(let size):
            try c.encode(size, forKey: .size)
        case .slidingWindows(let size, let step):
            try c.encode(size, forKey: .size); try c.encode(step, forKey: .step)
        case .timeWindows(let field, let format, let length, let step):
            try c.encode(field, forKey: .timestampField); try c.encode(format, forKey: .timestampFormat)
            try c.encode(length, forKey: .length); try c.encode(step, forKey: .step)
        }
    }
}
