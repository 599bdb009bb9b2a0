import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// MARK: - ResumableDownload: HTTP GET into a `.part` file, resumed with Range

/// Downloads one URL into `destination`, streaming to `destination.part`. A `.part` left by an
/// interrupted run is resumed with `Range: bytes=<size>-`; a server that ignores the range (200)
/// restarts the file. The `.part` is renamed only when the body is complete (Content-Length).
public struct ResumableDownload {
    public let url: URL
    public let destination: URL
    public var timeout: TimeInterval = 60

    public init(url: URL, destination: URL) {
        self.url = url
        self.destination = destination
    }

    public var partFile: URL { destination.appendingPathExtension("part") }

    public struct Outcome: Sendable {
        /// Bytes already present from an earlier, interrupted run.
        public var resumedFrom: Int64
        public var bytesReceived: Int64
        public var totalBytes: Int64
    }

    public func run(progress: ((Int64, Int64?) -> Void)? = nil) throws -> Outcome {
        let fm = FileManager.default
        try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        var offset: Int64 = 0
        if let attrs = try? fm.attributesOfItem(atPath: partFile.path), let s = attrs[.size] as? NSNumber {
            offset = s.int64Value
        } else {
            fm.createFile(atPath: partFile.path, contents: nil)
        }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        if offset > 0 { request.setValue("bytes=\(offset)-", forHTTPHeaderField: "Range") }
        let handle = try FileHandle(forWritingTo: partFile)
        defer { try? handle.close() }
        let sink = DownloadSink(handle: handle, offset: offset, progress: progress)
        let session = URLSession(configuration: .ephemeral, delegate: sink, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request).resume()
        sink.done.wait()
        let state = sink.snapshot()
        if let status = state.status, status == 416, offset > 0 {
            // Nothing left to send: the part file is already the whole resource.
            try moveIntoPlace()
            return Outcome(resumedFrom: offset, bytesReceived: 0, totalBytes: offset)
        }
        guard let status = state.status else {
            throw DownloadError.interrupted(url: url, partFile: partFile.path, bytes: offset,
                                            reason: state.error.map { "\($0.localizedDescription)" } ?? "no response")
        }
        guard status == 200 || status == 206 else {
            if offset == 0 { try? fm.removeItem(at: partFile) }
            throw DownloadError.http(url: url, status: status)
        }
        let start = status == 206 ? offset : 0
        let have = start + state.received
        if let error = state.error {
            throw DownloadError.interrupted(url: url, partFile: partFile.path, bytes: have, reason: error.localizedDescription)
        }
        if let expected = state.expectedTotal, have < expected {
            throw DownloadError.interrupted(url: url, partFile: partFile.path, bytes: have,
                                            reason: "connection closed after \(have) of \(expected) bytes")
        }
        try handle.close()
        try moveIntoPlace()
        return Outcome(resumedFrom: start, bytesReceived: state.received, totalBytes: have)
    }

    func moveIntoPlace() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: destination.path) { try fm.removeItem(at: destination) }
        try fm.moveItem(at: partFile, to: destination)
    }
}

/// URLSession delegate writing the body to the part file as it arrives (memory stays flat).
final class DownloadSink: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    struct State { var status: Int?; var expectedTotal: Int64?; var received: Int64 = 0; var error: Error? }
    let handle: FileHandle
    let offset: Int64
    let progress: ((Int64, Int64?) -> Void)?
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var state = State()

    init(handle: FileHandle, offset: Int64, progress: ((Int64, Int64?) -> Void)?) {
        self.handle = handle
        self.offset = offset
        self.progress = progress
    }

    func snapshot() -> State { lock.lock(); defer { lock.unlock() }; return state }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        let status = http?.statusCode ?? 0
        lock.lock()
        state.status = status
        let length = response.expectedContentLength
        if status == 206 {
            state.expectedTotal = length >= 0 ? offset + length : nil
        } else if status == 200 {
            state.expectedTotal = length >= 0 ? length : nil
            // The server ignored the range: start the file over.
            try? handle.truncate(atOffset: 0)
        }
        if status == 206 { try? handle.seekToEnd() }
        lock.unlock()
        completionHandler(status == 200 || status == 206 ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        handle.write(data)
        state.received += Int64(data.count)
        let r = state.received, t = state.expectedTotal, s = state.status
        lock.unlock()
        progress?((s == 206 ? offset : 0) + r, t)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.lock()
        if let error, (error as? URLError)?.code != .cancelled { state.error = error }
        lock.unlock()
        done.signal()
    }
}
