import Foundation
import Testing
@testable import LogData

/// The byte-level regex matcher agrees with NSRegularExpression on the mask subset.
@Suite("Byte regex matcher")
struct DrainRegexTests {
    static let cases: [(String, String)] = [
        (#"blk_(|-)[0-9]+"#, "block blk_-123 and blk_45x blk_"),
        (#"(\d+\.){3}\d+(:\d+)?"#, "from /10.250.19.102:54106 to 1.2.3 and 1.2.3.4.5"),
        (#"((?<=[^A-Za-z0-9])|^)([\-\+]?\d+)((?=[^A-Za-z0-9])|$)"#, "12 a-3 b4 +5, (66) x7y 8"),
        (#"((?<=[^A-Za-z0-9])|^)([0-9a-f]{6,} ?){3,}((?=[^A-Za-z0-9])|$)"#, "id abcdef 123456 fedcba99 end abcdef1 abcdef2"),
        (#"((?<=[^A-Za-z0-9])|^)(0x[a-f0-9A-F]+)((?=[^A-Za-z0-9])|$)"#, "at 0x1F, 0xzz 10x5 (0xABC)"),
        (#"(?<=executed cmd )(".+?")"#, #"executed cmd "ls -l" and "x" executed cmd "rm""#),
        (#"/.+?\s"#, "GET /v2/abc/servers HTTP/1.1 /x y"),
        (#"\bcore\.\d+\b"#, "generating core.1234 and score.5"),
        (#"[KGTM]?B\b"#, "12 KB 3 B 4GB"),
        (#"a{2,3}?"#, "aaaa"),
        (#"(?:ab|a)c*"#, "abcc ac a"),
        (#"x*"#, "axxb"),
        (#"\s+$"#, "trailing   "),
        (#"[^\]]+"#, "[abc]"),
        (#"\W\w\S\D"#, " a.. b1x"),
        (#"\d+5"#, "1235 55 5 12345x"),               // greedy span gives bytes back
        (#"a.*?b.*?c"#, "a1b2b3c aXc abc"),            // lazy spans take bytes one by one
        (#"\d{2,3}\d"#, "1 12 123 1234 12345"),
        (#"(ab)+c"#, "ababc abc ac"),
    ]

    @Test(arguments: 0..<cases.count)
    func agreesWithFoundation(index: Int) throws {
        let (pattern, text) = Self.cases[index]
        let byte = ByteRegexMatcher(try ByteRegex(pattern))
        let ns = try NSRegularExpression(pattern: pattern)
        let expected = ns.stringByReplacingMatches(in: text, range: NSRange(location: 0, length: (text as NSString).length),
                                                   withTemplate: "<M>")
        #expect(byte.replacingAll(in: text, with: "<M>") == expected, "pattern \(pattern)")
    }

    @Test func catastrophicPatternStaysFast() throws {
        let m = ByteRegexMatcher(try ByteRegex(#"((?<=[^A-Za-z0-9])|^)([0-9a-f]{6,} ?){3,}((?=[^A-Za-z0-9])|$)"#))
        let text = " " + String(repeating: "a", count: 400) + "z"
        let start = Date()
        #expect(m.matches(in: text).isEmpty)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func capturesAndNamedGroups() throws {
        let r = try ByteRegex(#"^(?P<a>\w+)-(?P<b>\d+)$"#)
        let m = ByteRegexMatcher(r)
        let bytes = Array("abc-42".utf8)
        let hit = bytes.withUnsafeBufferPointer { m.firstMatch($0) }
        #expect(hit == 0..<6)
        #expect(m.capture(r.captureNames["a"]!) == 0..<3)
        #expect(m.capture(r.captureNames["b"]!) == 4..<6)
    }

    @Test func unsupportedSyntaxFallsBackToFoundation() throws {
        #expect(throws: ByteRegexError.self) { try ByteRegex(#"(a)\1"#) }
        let p = try TextPattern(#"(a)\1"#)
        #expect(!p.usesByteMatcher)
        let m = p.makeMatcher()
        var out: [UInt8] = []
        Array("xaay".utf8).withUnsafeBufferPointer { _ = m.replaceAll($0, with: Array("-".utf8), into: &out) }
        #expect(String(decoding: out, as: UTF8.self) == "x-y")
        #expect(throws: (any Error).self) { try TextPattern("(unclosed") }
    }
}
