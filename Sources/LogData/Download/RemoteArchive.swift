import Foundation

// MARK: - RemoteArchive and the dataset catalog

/// How a downloaded file is unpacked.
public enum ArchiveKind: String, Codable, Sendable, Hashable {
    case zip
    case tarGz = "tar.gz"
    /// Not an archive: the download is the file.
    case plain
}

/// A remote file the project can fetch into the data directory.
public struct RemoteArchive: Codable, Sendable, Hashable {
    /// Catalog name, e.g. `HDFS_v1`.
    public var name: String
    /// Mirrors, tried in order.
    public var urls: [URL]
    /// File name of the downloaded archive (under `<data>/downloads/`).
    public var fileName: String
    public var kind: ArchiveKind
    /// Expected byte count, when known.
    public var expectedSize: Int64?
    /// Expected SHA-256 (lower-case hex), when known. When nil the first successful download's
    /// checksum is recorded in `checksums.lock.json` and later runs verify against it.
    public var sha256: String?
    /// Directory (relative to the data directory) the archive is extracted into.
    public var destination: String
    /// Files (relative to `destination`) extraction must yield.
    public var yields: [String]
    public var licence: String
    /// Other names accepted on the command line (`hdfs` for `HDFS_v1`).
    public var aliases: [String]

    public init(name: String, urls: [URL], fileName: String, kind: ArchiveKind, expectedSize: Int64? = nil,
                sha256: String? = nil, destination: String, yields: [String], licence: String = "",
                aliases: [String] = []) {
        self.name = name
        self.aliases = aliases
        self.urls = urls
        self.fileName = fileName
        self.kind = kind
        self.expectedSize = expectedSize
        self.sha256 = sha256
        self.destination = destination
        self.yields = yields
        self.licence = licence
    }
}

/// The archives `zerolog datasets` knows. Sizes and SHA-256 digests of the loghub and GloVe
/// archives were not available offline when this was written, so they are trust-on-first-use:
/// recorded in `checksums.lock.json` by the first download and enforced afterwards.
public enum RemoteArchiveCatalog {
    static func zenodo(_ file: String) -> URL {
        URL(string: "https://zenodo.org/records/8196385/files/\(file)?download=1")!
    }

    static let loghubLicence = "loghub: free for research and academic use, cite Zhu et al. (ISSRE 2023)"

    public static let archives: [RemoteArchive] = [
        RemoteArchive(name: "HDFS_v1", urls: [zenodo("HDFS_v1.zip")], fileName: "HDFS_v1.zip", kind: .zip,
                      destination: "HDFS_v1", yields: ["HDFS.log", "preprocessed/anomaly_label.csv"],
                      licence: loghubLicence, aliases: ["hdfs"]),
        RemoteArchive(name: "BGL", urls: [zenodo("BGL.zip")], fileName: "BGL.zip", kind: .zip,
                      destination: "BGL", yields: ["BGL.log"], licence: loghubLicence),
        RemoteArchive(name: "OpenStack", urls: [zenodo("OpenStack.tar.gz")], fileName: "OpenStack.tar.gz", kind: .tarGz,
                      destination: "OpenStack",
                      yields: ["openstack_normal1.log", "openstack_normal2.log", "openstack_abnormal.log", "anomaly_labels.txt"],
                      licence: loghubLicence),
        RemoteArchive(name: "Thunderbird", urls: [zenodo("Thunderbird.tar.gz")], fileName: "Thunderbird.tar.gz", kind: .tarGz,
                      destination: "Thunderbird", yields: ["Thunderbird.log"], licence: loghubLicence),
        RemoteArchive(name: "glove.6B", urls: [URL(string: "https://nlp.stanford.edu/data/glove.6B.zip")!],
                      fileName: "glove.6B.zip", kind: .zip, destination: "glove.6B",
                      yields: ["glove.6B.50d.txt", "glove.6B.100d.txt", "glove.6B.200d.txt", "glove.6B.300d.txt"],
                      licence: "PDDL-1.0 (Pennington, Socher, Manning, EMNLP 2014)", aliases: ["glove"]),
    ]

    public static func archive(named name: String) throws -> RemoteArchive {
        let key = name.lowercased()
        guard let a = archives.first(where: { $0.name.lowercased() == key || $0.aliases.contains(key) }) else {
            throw DownloadError.unknownArchive(name, known: archives.map(\.name))
        }
        return a
    }
}

// MARK: - Errors

public enum DownloadError: Error, CustomStringConvertible {
    case unknownArchive(String, known: [String])
    case http(url: URL, status: Int)
    case interrupted(url: URL, partFile: String, bytes: Int64, reason: String)
    case sizeMismatch(file: String, expected: Int64, actual: Int64)
    case checksumMismatch(file: String, expected: String, actual: String, source: String, movedTo: String)
    case missingTool(String, purpose: String)
    case extractionFailed(file: String, tool: String, detail: String)
    case missingYield(archive: String, files: [String], directory: String)
    case notDownloaded(archive: String, path: String)
    case lockFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownArchive(let n, let known): return "unknown dataset archive '\(n)'; known: \(known.joined(separator: ", "))"
        case .http(let u, let s): return "\(u): HTTP status \(s)"
        case .interrupted(let u, let p, let b, let r):
            return "download of \(u) interrupted after \(b) bytes (\(r)); partial data kept in \(p) — run fetch again to resume"
        case .sizeMismatch(let f, let e, let a): return "\(f): size \(a) bytes, expected \(e) (truncated or wrong file)"
        case .checksumMismatch(let f, let e, let a, let s, let m):
            return "\(f): SHA-256 mismatch: expected \(e) (\(s)), got \(a); the file was moved to \(m) — run fetch again"
        case .missingTool(let t, let p): return "'\(t)' is not installed (needed to \(p)); install it (apt-get install \(t))"
        case .extractionFailed(let f, let t, let d): return "\(f): \(t) failed — the archive is truncated or corrupt: \(d)"
        case .missingYield(let a, let fs, let d): return "\(a): extraction did not yield \(fs.joined(separator: ", ")) in \(d)"
        case .notDownloaded(let a, let p): return "\(a) is not downloaded (\(p) missing); run `zerolog datasets fetch \(a)`"
        case .lockFile(let p, let r): return "\(p): \(r)"
        }
    }
}
