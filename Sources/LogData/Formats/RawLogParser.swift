import Foundation

// MARK: - RawLogParser: file → format fields → Drain events, streaming

/// Lines that did not match the log format: how many, and the first few.
public struct MalformedLineReport: Sendable {
    public var count: Int = 0
    /// The first `sampleLimit` malformed lines (1-based line numbers).
    public var samples: [(lineNumber: Int, text: String)] = []
    public static let sampleLimit = 10

    public init() {}

    public mutating func record(lineNumber: Int, text: @autoclosure () -> String) {
        count += 1
        if samples.count < MalformedLineReport.sampleLimit {
            var t = text()
            if t.count > 300 { t = String(t.prefix(300)) + "…" }
            samples.append((lineNumber, t))
        }
    }
}

/// One parsed line. `fields` follow the format's `fieldNames`; `content` is the content field.
public struct ParsedLogLine {
    public var lineNumber: Int
    public var fields: [Substring]
    public var content: Substring
    public var eventId: Int
}

/// What a parse run saw.
public struct RawLogParseSummary: Sendable {
    /// Lines read (blank lines included).
    public var lines: Int
    /// Lines that matched the format and went through Drain.
    public var parsedLines: Int
    /// Empty or whitespace-only lines, skipped (not counted as malformed).
    public var blankLines: Int
    public var malformed: MalformedLineReport
    public var seconds: Double
    public var linesPerSecond: Double { seconds > 0 ? Double(lines) / seconds : 0 }
}

/// Streams a raw log file with constant memory: each line is split by the ``LogFormat``, its
/// content field goes through ``Drain``, and `each` sees the result. Lines that do not match the
/// format are counted and sampled in the summary's ``MalformedLineReport``; they never stop the run.
public struct RawLogParser {
    public let format: LogFormat
    public let contentField: String
    public let drain: Drain

    public init(format: LogFormat, contentField: String = "Content", drain: Drain) {
        self.format = format
        self.contentField = contentField
        self.drain = drain
    }

    public mutating func parse(file: URL, each: (ParsedLogLine) throws -> Void) throws -> RawLogParseSummary {
        guard let contentIndex = format.index(of: contentField) else {
            throw LogDataError.missingField(format: format.format, field: contentField)
        }
        let parser = LogFormat.Parser(format)
        let clock = ContinuousClock()
        let started = clock.now
        var lines = 0, parsed = 0, blank = 0
        var malformed = MalformedLineReport()
        try LogLineReader(url: file).forEachLine { number, bytes in
            lines = number
            if bytes.allSatisfy(LogFormat.isSpace) { blank += 1; return }
            guard let ranges = parser.fieldRanges(bytes) else {
                malformed.record(lineNumber: number, text: String(decoding: bytes, as: UTF8.self))
                return
            }
            let c = ranges[contentIndex]
            let eventId = drain.add(bytes: UnsafeBufferPointer(rebasing: bytes[c]))
            parsed += 1
            let text = String(decoding: bytes, as: UTF8.self)
            let utf8 = text.utf8
            let fields = ranges.map { r -> Substring in
                let a = utf8.index(utf8.startIndex, offsetBy: r.lowerBound)
                return Substring(utf8[a..<utf8.index(a, offsetBy: r.count)])
            }
            try each(ParsedLogLine(lineNumber: number, fields: fields, content: fields[contentIndex], eventId: eventId))
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return RawLogParseSummary(lines: lines, parsedLines: parsed, blankLines: blank,
                                  malformed: malformed, seconds: seconds)
    }
}
