import Foundation

/// Reads and writes parameter sets in the **safetensors** format: an 8-byte little-endian header
/// length N, N bytes of JSON `{name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]},
/// "__metadata__": {string: string}}` (padded with spaces to a multiple of 8), then the raw
/// little-endian tensor bytes. Tensors are written in the set's order and read back in offset order,
/// so names keep their order through a round trip. Header keys are sorted, so equal inputs give equal bytes.
public enum Safetensors {
    /// The file contents for `parameters` and string `metadata`.
    public static func encode(_ parameters: ParameterSet, metadata: [String: String] = [:]) throws -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        for (name, t) in zip(parameters.names, parameters.tensors) {
            guard name != "__metadata__" else { throw NNError.checkpoint("a parameter may not be named __metadata__") }
            header[name] = ["dtype": "F32", "shape": t.shape, "data_offsets": [offset, offset + 4 * t.count]] as [String: Any]
            offset += 4 * t.count
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        while json.count % 8 != 0 { json.append(0x20) }
        var out = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(json)
        for t in parameters.tensors {
            t.scalars.withUnsafeBufferPointer { buf in
                for v in buf { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
            }
        }
        return out
    }

    /// Parses file contents; `source` names the file in errors.
    public static func decode(_ data: Data, source: String = "<data>") throws -> (parameters: ParameterSet, metadata: [String: String]) {
        func fail(_ m: String) -> NNError { .checkpoint("\(source): \(m)") }
        guard data.count >= 8 else { throw fail("file is \(data.count) bytes, shorter than the 8-byte header length") }
        let bytes = [UInt8](data)
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard n <= UInt64(bytes.count - 8) else { throw fail("header length \(n) exceeds the file size \(bytes.count)") }
        let headerEnd = 8 + Int(n)
        guard let obj = try? JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd])),
              let header = obj as? [String: Any] else { throw fail("header is not a JSON object") }
        var metadata: [String: String] = [:]
        if let m = header["__metadata__"] {
            guard let m = m as? [String: String] else { throw fail("__metadata__ must map strings to strings") }
            metadata = m
        }
        let dataCount = bytes.count - headerEnd
        var entries: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in header where name != "__metadata__" {
            guard let e = value as? [String: Any] else { throw fail("entry '\(name)' is not an object") }
            guard let dtype = e["dtype"] as? String else { throw fail("entry '\(name)' has no dtype") }
            guard dtype == "F32" else { throw fail("entry '\(name)' has dtype \(dtype); only F32 is supported") }
            guard let shape = e["shape"] as? [Int], shape.allSatisfy({ $0 >= 0 }) else { throw fail("entry '\(name)' has no valid shape") }
            guard let off = e["data_offsets"] as? [Int], off.count == 2, off[0] >= 0, off[0] <= off[1], off[1] <= dataCount else {
                throw fail("entry '\(name)' has invalid data_offsets (data section is \(dataCount) bytes)")
            }
            guard off[1] - off[0] == 4 * shape.reduce(1, *) else {
                throw fail("entry '\(name)': data_offsets \(off) hold \(off[1] - off[0]) bytes, shape \(shape) needs \(4 * shape.reduce(1, *))")
            }
            entries.append((name, shape, off[0], off[1]))
        }
        entries.sort { ($0.begin, $0.name) < ($1.begin, $1.name) }
        var previousEnd = 0
        var params = ParameterSet()
        for e in entries {
            guard e.begin >= previousEnd else { throw fail("entry '\(e.name)' overlaps the previous tensor") }
            previousEnd = e.end
            var scalars = [Float](repeating: 0, count: (e.end - e.begin) / 4)
            for i in 0..<scalars.count {
                let o = headerEnd + e.begin + 4 * i
                let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
                scalars[i] = Float(bitPattern: bits)
            }
            params.insert(e.name, Tensor(shape: e.shape, scalars: scalars))
        }
        return (params, metadata)
    }

    /// Writes `parameters` to `url` atomically.
    public static func write(_ parameters: ParameterSet, metadata: [String: String] = [:], to url: URL) throws {
        try encode(parameters, metadata: metadata).write(to: url, options: .atomic)
    }

    /// Reads a file written by this or any safetensors writer (F32 tensors only).
    public static func read(from url: URL) throws -> (parameters: ParameterSet, metadata: [String: String]) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw NNError.checkpoint("\(url.path): cannot read (\(error.localizedDescription))") }
        return try decode(data, source: url.path)
    }
}
