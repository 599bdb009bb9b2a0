import Foundation
@testable import ResultsStore

/// Shared helpers for the results store tests: temporary files, a fixed clock, sample jobs.
enum StoreFixtures {
    static let provenance = RunProvenance(packageVersion: "0.1.0", gitCommit: "abc", gitDirty: false,
                                          swiftVersion: "Swift 6.3", operatingSystem: "Linux", blas: "OpenBLAS",
                                          host: "test-host")
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// A fresh directory under the temporary directory, removed by the caller when wanted.
    static func temporaryDirectory(_ name: String = #function) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("zerolog-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func jobs(_ count: Int, prefix: String = "job") -> [JobEntry] {
        (0..<count).map { i in
            JobEntry(id: "\(prefix)-\(String(format: "%03d", i))", configJSON: "{\"seed\":\(i)}",
                     summary: "\(prefix) #\(i)", row: "row\(i % 2)", column: "col\(i % 3)", seed: UInt64(i))
        }
    }

    static func experiment(_ name: String) -> ExperimentEntry {
        ExperimentEntry(name: name, specHash: "hash-\(name)", specJSON: "{\"name\":\"\(name)\"}")
    }
}
