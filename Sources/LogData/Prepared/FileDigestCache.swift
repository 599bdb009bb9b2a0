import ContentHash
import Foundation

/// SHA-256 of input files, remembered by (path, size, modification time) in
/// `<cache>/file-digests.json` so fingerprints stay cheap for big files (GloVe, full logs).
/// A file whose size or mtime changed is hashed again.
public struct FileDigestCache: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    var storeURL: URL { directory.appendingPathComponent("file-digests.json") }

    /// The hex SHA-256 of `url` (for a zip member: of the archive, with the member name appended).
    public func sha256(of url: URL, member: String? = nil) throws -> String {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: url.path) } catch {
            throw InputFileError(file: url.path, "file not found")
        }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let mtime = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = "\(url.path)|\(size)|\(String(format: "%.6f", mtime))"
        var store = load()
        let fileDigest: String
        if let known = store[key] {
            fileDigest = known
        } else {
            fileDigest = try ContentDigest.sha256Hex(fileAt: url)
            store[key] = fileDigest
            save(store)
        }
        return member.map { ContentDigest.sha256Hex("\(fileDigest)!\($0)") } ?? fileDigest
    }

    func load() -> [String: String] {
        guard let data = try? Data(contentsOf: storeURL),
              let map = try? JSONDecoder().decode([String: String].self, from: data) else { return [:] }
        return map
    }

    func save(_ map: [String: String]) {
        guard let data = try? CanonicalJSON.data(map) else { return }
        try? AtomicFile.write(data, to: storeURL)
    }
}

/// Writes files atomically: a temporary file in the same directory, then `rename(2)`.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".tmp-\(UUID().uuidString)-\(url.lastPathComponent)")
        try data.write(to: tmp)
        guard rename(tmp.path, url.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: tmp)
            throw InputFileError(file: url.path, "cannot rename temporary file into place (errno \(code))")
        }
    }
}
