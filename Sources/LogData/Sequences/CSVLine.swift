import Foundation

/// Minimal RFC 4180 field splitting for one line: commas separate, double quotes enclose fields
/// that contain commas, `""` inside quotes is a quote. (Quoted newlines are not supported: every
/// CSV in the supported inputs keeps a record on one line.)
public enum CSVLine {
    public static func fields(_ line: UnsafeBufferPointer<UInt8>) -> [String] {
        var out: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var i = 0
        let n = line.count
        while i < n {
            let b = line[i]
            if inQuotes {
                if b == 34 {
                    if i + 1 < n && line[i + 1] == 34 { field.append(34); i += 1 } else { inQuotes = false }
                } else {
                    field.append(b)
                }
            } else if b == 44 {
                out.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if b == 34 && field.isEmpty {
                inQuotes = true
            } else {
                field.append(b)
            }
            i += 1
        }
        out.append(String(decoding: field, as: UTF8.self))
        return out
    }

    public static func fields(_ line: String) -> [String] {
        var copy = line
        return copy.withUTF8 { fields($0) }
    }

    /// Reads a whole CSV with a header row: the header and the rows (each with the header's width).
    public static func table(_ data: Data, name: String) throws -> (header: [String], rows: [[String]]) {
        var header: [String]?
        var rows: [[String]] = []
        try InputFileReader.forEachLine(in: data) { bytes, number in
            if bytes.isEmpty { return }
            let f = fields(bytes)
            guard let h = header else { header = f; return }
            guard f.count == h.count else {
                throw InputFileError(file: name, line: number, "expected \(h.count) CSV fields (\(h.joined(separator: ","))), found \(f.count)")
            }
            rows.append(f)
        }
        guard let header else { throw InputFileError(file: name, "empty CSV: expected a header row") }
        return (header, rows)
    }

    /// The index of `column` in `header`, or an error naming the file and the columns present.
    public static func column(_ column: String, in header: [String], file: String) throws -> Int {
        guard let i = header.firstIndex(of: column) else {
            throw InputFileError(file: file, line: 1, "expected a column \"\(column)\", found [\(header.joined(separator: ", "))]")
        }
        return i
    }
}
