import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - LogLineReader

/// Streams the lines of a file in big chunks with constant memory (an 11M-line HDFS log never
/// sits in memory). Lines are numbered from 1; `\n` and `\r\n` endings are removed; a final line
/// without a newline is still a line. The bytes handed to the callback are only valid during it.
public struct LogLineReader {
    public let url: URL
    public let chunkSize: Int

    public init(url: URL, chunkSize: Int = 4 << 20) {
        self.url = url
        self.chunkSize = max(chunkSize, 16)
    }

    /// Calls `body(lineNumber, bytes)` for every line, in order.
    public func forEachLine(_ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            throw LogDataError.io(path: url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var filled = 0          // bytes of buffer holding data
        var lineNumber = 0
        var eof = false
        while !eof {
            if filled == buffer.count {
                // A line longer than the buffer: grow it.
                buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
            }
            let got = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw LogDataError.io(path: url.path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { eof = true }
            filled += got
            let consumed: Int = try buffer.withUnsafeBufferPointer { all in
                var start = 0
                let limit = filled
                guard let base = all.baseAddress else { return 0 }
                while start < limit {
                    guard let nl = memchr(base + start, 0x0A, limit - start) else { break }
                    let end = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base
                    var lineEnd = end
                    if lineEnd > start, all[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    lineNumber += 1
                    try body(lineNumber, UnsafeBufferPointer(rebasing: all[start..<lineEnd]))
                    start = end + 1
                }
                if eof, start < limit {
                    var lineEnd = limit
                    if all[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    lineNumber += 1
                    try body(lineNumber, UnsafeBufferPointer(rebasing: all[start..<lineEnd]))
                    start = limit
                }
                return start
            }
            if consumed > 0 {
                let rest = filled - consumed
                if rest > 0 {
                    buffer.withUnsafeMutableBytes { raw in
                        _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, rest)
                    }
                }
                filled = rest
            }
        }
    }

    /// Calls `body(lineNumber, line)` with each line decoded as a String (cold paths, tests).
    public func forEachString(_ body: (Int, String) throws -> Void) throws {
        try forEachLine { n, bytes in try body(n, String(decoding: bytes, as: UTF8.self)) }
    }
}

/// Errors from reading and parsing log files; every case names the file.
public enum LogDataError: Error, CustomStringConvertible {
    case io(path: String, reason: String)
    case badFormat(format: String, reason: String)
    case missingField(format: String, field: String)
    case badInput(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .io(let p, let r): return "\(p): \(r)"
        case .badFormat(let f, let r): return "log format '\(f)': \(r)"
        case .missingField(let f, let field): return "log format '\(f)' has no field <\(field)>"
        case .badInput(let p, let l, let r): return "\(p):\(l): \(r)"
        }
    }
}
