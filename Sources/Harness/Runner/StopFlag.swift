import Dispatch
import Foundation

/// A thread-safe "please stop" flag: set by a signal handler or a parent-death check, read by
/// workers between jobs and by executors between epochs.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?

    public init() {}

    /// Asks to stop; the first reason wins.
    public func set(_ why: String) {
        lock.lock(); defer { lock.unlock() }
        if reason == nil { reason = why }
    }

    public var isSet: Bool { lock.lock(); defer { lock.unlock() }; return reason != nil }
    public var why: String? { lock.lock(); defer { lock.unlock() }; return reason }
}

/// Turns SIGINT/SIGTERM into calls of `handler` on a private queue (the default action, dying
/// mid-write, is replaced). Keep the returned watcher alive as long as the handler should run.
public final class SignalWatcher: @unchecked Sendable {
    private let sources: [DispatchSourceSignal]
    private let queue = DispatchQueue(label: "zerolog.signals")

    public init(signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (Int32) -> Void) {
        var made: [DispatchSourceSignal] = []
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { handler(sig) }
            source.resume()
            made.append(source)
        }
        sources = made
    }

    deinit {
        for s in sources { s.cancel() }
    }
}
