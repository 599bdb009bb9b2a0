import Dispatch
import Foundation

/// Calls `beat` every `interval` seconds on a private queue until `stop()`. The worker uses it
/// to refresh `heartbeat_at` of the job it holds while the executor runs on the worker's thread.
final class Heartbeat: @unchecked Sendable {
    private let timer: DispatchSourceTimer
    private let queue = DispatchQueue(label: "zerolog.heartbeat")

    init(interval: Double, beat: @escaping @Sendable () -> Void) {
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(50))
        timer.setEventHandler(handler: beat)
        timer.resume()
    }

    /// Stops the timer and waits for a beat in progress to finish.
    func stop() {
        timer.cancel()
        queue.sync {}
    }
}
