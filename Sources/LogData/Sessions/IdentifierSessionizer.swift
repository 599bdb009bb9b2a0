import Foundation

/// Sessions named by identifiers found in a field (HDFS block ids `blk_-?\d+`).
///
/// A line joins the session of every *distinct* identifier it names (a line naming two blocks
/// belongs to both; naming one block twice adds the event once). Sessions are ordered by first
/// appearance. Lines naming no identifier join nothing and are counted as unassigned.
public struct IdentifierSessionizer: Sessionizer {
    let fieldIndex: Int
    /// Byte-level matcher (the parse module's `TextPattern`, NSRegularExpression as its fallback).
    let matcher: TextPatternMatcher
    /// Leading literal of the pattern: a cheap pre-filter before the regex runs.
    let literalPrefix: String
    let prefixBytes: [UInt8]
    private var indexById: [String: Int] = [:]
    private var drafts: [SessionDraft] = []
    private var unassigned = 0

    public init(fieldIndex: Int, pattern: String) throws {
        self.fieldIndex = fieldIndex
        do { matcher = try TextPattern(pattern).makeMatcher() } catch {
            throw SessionizeError("sessions.pattern: invalid regular expression \(pattern): \(error)")
        }
        literalPrefix = Self.literalPrefix(of: pattern)
        prefixBytes = Array(literalPrefix.utf8)
    }

    /// First index `>= from` where `needle` occurs in `haystack`.
    static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = needle.count, h = haystack.count
        guard n > 0, h - from >= n else { return nil }
        let first = needle[0]
        var i = from
        while i <= h - n {
            if haystack[i] == first {
                var k = 1
                while k < n && haystack[i + k] == needle[k] { k += 1 }
                if k == n { return i }
            }
            i += 1
        }
        return nil
    }

    /// The characters of `pattern` before its first regex metacharacter (or quantified character).
    static func literalPrefix(of pattern: String) -> String {
        // Top-level alternation has no common prefix (a `|` inside a group is conservative too).
        if pattern.contains("|") { return "" }
        let meta: Set<Character> = ["\\", ".", "[", "]", "(", ")", "*", "+", "?", "{", "}", "|", "^", "$"]
        var out = ""
        for ch in pattern {
            if meta.contains(ch) { break }
            out.append(ch)
        }
        // A quantifier after the prefix applies to its last character: drop that character.
        if out.count < pattern.count {
            let next = pattern[pattern.index(pattern.startIndex, offsetBy: out.count)]
            if next == "*" || next == "?" || next == "{", !out.isEmpty { out.removeLast() }
        }
        return out
    }

    public mutating func add(_ line: SessionLine) throws {
        guard fieldIndex < line.fields.count else {
            throw SessionizeError("line \(line.index + 1): no field #\(fieldIndex) for the session identifier")
        }
        let text = line.fields[fieldIndex]
        var string = String(text)
        var seen: [String] = []
        let ids: [String] = string.withUTF8 { buf in
            var found: [String] = []
            var offset = 0
            while offset < buf.count {
                // Jump to the next occurrence of the literal prefix: the regex then matches at once
                // instead of being tried at every byte of the line.
                if !prefixBytes.isEmpty {
                    guard let at = Self.find(prefixBytes, in: buf, from: offset) else { break }
                    offset = at
                }
                guard let r = matcher.firstMatch(UnsafeBufferPointer(rebasing: buf[offset...])) else { break }
                if !r.isEmpty {
                    found.append(String(decoding: UnsafeBufferPointer(rebasing: buf[(offset + r.lowerBound)..<(offset + r.upperBound)]), as: UTF8.self))
                }
                offset += max(r.upperBound, r.lowerBound + 1)
            }
            return found
        }
        for id in ids {
            if seen.contains(id) { continue }
            seen.append(id)
            if let k = indexById[id] {
                drafts[k].append(line)
            } else {
                indexById[id] = drafts.count
                var d = SessionDraft(id: id, firstLine: line.index)
                d.append(line)
                drafts.append(d)
            }
        }
        if seen.isEmpty { unassigned += 1 }
    }

    public mutating func finish() throws -> SessionizerOutput {
        SessionizerOutput(sessions: drafts, unassignedLines: unassigned)
    }
}
