import Foundation

/// The compact binary cache format of a prepared dataset (little-endian):
///
/// ```
/// "ZLPD" | u32 version (1) | u32 metaLength | meta JSON (name, fingerprint, dimension, templates, report)
/// | f32 × [eventCount, dimension] | u32 sessionCount
/// | per session: u8 label | u32 idLength | id UTF-8 | u32 eventCount | i32 × eventCount
/// ```
extension PreparedDataset {
    static let magic: [UInt8] = Array("ZLPD".utf8)
    static let binaryVersion: UInt32 = 1

    struct BinaryMeta: Codable {
        var name: String
        var fingerprint: String
        var embeddingDimension: Int
        var eventTemplates: [String]
        var report: PreparationReport?
    }

    /// Encodes the dataset in the cache format.
    public func binaryData() throws -> Data {
        var out = Data()
        out.reserveCapacity(64 + eventVectors.count * 4 + sessions.reduce(0) { $0 + 16 + $1.id.utf8.count + $1.events.count * 4 })
        out.append(contentsOf: Self.magic)
        out.appendLE(Self.binaryVersion)
        let meta = try JSONEncoder().encode(BinaryMeta(name: name, fingerprint: fingerprint,
                                                       embeddingDimension: embeddingDimension,
                                                       eventTemplates: eventTemplates, report: report))
        out.appendLE(UInt32(meta.count))
        out.append(meta)
        eventVectors.withUnsafeBytes { out.append(contentsOf: $0) }
        out.appendLE(UInt32(sessions.count))
        for s in sessions {
            out.append(s.label.rawValue)
            let id = Array(s.id.utf8)
            out.appendLE(UInt32(id.count))
            out.append(contentsOf: id)
            out.appendLE(UInt32(s.events.count))
            s.events.withUnsafeBytes { out.append(contentsOf: $0) }
        }
        return out
    }

    /// Decodes the cache format; `source` names the file in errors.
    public init(binaryData data: Data, source: String) throws {
        var reader = BinaryReader(data: data, source: source)
        let magic = try reader.bytes(4)
        guard magic == Self.magic else { throw reader.error("not a prepared-dataset file (bad magic)") }
        let version: UInt32 = try reader.read()
        guard version == Self.binaryVersion else { throw reader.error("format version \(version), expected \(Self.binaryVersion)") }
        let metaLength: UInt32 = try reader.read()
        let meta = try JSONDecoder().decode(BinaryMeta.self, from: Data(try reader.bytes(Int(metaLength))))
        let vectors: [Float] = try reader.array(meta.eventTemplates.count * meta.embeddingDimension)
        let count: UInt32 = try reader.read()
        var sessions: [LogSession] = []
        sessions.reserveCapacity(Int(count))
        for _ in 0..<count {
            let labelByte: UInt8 = try reader.read()
            guard let label = SessionLabel(rawValue: labelByte) else { throw reader.error("bad label \(labelByte)") }
            let idLength: UInt32 = try reader.read()
            let id = String(decoding: try reader.bytes(Int(idLength)), as: UTF8.self)
            let n: UInt32 = try reader.read()
            let events: [Int32] = try reader.array(Int(n))
            sessions.append(LogSession(id: id, events: events, label: label))
        }
        self.init(name: meta.name, fingerprint: meta.fingerprint, embeddingDimension: meta.embeddingDimension,
                  eventTemplates: meta.eventTemplates, eventVectors: vectors, sessions: sessions)
        self.report = meta.report
    }
}

// MARK: - Little-endian helpers

extension Data {
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

struct BinaryReader {
    let data: Data
    let source: String
    var offset = 0

    init(data: Data, source: String) {
        self.data = data
        self.source = source
    }

    func error(_ message: String) -> InputFileError {
        InputFileError(file: source, "\(message) (at byte \(offset))")
    }

    mutating func bytes(_ n: Int) throws -> [UInt8] {
        guard n >= 0, offset + n <= data.count else { throw error("truncated file") }
        let start = data.startIndex + offset
        offset += n
        return [UInt8](data[start..<(start + n)])
    }

    mutating func read<T: FixedWidthInteger>() throws -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= data.count else { throw error("truncated file") }
        var value: T = 0
        let start = data.startIndex + offset
        _ = Swift.withUnsafeMutableBytes(of: &value) { dst in data.copyBytes(to: dst, from: start..<(start + size)) }
        offset += size
        return T(littleEndian: value)
    }

    /// `count` 4-byte elements (Float or Int32) copied in one block.
    mutating func array<T>(_ count: Int) throws -> [T] {
        let size = MemoryLayout<T>.stride * count
        guard count >= 0, offset + size <= data.count else { throw error("truncated file") }
        let start = data.startIndex + offset
        offset += size
        if count == 0 { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.copyBytes(to: UnsafeMutableRawBufferPointer(buffer), from: start..<(start + size))
            initialized = count
        }
    }
}
