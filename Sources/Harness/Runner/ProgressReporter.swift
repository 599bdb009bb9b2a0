import Foundation
import ResultsStore

/// Prints sweep progress: on a terminal one line redrawn with `\r` (bar, done/total, ETA,
/// current job); otherwise (CI, pipes) a plain line each time a job finishes.
public final class ProgressReporter: @unchecked Sendable {
    let isTerminal: Bool
    let width: Int
    let write: (String) -> Void
    private var lastFinished = -1
    private var drewLine = false

    public init(isTerminal: Bool = isatty(STDOUT_FILENO) == 1, width: Int = 100,
                write: @escaping (String) -> Void = { print($0, terminator: ""); fflush(nil) }) {
        self.isTerminal = isTerminal
        self.width = width
        self.write = write
    }

    /// One progress update. `finishedThisRun` jobs finished in `elapsed` seconds since start.
    public func update(counts: [JobStatus: Int], running: [String], finishedThisRun: Int, elapsed: Double) {
        let total = counts.values.reduce(0, +)
        let done = counts[.done] ?? 0, failed = counts[.failed] ?? 0
        let finished = done + failed
        let remaining = (counts[.pending] ?? 0) + (counts[.running] ?? 0)
        let eta = finishedThisRun > 0 ? Self.duration(elapsed / Double(finishedThisRun) * Double(remaining)) : "?"
        let stats = "\(finished)/\(total) (\(done) done, \(failed) failed, \(running.count) running) eta \(eta)"
        if isTerminal {
            let barWidth = 20
            let filled = total > 0 ? barWidth * finished / total : 0
            let bar = "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: barWidth - filled) + "]"
            var line = "\(bar) \(stats)"
            if let current = running.first { line += " | \(current)" }
            if line.count > width { line = String(line.prefix(width - 1)) + "…" }
            write("\r\u{1B}[K" + line)
            drewLine = true
        } else if finished != lastFinished {
            write("progress: \(stats)\n")
        }
        lastFinished = finished
    }

    /// Ends the redrawn line so later output starts on a fresh one.
    public func finish() {
        if isTerminal && drewLine { write("\n") }
        drewLine = false
    }

    /// `1h02m`, `3m05s`, `12s`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
