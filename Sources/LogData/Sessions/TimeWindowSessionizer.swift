import Foundation

/// Time windows `[t0 + k·step, t0 + k·step + length)` over a timestamp field, where `t0` is the
/// earliest timestamp; with `step < length` a line falls into several windows. Empty windows are
/// skipped. Session ids are `t<k>`; sessions are ordered by window start.
///
/// Timestamp formats: `epochSeconds` (a decimal number), or a `DateFormatter` pattern in UTC
/// (e.g. `yyyy-MM-dd-HH.mm.ss.SSSSSS` for BGL's `Time` column).
public struct TimeWindowSessionizer: Sessionizer {
    let timestampIndex: Int
    let length: Double
    let step: Double
    let formatter: DateFormatter?
    private var times: [Double] = []
    private var lines: [(event: Int32, alert: Bool, index: Int)] = []

    public init(timestampIndex: Int, format: String, length: Double, step: Double) throws {
        self.timestampIndex = timestampIndex
        self.length = length
        self.step = step
        if format == "epochSeconds" {
            formatter = nil
        } else {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = format
            formatter = f
        }
    }

    public mutating func add(_ line: SessionLine) throws {
        guard timestampIndex < line.fields.count else {
            throw SessionizeError("line \(line.index + 1): no field #\(timestampIndex) for the timestamp")
        }
        let text = line.fields[timestampIndex]
        let t: Double?
        if let formatter { t = formatter.date(from: String(text))?.timeIntervalSince1970 } else { t = Double(text) }
        guard let t else {
            throw SessionizeError("line \(line.index + 1): timestamp \"\(text)\" does not match format \(formatter?.dateFormat ?? "epochSeconds")")
        }
        times.append(t)
        lines.append((line.eventId, line.isAlert, line.index))
    }

    public mutating func finish() throws -> SessionizerOutput {
        guard let t0 = times.min() else { return SessionizerOutput(sessions: [], unassignedLines: 0) }
        // Lines sorted by time (stable: ties keep stream order).
        let order = times.indices.sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
        var windows: [Int: SessionDraft] = [:]
        for i in order {
            let offset = times[i] - t0
            // Windows k with k·step <= offset < k·step + length.
            let kMax = Int((offset / step).rounded(.down))
            let kMin = max(0, Int(((offset - length) / step).rounded(.down)) + 1)
            guard kMin <= kMax else { continue }
            for k in kMin...kMax {
                let line = SessionLine(index: lines[i].index, eventId: lines[i].event, fields: [], isAlert: lines[i].alert)
                if windows[k] == nil { windows[k] = SessionDraft(id: "t\(k)", firstLine: lines[i].index) }
                windows[k]!.append(line)
                windows[k]!.firstLine = min(windows[k]!.firstLine, lines[i].index)
            }
        }
        let sessions = windows.keys.sorted().map { windows[$0]! }
        return SessionizerOutput(sessions: sessions, unassignedLines: 0)
    }
}
