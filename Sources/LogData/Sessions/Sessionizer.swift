import Foundation

/// One line of a line stream as sessionizers see it.
public struct SessionLine {
    /// 0-based position in the stream (input files concatenated in the listed order).
    public var index: Int
    /// Dense 0-based event id of the line's template.
    public var eventId: Int32
    /// The line's fields, positions named by the stream's field names.
    public var fields: [Substring]
    /// Whether the line is an alert under a per-line label rule (`alertField`).
    public var isAlert: Bool

    public init(index: Int, eventId: Int32, fields: [Substring], isAlert: Bool = false) {
        self.index = index
        self.eventId = eventId
        self.fields = fields
        self.isAlert = isAlert
    }
}

/// A session before labels: its id, events in log order, where it starts and how many alert lines it holds.
public struct SessionDraft: Hashable, Sendable {
    public var id: String
    public var events: [Int32]
    /// Stream index of its first line (the chronological sort key).
    public var firstLine: Int
    public var alertLines: Int

    public init(id: String, events: [Int32] = [], firstLine: Int, alertLines: Int = 0) {
        self.id = id
        self.events = events
        self.firstLine = firstLine
        self.alertLines = alertLines
    }

    mutating func append(_ line: SessionLine) {
        events.append(line.eventId)
        if line.isAlert { alertLines += 1 }
    }
}

/// What a sessionizer returns: the sessions in order and the lines that joined no session.
public struct SessionizerOutput: Sendable {
    public var sessions: [SessionDraft]
    public var unassignedLines: Int
}

/// Groups a stream of lines into sessions. Feed every line with `add`, then call `finish` once.
public protocol Sessionizer {
    mutating func add(_ line: SessionLine) throws
    mutating func finish() throws -> SessionizerOutput
}

/// Errors of sessionizers and label rules, naming the field or line at fault.
public struct SessionizeError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension SessionSpec {
    /// Builds the sessionizer for a stream whose fields are named `fieldNames`.
    public func makeSessionizer(fieldNames: [String], order: SessionOrder = .firstLine) throws -> any Sessionizer {
        func index(of name: String) throws -> Int {
            guard let i = fieldNames.firstIndex(of: name) else {
                throw SessionizeError("sessions: field \"\(name)\" is not in the input's fields [\(fieldNames.joined(separator: ", "))]")
            }
            return i
        }
        switch self {
        case .identifier(let field, let pattern):
            return try IdentifierSessionizer(fieldIndex: index(of: field), pattern: pattern)
        case .groupedWindows(let groupField, let size):
            return GroupedWindowSessionizer(groupIndex: try index(of: groupField), size: size,
                                            groupMajor: order == .groupMajor)
        case .fixedWindows(let size):
            return CountWindowSessionizer(size: size, step: size)
        case .slidingWindows(let size, let step):
            return CountWindowSessionizer(size: size, step: step)
        case .timeWindows(let field, let format, let length, let step):
            return try TimeWindowSessionizer(timestampIndex: index(of: field), format: format,
                                             length: length, step: step)
        }
    }
}
