import Foundation
import Testing
@testable import Harness
import LogData

/// Job ids do not depend on the process: `zerolog plan --ids-only`, run twice as separate
/// processes, prints the same ids as this process's expansion.
struct SpecProcessStabilityTests {
    /// The `zerolog` binary built beside the test bundle, if any.
    static var zerologBinary: URL? {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let binary = directory.appendingPathComponent("zerolog")
        return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : nil
    }

    @Test(.enabled(if: DataLocations.forTests().hasSharedDatasets, "needs ../shared/datasets"))
    func planIdsMatchAcrossProcesses() throws {
        guard let binary = Self.zerologBinary else {
            print("SpecProcessStabilityTests: no zerolog binary beside \(CommandLine.arguments[0]); skipped")
            return
        }
        let locations = DataLocations.forTests()
        let spec = locations.projectRoot.appendingPathComponent("Experiments/table1-sample.json").path
        let first = try Self.run(binary, ["plan", spec, "--ids-only"], in: locations)
        let second = try Self.run(binary, ["plan", spec, "--ids-only"], in: locations)
        let (_, expanded) = try SpecFile.expand(path: spec, locations: locations)
        #expect(first == second)
        #expect(first == expanded.jobs.map(\.id))
        #expect(first.count == 72)
    }

    static func run(_ binary: URL, _ arguments: [String], in locations: DataLocations) throws -> [String] {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = locations.projectRoot
        var environment = ProcessInfo.processInfo.environment
        environment["ZEROLOG_CACHE_DIR"] = locations.cacheDirectory.path
        environment["ZEROLOG_SHARED_DATASETS"] = locations.sharedDatasets.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
