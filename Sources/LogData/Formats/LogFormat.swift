// MARK: - LogFormat: loghub format strings

/// A loghub log format, e.g. `<Date> <Time> <Pid> <Level> <Component>: <Content>`.
///
/// As in loghub's `generate_logformat_regex`: each `<Field>` becomes a lazy capture `(.*?)`, runs of
/// spaces between fields become `\s+`, other literal text is regex source (Thunderbird's
/// `(\[<PID>\])?` relies on that), and the whole line must match (`^…$`) after stripping
/// surrounding whitespace. A line that does not match is malformed (`parse` returns nil).
public struct LogFormat: Sendable {
    public let format: String
    public var fieldNames: [String]
    /// The regex source the format compiles to (Python syntax).
    public let regexSource: String
    let pattern: TextPattern
    /// Capture index of each field, in `fieldNames` order.
    let captureIndices: [Int]

    public init(_ format: String) throws {
        self.format = format
        var names: [String] = []
        var source = "^"
        var rest = Substring(format)
        while !rest.isEmpty {
            if let open = rest.firstIndex(of: "<"),
               let close = rest[open...].firstIndex(of: ">"),
               !rest[rest.index(after: open)..<close].contains("<"),
               close > rest.index(after: open) {
                source += LogFormat.literal(rest[..<open])
                let name = String(rest[rest.index(after: open)..<close])
                guard !names.contains(name) else {
                    throw LogDataError.badFormat(format: format, reason: "field <\(name)> appears twice")
                }
                names.append(name)
                source += "(?P<\(name)>.*?)"
                rest = rest[rest.index(after: close)...]
            } else {
                source += LogFormat.literal(rest)
                rest = rest[rest.endIndex...]
            }
        }
        source += "$"
        guard !names.isEmpty else { throw LogDataError.badFormat(format: format, reason: "no <Field> in the format") }
        do {
            pattern = try TextPattern(source)
        } catch {
            throw LogDataError.badFormat(format: format, reason: "does not compile: \(error)")
        }
        let byteNames = pattern.bytes?.captureNames
        fieldNames = names
        regexSource = source
        if let byteNames {
            captureIndices = names.map { byteNames[$0]! }
        } else {
            // Foundation numbers groups left to right; named groups are the only groups we add, but
            // literal text may hold its own groups, so count '(' not followed by '?' before each field.
            var indices: [Int] = []
            var count = 0
            let bytes = Array(source.utf8)
            var k = 0
            while k < bytes.count {
                if bytes[k] == UInt8(ascii: "\\") { k += 2; continue }
                if bytes[k] == UInt8(ascii: "(") {
                    let next = k + 1 < bytes.count ? bytes[k + 1] : 0
                    if next != UInt8(ascii: "?") { count += 1 }
                    else if k + 2 < bytes.count, bytes[k + 2] == UInt8(ascii: "P") { count += 1; indices.append(count) }
                }
                k += 1
            }
            captureIndices = indices
        }
    }

    /// Literal format text → regex source: runs of spaces become `\s+`, the rest is kept.
    static func literal(_ text: Substring) -> String {
        var out = ""
        var inSpaces = false
        for ch in text {
            if ch == " " {
                if !inSpaces { out += "\\s+"; inSpaces = true }
            } else {
                inSpaces = false
                out.append(ch)
            }
        }
        return out
    }

    public func index(of field: String) -> Int? { fieldNames.firstIndex(of: field) }

    /// The fields of `line` in `fieldNames` order, or nil when the line does not match the format.
    /// (Makes a matcher per call; streaming code uses ``LogFormat/Parser``.)
    public func parse(_ line: Substring) -> [Substring]? {
        Parser(self).parse(line)
    }

    /// A reusable, single-thread parser for one format (keeps the matcher's scratch memory).
    public final class Parser {
        public let format: LogFormat
        let matcher: TextPatternMatcher

        public init(_ format: LogFormat) {
            self.format = format
            matcher = format.pattern.makeMatcher()
        }

        /// Field byte ranges within `bytes` (after trimming surrounding whitespace), or nil.
        public func fieldRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
            var lo = 0, hi = bytes.count
            while lo < hi, LogFormat.isSpace(bytes[lo]) { lo += 1 }
            while hi > lo, LogFormat.isSpace(bytes[hi - 1]) { hi -= 1 }
            let trimmed = UnsafeBufferPointer(rebasing: bytes[lo..<hi])
            guard matcher.firstMatch(trimmed) != nil else { return nil }
            return format.captureIndices.map { k in
                let r = matcher.capture(k) ?? 0..<0
                return (r.lowerBound + lo)..<(r.upperBound + lo)
            }
        }

        public func parse(_ line: Substring) -> [Substring]? {
            var line = line
            let ranges: [Range<Int>]? = line.withUTF8 { fieldRanges($0) }
            guard let ranges else { return nil }
            let utf8 = line.utf8
            return ranges.map { r in
                let a = utf8.index(utf8.startIndex, offsetBy: r.lowerBound)
                let b = utf8.index(a, offsetBy: r.count)
                return Substring(utf8[a..<b])
            }
        }
    }

    /// Python `str.strip()` whitespace (ASCII).
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
}

// MARK: - Known formats

extension LogFormat {
    /// loghub format strings for the systems this project uses (logparser benchmark settings).
    public static let loghubFormats: [String: String] = [
        "HDFS": "<Date> <Time> <Pid> <Level> <Component>: <Content>",
        "BGL": "<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content>",
        "Thunderbird": "<Label> <Timestamp> <Date> <User> <Month> <Day> <Time> <Location> <Component>(\\[<PID>\\])?: <Content>",
        "OpenStack": "<Logrecord> <Date> <Time> <Pid> <Level> <Component> \\[<ADDR>\\] <Content>",
        "Hadoop": "<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>",
        "Spark": "<Date> <Time> <Level> <Component>: <Content>",
        "Zookeeper": "<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>",
    ]

    /// The loghub format of a system by name (case-insensitive), e.g. `hdfs`.
    public static func loghub(_ system: String) throws -> LogFormat {
        guard let f = loghubFormats.first(where: { $0.key.lowercased() == system.lowercased() })?.value else {
            throw LogDataError.badFormat(format: system, reason: "no loghub format for this system; known: \(loghubFormats.keys.sorted().joined(separator: ", "))")
        }
        return try LogFormat(f)
    }
}

extension LogFormat {
    /// A format given either as a loghub system name (`HDFS`) or as a format string (`<A> <Content>`).
    public static func named(orFormat text: String) throws -> LogFormat {
        text.contains("<") ? try LogFormat(text) : try loghub(text)
    }
}
