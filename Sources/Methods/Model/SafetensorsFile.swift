import Foundation
import NN

/// Reads and writes a `ParameterSet` in the safetensors format: an 8-byte little-endian header
/// length, a JSON header (`name → {dtype: "F32", shape, data_offsets: [begin, end]}` plus
/// `__metadata__` string pairs), then the raw little-endian float32 data in header order.
/// Files load in PyTorch with `safetensors.torch.load_file`.
public enum SafetensorsFile {
    /// Writes `parameters` (in their order) with string `metadata`.
    public static func write(_ parameters: ParameterSet, metadata: [String: String], to url: URL) throws {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        for (name, tensor) in zip(parameters.names, parameters.tensors) {
            header[name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, offset + 4 * tensor.count]]
            offset += 4 * tensor.count
        }
        var headerData = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        // Pad the header with spaces to an 8-byte boundary (as the reference writer does).
        while headerData.count % 8 != 0 { headerData.append(0x20) }
        var out = Data(capacity: 8 + headerData.count + offset)
        withUnsafeBytes(of: UInt64(headerData.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(headerData)
        for tensor in parameters.tensors {
            tensor.scalars.withUnsafeBufferPointer { buffer in
                for v in buffer { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
            }
        }
        try out.write(to: url, options: .atomic)
    }

    /// Reads every float32 tensor (in data-offset order) and the metadata.
    public static func read(_ url: URL) throws -> (parameters: ParameterSet, metadata: [String: String]) {
        func fail(_ reason: String) -> MethodError { .checkpoint(path: url.path, reason: reason) }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw fail("cannot read the file") }
        guard data.count >= 8 else { throw fail("shorter than the 8-byte header length") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(data.count - 8) else { throw fail("header length \(headerLength) exceeds the file") }
        let bodyStart = 8 + Int(headerLength)
        guard let header = try? JSONSerialization.jsonObject(with: data.subdata(in: 8..<bodyStart)) as? [String: Any] else {
            throw fail("header is not a JSON object")
        }
        let metadata = header["__metadata__"] as? [String: String] ?? [:]
        var entries: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2
            else { throw fail("tensor '\(name)': malformed header entry") }
            guard dtype == "F32" else { throw fail("tensor '\(name)': dtype \(dtype), only F32 is supported") }
            let count = shape.reduce(1, *)
            guard offsets[1] - offsets[0] == 4 * count, bodyStart + offsets[1] <= data.count else {
                throw fail("tensor '\(name)': data offsets \(offsets) do not fit shape \(shape) and the file")
            }
            entries.append((name, shape, offsets[0], offsets[1]))
        }
        var parameters = ParameterSet()
        for e in entries.sorted(by: { $0.begin < $1.begin }) {
            var scalars = [Float](repeating: 0, count: (e.end - e.begin) / 4)
            data.withUnsafeBytes { raw in
                for i in scalars.indices {
                    let bits = raw.loadUnaligned(fromByteOffset: bodyStart + e.begin + 4 * i, as: UInt32.self)
                    scalars[i] = Float(bitPattern: UInt32(littleEndian: bits))
                }
            }
            parameters.insert(e.name, Tensor(shape: e.shape, scalars: scalars))
        }
        return (parameters, metadata)
    }
}
