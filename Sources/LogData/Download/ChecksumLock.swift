import ContentHash
import Foundation

// MARK: - ChecksumLock: trust-on-first-use checksums in `checksums.lock.json`

/// Observed checksums of downloads whose real SHA-256 was not known in advance.
public struct ChecksumLock: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var sha256: String
        public var size: Int64
        public var url: String
        public var recordedAt: String
    }
    public var archives: [String: Entry] = [:]

    public init() {}

    public static func url(in dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent("checksums.lock.json")
    }

    public static func load(from url: URL) throws -> ChecksumLock {
        guard FileManager.default.fileExists(atPath: url.path) else { return ChecksumLock() }
        do {
            return try JSONDecoder().decode(ChecksumLock.self, from: Data(contentsOf: url))
        } catch {
            throw DownloadError.lockFile(path: url.path, reason: "unreadable: \(error)")
        }
    }

    public func save(to url: URL) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try enc.encode(self).write(to: url, options: .atomic)
    }
}

/// Where an accepted checksum came from.
public enum ChecksumSource: String, Sendable {
    case catalog = "catalog SHA-256"
    case lockFile = "checksums.lock.json"
    case recordedNow = "recorded now in checksums.lock.json (first download, trust on first use)"
}
