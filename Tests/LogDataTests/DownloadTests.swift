import ContentHash
import Foundation
import Testing
@testable import LogData

/// End-to-end `datasets fetch/verify` against a loopback HTTP server with fixture archives built here.
@Suite("Dataset download: good, corrupt, interrupted + resumed", .serialized)
struct DownloadTests {
    /// A scratch directory with fixture files (incompressible, deterministic) and archives of them.
    struct Fixture {
        let root: URL
        let tarGz: [UInt8]
        let zip: [UInt8]
        let files: [String: [UInt8]]

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("zerolog-dl-\(UUID().uuidString)")
            let src = root.appendingPathComponent("src")
            try FileManager.default.createDirectory(at: src.appendingPathComponent("sub"), withIntermediateDirectories: true)
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            func bytes(_ n: Int) -> [UInt8] {
                (0..<n).map { _ in
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    return UInt8(truncatingIfNeeded: state >> 33)
                }
            }
            files = ["data.log": bytes(300_000), "sub/labels.csv": Array("BlockId,Label\nblk_1,Normal\n".utf8)]
            for (name, content) in files { try Data(content).write(to: src.appendingPathComponent(name)) }
            try Self.run("/usr/bin/env", ["tar", "-czf", root.appendingPathComponent("f.tar.gz").path, "-C", src.path, "."], in: src)
            try Self.run("/usr/bin/env", ["zip", "-qr", root.appendingPathComponent("f.zip").path, "."], in: src)
            tarGz = Array(try Data(contentsOf: root.appendingPathComponent("f.tar.gz")))
            zip = Array(try Data(contentsOf: root.appendingPathComponent("f.zip")))
        }

        var dataDirectory: URL { root.appendingPathComponent("Data") }

        static func run(_ tool: String, _ args: [String], in dir: URL) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: tool)
            p.arguments = args
            p.currentDirectoryURL = dir
            try p.run()
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { throw DownloadError.missingTool(args[0], purpose: "build test fixtures") }
        }

        func archive(_ name: String, url: URL, kind: ArchiveKind, sha256: String? = nil, size: Int64? = nil) -> RemoteArchive {
            RemoteArchive(name: name, urls: [url], fileName: name + (kind == .zip ? ".zip" : ".tar.gz"), kind: kind,
                          expectedSize: size, sha256: sha256, destination: name, yields: ["data.log", "sub/labels.csv"])
        }

        func cleanup() { try? FileManager.default.removeItem(at: root) }
    }

    static let toolsPresent = ["tar", "zip", "unzip", "gzip"].allSatisfy { ArchiveExtractor.which($0) != nil }

    @Test(.enabled(if: toolsPresent))
    func goodArchivesDownloadVerifyAndExtract() throws {
        let fx = try Fixture(); defer { fx.cleanup() }
        let server = try LoopbackHTTPServer(); defer { server.stop() }
        server.serve("/good.tar.gz", fx.tarGz)
        server.serve("/good.zip", fx.zip)
        var lines: [String] = []
        let fetcher = DatasetFetcher(dataDirectory: fx.dataDirectory) { lines.append($0) }

        // Unknown checksum: recorded on first download, enforced afterwards.
        let tofu = fx.archive("tofu", url: server.url("/good.tar.gz"), kind: .tarGz)
        let first = try fetcher.fetch(tofu)
        #expect(first.checksumSource == .recordedNow)
        #expect(first.sha256 == ContentDigest.sha256Hex(Data(fx.tarGz)))
        let extracted = try Data(contentsOf: fx.dataDirectory.appendingPathComponent("tofu/data.log"))
        #expect(Array(extracted) == fx.files["data.log"])
        let lock = try ChecksumLock.load(from: fetcher.lockURL)
        #expect(lock.archives["tofu"]?.sha256 == first.sha256)
        #expect(try fetcher.verify(tofu).checksumSource == .lockFile)
        let again = try fetcher.fetch(tofu)
        #expect(!again.downloaded && again.checksumSource == .lockFile)

        // Known checksum and size (zip).
        let known = fx.archive("known", url: server.url("/good.zip"), kind: .zip,
                               sha256: ContentDigest.sha256Hex(Data(fx.zip)), size: Int64(fx.zip.count))
        let k = try fetcher.fetch(known)
        #expect(k.checksumSource == .catalog)
        #expect(FileManager.default.fileExists(atPath: fx.dataDirectory.appendingPathComponent("known/sub/labels.csv").path))
        #expect(lines.contains { $0.contains("verified against catalog SHA-256") })
    }

    @Test(.enabled(if: toolsPresent))
    func corruptArchivesAreRejectedClearly() throws {
        let fx = try Fixture(); defer { fx.cleanup() }
        let server = try LoopbackHTTPServer(); defer { server.stop() }
        var corrupt = fx.tarGz
        corrupt[corrupt.count / 2] ^= 0xFF
        server.serve("/corrupt.tar.gz", corrupt)
        let fetcher = DatasetFetcher(dataDirectory: fx.dataDirectory) { _ in }

        // 1. Checksum mismatch against the catalog.
        let a = fx.archive("bad", url: server.url("/corrupt.tar.gz"), kind: .tarGz, sha256: ContentDigest.sha256Hex(Data(fx.tarGz)))
        do {
            try fetcher.fetch(a)
            Issue.record("a corrupt archive was accepted")
        } catch let DownloadError.checksumMismatch(_, expected, actual, _, movedTo) {
            #expect(expected != actual)
            #expect(movedTo.hasSuffix(".rejected"))
            #expect(!FileManager.default.fileExists(atPath: fetcher.archivePath(a).path))
        }

        // 2. Unknown checksum, but the archive does not unpack: extraction error, nothing recorded.
        let b = fx.archive("bad2", url: server.url("/corrupt.tar.gz"), kind: .tarGz)
        #expect { try fetcher.fetch(b) } throws: { error in
            guard case DownloadError.extractionFailed = error else { return false }
            return true
        }
        #expect(try ChecksumLock.load(from: fetcher.lockURL).archives["bad2"] == nil)

        // 3. Lock file recorded from a good download, then the server changes the bytes.
        server.serve("/changing.tar.gz", fx.tarGz)
        let c = fx.archive("changing", url: server.url("/changing.tar.gz"), kind: .tarGz)
        #expect(try fetcher.fetch(c).checksumSource == .recordedNow)
        try FileManager.default.removeItem(at: fetcher.archivePath(c))
        server.serve("/changing.tar.gz", corrupt)
        #expect { try fetcher.fetch(c) } throws: { error in
            guard case DownloadError.checksumMismatch(_, _, _, let source, _) = error else { return false }
            return source == ChecksumSource.lockFile.rawValue
        }

        // 4. Wrong size and a 404.
        let d = fx.archive("sized", url: server.url("/corrupt.tar.gz"), kind: .tarGz, size: 12)
        #expect(throws: DownloadError.self) { try fetcher.fetch(d) }
        let e = fx.archive("missing", url: server.url("/nope.zip"), kind: .zip)
        #expect { try fetcher.fetch(e) } throws: { error in
            guard case DownloadError.http(_, 404) = error else { return false }
            return true
        }
        #expect(throws: DownloadError.self) { try fetcher.verify(e) }
    }

    @Test(.enabled(if: toolsPresent))
    func interruptedTransferResumesWithRange() throws {
        let fx = try Fixture(); defer { fx.cleanup() }
        let server = try LoopbackHTTPServer(); defer { server.stop() }
        server.serve("/big.tar.gz", fx.tarGz)
        let cut = fx.tarGz.count / 3
        server.cutNext("/big.tar.gz", after: cut)
        let fetcher = DatasetFetcher(dataDirectory: fx.dataDirectory) { _ in }
        let a = fx.archive("big", url: server.url("/big.tar.gz"), kind: .tarGz, sha256: ContentDigest.sha256Hex(Data(fx.tarGz)))

        do {
            try fetcher.fetch(a)
            Issue.record("a cut transfer was accepted")
        } catch let DownloadError.interrupted(_, partFile, bytes, _) {
            #expect(bytes == Int64(cut))
            let size = try FileManager.default.attributesOfItem(atPath: partFile)[.size] as? NSNumber
            #expect(size?.intValue == cut)
        }
        #expect(!FileManager.default.fileExists(atPath: fetcher.archivePath(a).path))

        let report = try fetcher.fetch(a)
        #expect(report.resumedFrom == Int64(cut))
        #expect(report.checksumSource == .catalog)
        #expect(server.requests.last?.range == "bytes=\(cut)-")
        let data = try Data(contentsOf: fx.dataDirectory.appendingPathComponent("big/data.log"))
        #expect(Array(data) == fx.files["data.log"])
    }

    @Test(.enabled(if: toolsPresent))
    func serverWithoutRangeSupportRestartsCleanly() throws {
        let fx = try Fixture(); defer { fx.cleanup() }
        let server = try LoopbackHTTPServer(); defer { server.stop() }
        server.serve("/norange.zip", fx.zip)
        server.cutNext("/norange.zip", after: fx.zip.count / 2)
        let fetcher = DatasetFetcher(dataDirectory: fx.dataDirectory) { _ in }
        let a = fx.archive("norange", url: server.url("/norange.zip"), kind: .zip, sha256: ContentDigest.sha256Hex(Data(fx.zip)))
        #expect(throws: DownloadError.self) { try fetcher.fetch(a) }
        server.ignoreRanges(true)
        let r = try fetcher.fetch(a)
        #expect(r.resumedFrom == 0)                       // 200 instead of 206: the .part was restarted
        #expect(server.requests.last?.range == "bytes=\(fx.zip.count / 2)-")
        #expect(r.checksumSource == .catalog)
    }

    @Test func catalogNamesTheRealArchives() throws {
        let names = RemoteArchiveCatalog.archives.map(\.name)
        #expect(names == ["HDFS_v1", "BGL", "OpenStack", "Thunderbird", "glove.6B"])
        #expect(try RemoteArchiveCatalog.archive(named: "hdfs_v1").urls.first?.absoluteString
                == "https://zenodo.org/records/8196385/files/HDFS_v1.zip?download=1")
        #expect(try RemoteArchiveCatalog.archive(named: "glove").name == "glove.6B")
        #expect(throws: DownloadError.self) { try RemoteArchiveCatalog.archive(named: "nope") }
    }
}
