import Foundation

// MARK: - Count windows

/// Windows of `size` lines starting every `step` lines over the whole stream (fixed windows:
/// `step == size`). Session ids are the window index (`"0"`, `"1"`, …). A final short window is
/// kept when it holds lines no earlier window covered (so fixed windows keep their short tail;
/// sliding windows do not repeat a tail already inside the previous window).
public struct CountWindowSessionizer: Sessionizer {
    let size: Int
    let step: Int
    private var events: [Int32] = []
    private var alerts: [Bool] = []
    private var firstIndex: [Int] = []

    public init(size: Int, step: Int) {
        precondition(size > 0 && step > 0)
        self.size = size
        self.step = step
    }

    public mutating func add(_ line: SessionLine) throws {
        events.append(line.eventId)
        alerts.append(line.isAlert)
        firstIndex.append(line.index)
    }

    public mutating func finish() throws -> SessionizerOutput {
        var out: [SessionDraft] = []
        var start = 0
        var coveredUpTo = 0  // exclusive end of lines covered so far
        while start < events.count {
            let end = min(start + size, events.count)
            if end <= coveredUpTo { break }
            out.append(SessionDraft(id: String(out.count), events: Array(events[start..<end]),
                                    firstLine: firstIndex[start],
                                    alertLines: alerts[start..<end].reduce(0) { $0 + ($1 ? 1 : 0) }))
            coveredUpTo = end
            start += step
        }
        return SessionizerOutput(sessions: out, unassignedLines: max(0, events.count - coveredUpTo))
    }
}

// MARK: - Grouped windows

/// Lines grouped by a column (BGL node), then fixed non-overlapping windows of `size` lines within
/// each group, in file order; a group's short last window is kept (MetaLog's BGL sessions, 120
/// lines). Session ids are `group/k`. Ordered by first line, or group-major (MetaLog's order).
public struct GroupedWindowSessionizer: Sessionizer {
    let groupIndex: Int
    let size: Int
    let groupMajor: Bool
    private var groupOrder: [String] = []
    private var open: [String: SessionDraft] = [:]
    private var windowCount: [String: Int] = [:]
    private var closed: [String: [SessionDraft]] = [:]

    public init(groupIndex: Int, size: Int, groupMajor: Bool) {
        self.groupIndex = groupIndex
        self.size = size
        self.groupMajor = groupMajor
    }

    public mutating func add(_ line: SessionLine) throws {
        guard groupIndex < line.fields.count else {
            throw SessionizeError("line \(line.index + 1): no field #\(groupIndex) for the group column")
        }
        let group = String(line.fields[groupIndex])
        if var draft = open[group] {
            draft.append(line)
            if draft.events.count == size {
                closed[group, default: []].append(draft)
                open[group] = nil
            } else {
                open[group] = draft
            }
            return
        }
        let k = windowCount[group] ?? 0
        if k == 0 { groupOrder.append(group) }
        windowCount[group] = k + 1
        var draft = SessionDraft(id: "\(group)/\(k)", firstLine: line.index)
        draft.append(line)
        if size == 1 { closed[group, default: []].append(draft) } else { open[group] = draft }
    }

    public mutating func finish() throws -> SessionizerOutput {
        var all: [SessionDraft] = []
        for group in groupOrder {
            all += closed[group] ?? []
            if let tail = open[group] { all.append(tail) }
        }
        if !groupMajor { all.sort { $0.firstLine < $1.firstLine } }
        return SessionizerOutput(sessions: all, unassignedLines: 0)
    }
}
