import ArgumentParser
import Harness

enum PackageInfo {
    static let version = Provenance.packageVersionString
}

/// `zerolog version`: package version, git commit, Swift version, BLAS configuration.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the package version, git commit, Swift version and BLAS configuration.")

    func run() throws {
        let p = Provenance.current()
        print("zerolog \(p.packageVersion)")
        print("git commit: \(p.gitCommit)\(p.gitDirty ? " (dirty)" : "")")
        print("swift: \(p.swiftVersion)")
        print("os: \(p.operatingSystem)")
        print("blas: \(p.blas)")
    }
}
