import Foundation

/// Errors reading input files, naming the file (and line when known).
public struct InputFileError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var message: String
    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// Reads input files: plain files (memory-mapped) or members of zip archives (`unzip -p`).
public enum InputFileReader {
    /// The resolved on-disk file (the archive for zip members).
    public static func url(of file: InputFile, in locations: DataLocations) -> URL {
        locations.resolve(file.path)
    }

    /// A readable name for messages: `path` or `path!member`.
    public static func describe(_ file: InputFile, in locations: DataLocations) -> String {
        let p = url(of: file, in: locations).path
        return file.member.map { "\(p)!\($0)" } ?? p
    }

    /// The file's bytes.
    public static func data(of file: InputFile, in locations: DataLocations) throws -> Data {
        let u = url(of: file, in: locations)
        guard FileManager.default.fileExists(atPath: u.path) else {
            throw InputFileError(file: u.path, "file not found (path \"\(file.path)\" in the definition)")
        }
        guard let member = file.member else {
            return try Data(contentsOf: u, options: .alwaysMapped)
        }
        return try unzipMember(member, of: u)
    }

    static func unzipMember(_ member: String, of archive: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["unzip", "-p", archive.path, member]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw InputFileError(file: archive.path, "cannot run unzip to read member \(member): \(error)")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InputFileError(file: archive.path,
                                 "unzip -p failed for member \(member) (status \(process.terminationStatus)): \(errText)")
        }
        return data
    }

    /// Calls `body` with each line's bytes (without `\n` or a trailing `\r`) and its 1-based number;
    /// stops after `maxLines` lines when given. A final line without `\n` is included.
    public static func forEachLine(in data: Data, maxLines: Int? = nil,
                                   _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count
            var start = 0
            var number = 0
            while start < n {
                if let maxLines, number >= maxLines { return }
                var end = start
                while end < n && bytes[end] != 10 { end += 1 }
                var stop = end
                if stop > start && bytes[stop - 1] == 13 { stop -= 1 }
                number += 1
                try body(UnsafeBufferPointer(rebasing: bytes[start..<stop]), number)
                start = end + 1
            }
        }
    }
}
