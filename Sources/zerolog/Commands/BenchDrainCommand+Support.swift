import ArgumentParser
import Foundation
import LogData

// MARK: - Helpers for `zerolog bench drain`

extension BenchDrainCommand {
    /// Writes the content field of every well-formed line of `log` to `out`, one per line.
    static func extractBodies(from log: URL, format: LogFormat, to out: URL) throws -> (lines: Int, malformed: Int) {
        guard let content = format.index(of: "Content") else {
            throw ValidationError("format '\(format.format)' has no <Content> field")
        }
        let parser = LogFormat.Parser(format)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64 << 20)
        var lines = 0, malformed = 0
        try LogLineReader(url: log).forEachLine { _, bytes in
            guard let ranges = parser.fieldRanges(bytes) else { malformed += 1; return }
            // Bodies never contain newlines (they come from single lines).
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[ranges[content]]))
            buffer.append(0x0A)
            lines += 1
        }
        try Data(buffer).write(to: out)
        return (lines, malformed)
    }

    /// The venv's python with drain3 0.9.11, creating the venv when needed.
    static func ensureDrain3(venv: URL) throws -> String {
        let python = venv.appendingPathComponent("bin/python").path
        if FileManager.default.isExecutableFile(atPath: python),
           (try? run(python, ["-c", "import drain3"])) != nil {
            return python
        }
        print("creating \(venv.path) with drain3==0.9.11 …")
        _ = try run("/usr/bin/env", ["python3", "-m", "venv", venv.path])
        _ = try run(venv.appendingPathComponent("bin/pip").path, ["install", "--quiet", "drain3==0.9.11"])
        return python
    }

    /// Runs a program, returning stdout; a non-zero exit is an error quoting stderr.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch {
            throw ValidationError("cannot run \(executable): \(error.localizedDescription)")
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw ValidationError("\(executable) \(arguments.prefix(2).joined(separator: " ")) exited \(p.terminationStatus): \(String(decoding: stderr, as: UTF8.self).suffix(2000))")
        }
        return String(decoding: stdout, as: UTF8.self)
    }

    static func keyValues(_ text: String) -> [String: String] {
        var d: [String: String] = [:]
        for line in text.split(separator: "\n") {
            if let eq = line.firstIndex(of: "=") { d[String(line[..<eq])] = String(line[line.index(after: eq)...]) }
        }
        return d
    }
}
