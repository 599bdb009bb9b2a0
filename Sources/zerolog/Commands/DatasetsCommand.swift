import ArgumentParser
import Foundation
import LogData

/// `zerolog datasets list | fetch NAME | verify NAME`: the full datasets, downloaded into the data
/// directory (`Data/` or ZEROLOG_DATA_DIR) with resumable, checksum-verified transfers.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List, download (resumable, checksum-verified) and verify the full loghub datasets and GloVe.",
        subcommands: [List.self, Fetch.self, Verify.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The archives the project can fetch and their state here.")
        func run() throws {
            let data = DataLocations.fromEnvironment().dataDirectory
            let fetcher = DatasetFetcher(dataDirectory: data)
            let lock = try ChecksumLock.load(from: fetcher.lockURL)
            print("data_directory=\(data.path)")
            for a in RemoteArchiveCatalog.archives {
                let file = fetcher.archivePath(a)
                let state: String
                if FileManager.default.fileExists(atPath: file.path) { state = "downloaded" }
                else if FileManager.default.fileExists(atPath: file.path + ".part") { state = "partial (fetch resumes)" }
                else { state = "not downloaded" }
                let checksum = a.sha256.map { "sha256 \($0) (catalog)" }
                    ?? lock.archives[a.name].map { "sha256 \($0.sha256) (checksums.lock.json)" }
                    ?? "sha256 unknown: recorded on first fetch"
                print("\(a.name)\(a.aliases.isEmpty ? "" : " (alias \(a.aliases.joined(separator: ", ")))")\t\(a.kind.rawValue)\t\(state)\t\(checksum)")
                print("    \(a.urls.map(\.absoluteString).joined(separator: " "))")
                print("    yields \(a.destination)/{\(a.yields.joined(separator: ","))}; \(a.licence)")
            }
        }
    }

    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download (or resume), verify the checksum, and extract an archive.",
            discussion: "Requires unzip (zip archives) or tar+gzip (tar.gz). An interrupted download keeps NAME.part; run fetch again to resume.")
        @Argument(help: "Archive names or aliases (see `zerolog datasets list`), fetched in order.")
        var names: [String]
        @Flag(help: "Download and verify only.")
        var noExtract = false

        func validate() throws {
            guard !names.isEmpty else { throw ValidationError("name at least one archive (see `zerolog datasets list`)") }
            for n in names { _ = try RemoteArchiveCatalog.archive(named: n) }
        }

        func run() throws {
            let fetcher = DatasetFetcher(dataDirectory: DataLocations.fromEnvironment().dataDirectory)
            for name in names {
                let archive = try RemoteArchiveCatalog.archive(named: name)
                let r = try fetcher.fetch(archive, extract: !noExtract)
                print("archive=\(r.archive.path)")
                print("sha256=\(r.sha256)")
                print("checksum_source=\(r.checksumSource.rawValue)")
                if let to = r.extractedTo { print("extracted_to=\(to.path)") }
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Re-check a downloaded archive's checksum and extracted files.")
        @Argument(help: "Archive names or aliases.")
        var names: [String]

        func run() throws {
            let fetcher = DatasetFetcher(dataDirectory: DataLocations.fromEnvironment().dataDirectory)
            for name in names {
                let archive = try RemoteArchiveCatalog.archive(named: name)
                let r = try fetcher.verify(archive)
                print("\(archive.name): archive=\(r.archive.path)")
                print("\(archive.name): sha256=\(r.sha256) checksum_source=\(r.checksumSource.rawValue)")
                print("\(archive.name): files_ok=\(archive.yields.joined(separator: ","))")
            }
        }
    }
}
