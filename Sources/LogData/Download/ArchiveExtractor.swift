import Foundation

// MARK: - ArchiveExtractor: system unzip / tar

/// Unpacks archives with the system's `unzip` and `tar` (checked for first, with a clear message).
public enum ArchiveExtractor {
    /// The full path of an executable on PATH, or nil.
    public static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public static func extract(_ archive: URL, kind: ArchiveKind, into directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch kind {
        case .plain:
            let target = directory.appendingPathComponent(archive.lastPathComponent)
            if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
            try FileManager.default.copyItem(at: archive, to: target)
        case .zip:
            guard let unzip = which("unzip") else { throw DownloadError.missingTool("unzip", purpose: "extract \(archive.lastPathComponent)") }
            // Test first so a truncated archive fails before touching the destination.
            try run(unzip, ["-tq", archive.path], file: archive)
            try run(unzip, ["-oq", archive.path, "-d", directory.path], file: archive)
        case .tarGz:
            guard let tar = which("tar") else { throw DownloadError.missingTool("tar", purpose: "extract \(archive.lastPathComponent)") }
            guard which("gzip") != nil else { throw DownloadError.missingTool("gzip", purpose: "extract \(archive.lastPathComponent)") }
            try run(tar, ["-tzf", archive.path], file: archive)
            try run(tar, ["-xzf", archive.path, "-C", directory.path], file: archive)
        }
    }

    static func run(_ tool: String, _ args: [String], file: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let detail = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw DownloadError.extractionFailed(file: file.path, tool: "\((tool as NSString).lastPathComponent) \(args.first ?? "")",
                                                 detail: String(decoding: detail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).suffix(500).description)
        }
    }
}
