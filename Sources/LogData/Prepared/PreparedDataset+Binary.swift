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
        let sessions = try reader.sessions(Int(count))
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

    /// `count` sessions (label byte, u32 id length, id, u32 event count, i32 events), read in one
    /// pass over the raw bytes (one allocation per id and per event array).
    mutating func sessions(_ count: Int) throws -> [LogSession] {
        var out: [LogSession] = []
        out.reserveCapacity(count)
        let start = offset
        var failure: String?
        let consumed: Int = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int in
            let n = raw.count
            var p = start
            for _ in 0..<count {
                guard p + 5 <= n else { failure = "truncated file"; return p }
                guard let label = SessionLabel(rawValue: raw[p]) else { failure = "bad label \(raw[p])"; return p }
                let idLength = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: p + 1, as: UInt32.self)))
                p += 5
                guard p + idLength + 4 <= n else { failure = "truncated file"; return p }
                let id = String(decoding: UnsafeRawBufferPointer(rebasing: raw[p..<(p + idLength)]), as: UTF8.self)
                p += idLength
                let events = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt32.self)))
                p += 4
                guard p + events * 4 <= n else { failure = "truncated file"; return p }
                let array = [Int32](unsafeUninitializedCapacity: events) { buffer, initialized in
                    if events > 0 {
                        UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[p..<(p + events * 4)]))
                    }
                    initialized = events
                }
                p += events * 4
                out.append(LogSession(id: id, events: array, label: label))
            }
            return p
        }
        offset = consumed
        if let failure { throw error(failure) }
        return out
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
