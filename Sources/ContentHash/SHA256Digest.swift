import Crypto
import Foundation

/// SHA-256 helpers returning lower-case hex.
public enum ContentDigest {
    /// Hex SHA-256 of raw bytes.
    public static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Hex SHA-256 of a UTF-8 string.
    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Data(text.utf8))
    }

    /// Hex SHA-256 of the canonical JSON of `value`: the content-hash id of a configuration.
    public static func id<T: Encodable>(of value: T) throws -> String {
        sha256Hex(try CanonicalJSON.data(value))
    }

    /// Hex SHA-256 of a file, streamed in 4 MiB chunks (memory stays flat for multi-GB logs).
    public static func sha256Hex(fileAt url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    /// An incremental hasher for callers that stream data themselves (downloads).
    public struct Streaming {
        private var hasher = SHA256()
        public init() {}
        public mutating func update(_ data: Data) { hasher.update(data: data) }
        public func finalizeHex() -> String { ContentDigest.hex(hasher.finalize()) }
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
