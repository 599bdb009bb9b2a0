// MARK: - Drain configuration and presets

/// One masking rule: every match of `pattern` (Python `re` syntax) is replaced by `replacement`
/// before tokenising, like Drain3's `MaskingInstruction` (`<NUM>`) or logparser's `rex` (`<*>`).
public struct MaskRule: Codable, Hashable, Sendable {
    public var pattern: String
    public var replacement: String
    public init(_ pattern: String, _ replacement: String) {
        self.pattern = pattern
        self.replacement = replacement
    }
}

/// Which reference implementation's small differences to reproduce.
public enum DrainVariant: String, Codable, Hashable, Sendable {
    /// logpai/logparser `Drain.py` (the loghub benchmark): a leaf is reached when depth
    /// `> tokenCount`, so one-token messages still branch on their token.
    case logparser
    /// logpai/Drain3 0.9.x: a leaf is reached when depth `>= tokenCount`; LRU eviction with `maxClusters`.
    case drain3
}

/// Drain settings. `depth` counts as in both references: the tree has `depth - 2` token layers
/// below the length layer.
public struct DrainConfig: Codable, Hashable, Sendable {
    public var similarityThreshold: Double
    public var depth: Int
    public var maxChildren: Int
    /// Drain3's `max_clusters`: least-recently-used clusters are evicted beyond it (nil = unlimited).
    public var maxClusters: Int?
    public var masks: [MaskRule]
    /// Strings replaced by a space before splitting on whitespace (Drain3 `extra_delimiters`).
    public var extraDelimiters: [String]
    public var variant: DrainVariant
    /// Tokens containing a digit descend the tree through the wildcard child (both references: true).
    public var parametrizeNumericTokens: Bool

    public init(similarityThreshold: Double = 0.4, depth: Int = 4, maxChildren: Int = 100,
                maxClusters: Int? = nil, masks: [MaskRule] = [], extraDelimiters: [String] = [],
                variant: DrainVariant = .drain3, parametrizeNumericTokens: Bool = true) {
        self.similarityThreshold = similarityThreshold
        self.depth = depth
        self.maxChildren = maxChildren
        self.maxClusters = maxClusters
        self.masks = masks
        self.extraDelimiters = extraDelimiters
        self.variant = variant
        self.parametrizeNumericTokens = parametrizeNumericTokens
    }

    /// Checks ranges; names the offending setting.
    public func validate() throws {
        guard depth >= 3 else { throw DrainConfigError.invalid("depth must be >= 3 (got \(depth))") }
        guard maxChildren >= 2 else { throw DrainConfigError.invalid("maxChildren must be >= 2 (got \(maxChildren))") }
        guard (0...1).contains(similarityThreshold) else {
            throw DrainConfigError.invalid("similarityThreshold must be in [0, 1] (got \(similarityThreshold))")
        }
        if let m = maxClusters, m < 1 { throw DrainConfigError.invalid("maxClusters must be >= 1 (got \(m))") }
        for mask in masks { _ = try TextPattern(mask.pattern) }
    }
}

public enum DrainConfigError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    case unknownPreset(String, known: [String])
    public var description: String {
        switch self {
        case .invalid(let s): return "Drain config: \(s)"
        case .unknownPreset(let n, let known): return "unknown Drain preset '\(n)'; known: \(known.joined(separator: ", "))"
        }
    }
}

// MARK: - Presets

extension DrainConfig {
    /// MetaLog's Drain3 masks (its `conf/*.ini`, the Drain3 example masks plus block ids and
    /// ip:port), in order.
    public static let metalogMasks: [MaskRule] = [
        MaskRule(#"blk_(|-)[0-9]+"#, "<ID>"),
        MaskRule(#"(\d|[1-9]\d|1\d{2}|2[0-4]\d|25[0-5])\.(\d|[1-9]\d|1\d{2}|2[0-4]\d|25[0-5])\.(\d|[1-9]\d|1\d{2}|2[0-4]\d|25[0-5])\.(\d|[1-9]\d|1\d{2}|2[0-4]\d|25[0-5]):(6[0-5]{2}[0-3][0-5]|[1-5]\d{4}|[1-9]\d{1,3}|[0-9])"#, "<IPANDPORT>"),
        MaskRule(#"((?<=[^A-Za-z0-9])|^)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})((?=[^A-Za-z0-9])|$)"#, "<IP>"),
        MaskRule(#"((?<=[^A-Za-z0-9])|^)([0-9a-f]{6,} ?){3,}((?=[^A-Za-z0-9])|$)"#, "<SEQ>"),
        MaskRule(#"((?<=[^A-Za-z0-9])|^)([0-9A-F]{4} ?){4,}((?=[^A-Za-z0-9])|$)"#, "<SEQ>"),
        MaskRule(#"((?<=[^A-Za-z0-9])|^)(0x[a-f0-9A-F]+)((?=[^A-Za-z0-9])|$)"#, "<HEX>"),
        MaskRule(#"((?<=[^A-Za-z0-9])|^)([\-\+]?\d+)((?=[^A-Za-z0-9])|$)"#, "<NUM>"),
        MaskRule(#"(?<=executed cmd )(".+?")"#, "<CMD>"),
    ]

    static func loghub(_ regexes: [String], st: Double = 0.5, depth: Int = 4) -> DrainConfig {
        DrainConfig(similarityThreshold: st, depth: depth, maxChildren: 100,
                    masks: regexes.map { MaskRule($0, "<*>") }, variant: .logparser)
    }

    static func metalog(st: Double, depth: Int) -> DrainConfig {
        DrainConfig(similarityThreshold: st, depth: depth, maxChildren: 100, maxClusters: 1024,
                    masks: metalogMasks, variant: .drain3)
    }

    /// Named settings: `loghub-*` are logparser's benchmark settings (regexes, st, depth per
    /// dataset); `metalog-*` are MetaLog's Drain3 settings; `drain3-default` is Drain3's defaults.
    public static let presets: [String: DrainConfig] = [
        "loghub-hdfs": loghub([#"blk_-?\d+"#, #"(\d+\.){3}\d+(:\d+)?"#]),
        "loghub-bgl": loghub([#"core\.\d+"#]),
        "loghub-thunderbird": loghub([#"(\d+\.){3}\d+"#]),
        "loghub-openstack": loghub([#"((\d+\.){3}\d+,?)+"#, #"/.+?\s"#, #"\d+"#], depth: 5),
        "loghub-hadoop": loghub([#"(\d+\.){3}\d+"#]),
        "loghub-zookeeper": loghub([#"(/|)(\d+\.){3}\d+(:\d+)?"#]),
        "loghub-hpc": loghub([#"=\d+"#]),
        "loghub-apache": loghub([#"(\d+\.){3}\d+"#]),
        "metalog-hdfs": metalog(st: 0.5, depth: 4),
        "metalog-bgl": metalog(st: 0.1, depth: 3),
        "metalog-openstack": metalog(st: 0.5, depth: 5),
        "drain3-default": DrainConfig(similarityThreshold: 0.4, depth: 4, maxChildren: 100, variant: .drain3),
    ]

    public static var presetNames: [String] { presets.keys.sorted() }

    public static func preset(_ name: String) throws -> DrainConfig {
        guard let c = presets[name.lowercased()] else {
            throw DrainConfigError.unknownPreset(name, known: presetNames)
        }
        return c
    }
}
