import Foundation
import NN

/// Everything about the running program that can change a number: recorded with every run.
public struct Provenance: Codable, Equatable, Sendable {
    public var packageVersion: String
    public var gitCommit: String
    public var gitDirty: Bool
    public var swiftVersion: String
    public var operatingSystem: String
    public var blas: String
    public var host: String

    public static let packageVersionString = "0.1.0"

    /// Reads the provenance of this process. `directory` is where git is asked (the project root).
    public static func current(directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> Provenance {
        let commit = runGit(["rev-parse", "HEAD"], in: directory) ?? "unknown"
        let status = runGit(["status", "--porcelain", "--untracked-files=no"], in: directory)
        return Provenance(
            packageVersion: packageVersionString,
            gitCommit: commit,
            gitDirty: !(status ?? "").isEmpty,
            swiftVersion: compilerVersion,
            operatingSystem: ProcessInfo.processInfo.operatingSystemVersionString,
            blas: BLASInfo.configuration,
            host: ProcessInfo.processInfo.hostName)
    }

    /// The Swift compiler this binary was built with.
    public static var compilerVersion: String {
        #if compiler(>=6.4)
        return "Swift 6.4 or later"
        #elseif compiler(>=6.3)
        return "Swift 6.3"
        #elseif compiler(>=6.2)
        return "Swift 6.2"
        #else
        return "Swift 6.1 or earlier"
        #endif
    }

    private static func runGit(_ arguments: [String], in directory: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
