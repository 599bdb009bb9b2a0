import Foundation
import Testing
@testable import LogData

@Suite("Log formats, line reading, malformed lines")
struct ParseFormatTests {
    func tempFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("zerolog-parse-\(UUID().uuidString).log")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func hdfsFormatSplitsFields() throws {
        let f = try LogFormat.loghub("HDFS")
        #expect(f.fieldNames == ["Date", "Time", "Pid", "Level", "Component", "Content"])
        #expect(f.index(of: "Content") == 5)
        let fields = try #require(f.parse("081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating"))
        #expect(fields[0] == "081109")
        #expect(fields[4] == "dfs.DataNode$PacketResponder")
        #expect(fields[5] == "PacketResponder 1 for block blk_38865049064139660 terminating")
    }

    @Test func thunderbirdOptionalPid() throws {
        let f = try LogFormat.loghub("Thunderbird")
        let with = try #require(f.parse("- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: session closed for user root"))
        #expect(with[f.index(of: "Component")!] == "crond(pam_unix)")
        #expect(with[f.index(of: "PID")!] == "2915")
        #expect(with[f.index(of: "Content")!] == "session closed for user root")
        let without = try #require(f.parse("- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 kernel: eth0: link up"))
        #expect(without[f.index(of: "PID")!] == "")
        #expect(without[f.index(of: "Component")!] == "kernel")
        #expect(without[f.index(of: "Content")!] == "eth0: link up")
    }

    @Test func multipleSpacesAndSurroundingWhitespace() throws {
        let f = try LogFormat("<A> <B> <Content>")
        let r = try #require(f.parse("  x   y  the rest  here \t"))
        #expect(r == ["x", "y", "the rest  here"])
        #expect(f.parse("onlyone") == nil)
    }

    @Test func badFormatsAreRejected() {
        #expect(throws: LogDataError.self) { try LogFormat("no fields at all") }
        #expect(throws: LogDataError.self) { try LogFormat("<A> <A>") }
        #expect(throws: LogDataError.self) { try LogFormat("<A> ((<B>") }
    }

    @Test func lineReaderHandlesCRLFLongLinesAndNoFinalNewline() throws {
        let long = String(repeating: "z", count: 100)
        let url = try tempFile("a\r\nb\n\n\(long)\nlast")
        defer { try? FileManager.default.removeItem(at: url) }
        var seen: [(Int, String)] = []
        try LogLineReader(url: url, chunkSize: 16).forEachString { seen.append(($0, $1)) }
        #expect(seen.map(\.0) == [1, 2, 3, 4, 5])
        #expect(seen.map(\.1) == ["a", "b", "", long, "last"])
        #expect(throws: LogDataError.self) { try LogLineReader(url: URL(fileURLWithPath: "/nonexistent/x.log")).forEachLine { _, _ in } }
    }

    @Test func malformedLinesAreCountedWithLineNumbers() throws {
        var text = ""
        for k in 1...30 {
            if k % 3 == 0 { text += "garbage line \(k)\n" }
            else { text += "081109 2036\(k) 1\(k) INFO dfs.DataNode: Receiving block blk_\(k) of size \(k)\n" }
        }
        text += "\n"
        let url = try tempFile(text)
        defer { try? FileManager.default.removeItem(at: url) }
        var parser = RawLogParser(format: try .loghub("HDFS"), drain: try Drain(config: .preset("loghub-hdfs")))
        var events: [Int] = []
        let s = try parser.parse(file: url) { events.append($0.eventId) }
        #expect(s.lines == 31)
        #expect(s.blankLines == 1)
        #expect(s.parsedLines == 20)
        #expect(s.malformed.count == 10)
        #expect(s.malformed.samples.map(\.lineNumber) == [3, 6, 9, 12, 15, 18, 21, 24, 27, 30])
        #expect(s.malformed.samples[0].text == "garbage line 3")
        #expect(Set(events).count == 1)
    }

    @Test func missingContentFieldIsAnError() throws {
        let url = try tempFile("a b\n")
        defer { try? FileManager.default.removeItem(at: url) }
        var parser = RawLogParser(format: try LogFormat("<A> <B>"), drain: try Drain(config: DrainConfig()))
        #expect(throws: LogDataError.self) { _ = try parser.parse(file: url) { _ in } }
    }

    @Test func csvQuotedFields() throws {
        let url = try tempFile("LineId,Content,EventId\n1,\"a, \"\"b\"\"\",E1\r\n2,plain,E2\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let t = try CSVTable(contentsOf: url)
        #expect(try t.column("Content") == ["a, \"b\"", "plain"])
        #expect(throws: LogDataError.self) { try t.column("Nope") }
    }
}
