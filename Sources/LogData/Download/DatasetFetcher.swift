import ContentHash
import Foundation

// MARK: - DatasetFetcher: download, verify, extract

/// Fetches catalog archives into the data directory:
/// `<data>/downloads/<fileName>` (with `.part` while incomplete) and `<data>/<destination>/…`.
public struct DatasetFetcher {
    public let dataDirectory: URL
    public var log: (String) -> Void

    public init(dataDirectory: URL, log: @escaping (String) -> Void = { print($0) }) {
        self.dataDirectory = dataDirectory
        self.log = log
    }

    public func archivePath(_ a: RemoteArchive) -> URL {
        dataDirectory.appendingPathComponent("downloads").appendingPathComponent(a.fileName)
    }

    public func destination(_ a: RemoteArchive) -> URL { dataDirectory.appendingPathComponent(a.destination) }

    public var lockURL: URL { ChecksumLock.url(in: dataDirectory) }

    public struct Report: Sendable {
        public var archive: URL
        public var sha256: String
        public var checksumSource: ChecksumSource
        public var resumedFrom: Int64?
        public var downloaded: Bool
        public var extractedTo: URL?
    }

    /// Downloads (resuming a `.part`), verifies, and extracts `archive`.
    @discardableResult
    public func fetch(_ archive: RemoteArchive, extract: Bool = true) throws -> Report {
        let file = archivePath(archive)
        var resumedFrom: Int64? = nil
        var downloaded = false
        if FileManager.default.fileExists(atPath: file.path) {
            log("\(archive.name): \(file.path) already present; verifying")
        } else {
            var lastError: Error? = nil
            for url in archive.urls {
                let dl = ResumableDownload(url: url, destination: file)
                if FileManager.default.fileExists(atPath: dl.partFile.path) {
                    log("\(archive.name): resuming \(dl.partFile.lastPathComponent) from \(url)")
                } else {
                    log("\(archive.name): downloading \(url)")
                }
                do {
                    let outcome = try dl.run()
                    resumedFrom = outcome.resumedFrom
                    downloaded = true
                    log("\(archive.name): \(outcome.totalBytes) bytes" + (outcome.resumedFrom > 0 ? " (resumed at byte \(outcome.resumedFrom))" : ""))
                    lastError = nil
                    break
                } catch let e as DownloadError {
                    lastError = e
                    if case .interrupted = e { throw e }   // keep the .part; resume on the next run
                    log("\(archive.name): \(e)")
                }
            }
            if let lastError { throw lastError }
        }
        let (sha, source, pending) = try verifyFile(archive, file: file)
        var extractedTo: URL? = nil
        if extract {
            let dest = destination(archive)
            do {
                try ArchiveExtractor.extract(file, kind: archive.kind, into: dest)
                try checkYields(archive)
            } catch {
                // Never trust (record) or keep an archive that does not unpack.
                let moved = try reject(file)
                log("\(archive.name): \(file.lastPathComponent) moved to \(moved)")
                throw error
            }
            extractedTo = dest
            log("\(archive.name): extracted into \(dest.path): \(archive.yields.joined(separator: ", "))")
        }
        if let pending { try pending.save(to: lockURL) }
        log("\(archive.name): sha256=\(sha) verified against \(source.rawValue)")
        return Report(archive: file, sha256: sha, checksumSource: source, resumedFrom: resumedFrom,
                      downloaded: downloaded, extractedTo: extractedTo)
    }

    /// Checks a downloaded archive (size, SHA-256) and its extracted files without downloading.
    @discardableResult
    public func verify(_ archive: RemoteArchive) throws -> Report {
        let file = archivePath(archive)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw DownloadError.notDownloaded(archive: archive.name, path: file.path)
        }
        let (sha, source, _) = try verifyFile(archive, file: file, recordIfUnknown: false)
        try checkYields(archive)
        return Report(archive: file, sha256: sha, checksumSource: source, resumedFrom: nil, downloaded: false,
                      extractedTo: destination(archive))
    }

    /// Size and checksum of the archive file against the catalog, else the lock file, else (when
    /// allowed) returns the lock to save once the archive proved good. A mismatching file is moved
    /// aside to `<file>.rejected`.
    func verifyFile(_ archive: RemoteArchive, file: URL, recordIfUnknown: Bool = true) throws -> (String, ChecksumSource, ChecksumLock?) {
        let size = ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size]) as? NSNumber)?.int64Value ?? -1
        if let expected = archive.expectedSize, expected != size {
            let moved = try reject(file)
            throw DownloadError.sizeMismatch(file: moved, expected: expected, actual: size)
        }
        let sha = try ContentDigest.sha256Hex(fileAt: file)
        var lock = try ChecksumLock.load(from: lockURL)
        let expected: (String, ChecksumSource)?
        if let known = archive.sha256 { expected = (known.lowercased(), .catalog) }
        else if let entry = lock.archives[archive.name] { expected = (entry.sha256, .lockFile) }
        else { expected = nil }
        if let (want, source) = expected {
            guard want == sha else {
                let moved = try reject(file)
                throw DownloadError.checksumMismatch(file: file.path, expected: want, actual: sha,
                                                     source: source.rawValue, movedTo: moved)
            }
            return (sha, source, nil)
        }
        guard recordIfUnknown else {
            throw DownloadError.lockFile(path: lockURL.path, reason: "no checksum recorded for \(archive.name); run `zerolog datasets fetch \(archive.name)`")
        }
        lock.archives[archive.name] = .init(sha256: sha, size: size, url: archive.urls.first?.absoluteString ?? "",
                                            recordedAt: ISO8601DateFormatter().string(from: Date()))
        return (sha, .recordedNow, lock)
    }

    func reject(_ file: URL) throws -> String {
        let rejected = file.appendingPathExtension("rejected")
        try? FileManager.default.removeItem(at: rejected)
        try FileManager.default.moveItem(at: file, to: rejected)
        return rejected.path
    }

    func checkYields(_ archive: RemoteArchive) throws {
        let dest = destination(archive)
        let missing = archive.yields.filter { !FileManager.default.fileExists(atPath: dest.appendingPathComponent($0).path) }
        guard missing.isEmpty else { throw DownloadError.missingYield(archive: archive.name, files: missing, directory: dest.path) }
    }
}
