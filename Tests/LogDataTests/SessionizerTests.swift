import Foundation
import Testing
@testable import LogData

struct SessionizerTests {
    @Test func identifierSessionsFollowFirstAppearanceAndMultiBlockLines() throws {
        let lines: [([String], Int32, Bool)] = [
            (["Receiving block blk_-12 src"], 0, false),
            (["Receiving block blk_7 src"], 0, false),
            (["no block here"], 5, false),
            (["replicate blk_7 and blk_-12 and blk_7 again"], 1, false),
            (["Deleting blk_99"], 2, true),
        ]
        let out = try sessionize(.identifier(field: "Content", pattern: #"blk_-?\d+"#), fieldNames: ["Content"], lines)
        #expect(out.sessions.map(\.id) == ["blk_-12", "blk_7", "blk_99"])
        #expect(out.sessions[0].events == [0, 1])
        #expect(out.sessions[1].events == [0, 1])   // blk_7 named twice on one line: added once
        #expect(out.sessions[2].alertLines == 1)
        #expect(out.unassignedLines == 1)
    }

    @Test func alternationAndLookbehindPatternsStillMatchEverywhere() throws {
        let lines: [([String], Int32, Bool)] = [
            (["x job_1 then task_2"], 0, false),
            (["[instance: ab12] claim, req ab34"], 1, false),
        ]
        let alt = try sessionize(.identifier(field: "C", pattern: #"job_\d+|task_\d+"#), fieldNames: ["C"], lines)
        #expect(alt.sessions.map(\.id) == ["job_1", "task_2"])
        let behind = try sessionize(.identifier(field: "C", pattern: #"(?<=instance: )[a-z0-9]+"#), fieldNames: ["C"], lines)
        #expect(behind.sessions.map(\.id) == ["ab12"])
    }

    @Test func literalPrefixStopsBeforeQuantifiedCharacter() {
        #expect(IdentifierSessionizer.literalPrefix(of: #"blk_-?\d+"#) == "blk_")
        #expect(IdentifierSessionizer.literalPrefix(of: "ab?c") == "a")
        #expect(IdentifierSessionizer.literalPrefix(of: #"(?<=x)y"#) == "")
        #expect(IdentifierSessionizer.literalPrefix(of: "ab|cd") == "")
    }

    @Test func groupedWindowsChunkPerGroupKeepShortTailAndOrder() throws {
        // Group A: 5 lines, group B: 2 lines, size 2 → A/0 A/1 A/2(short) B/0.
        let groups = ["A", "B", "A", "A", "B", "A", "A"]
        let lines = groups.enumerated().map { ([$0.element, "x"], Int32($0.offset), $0.offset == 6) }
        let byLine = try sessionize(.groupedWindows(groupField: "Node", size: 2), fieldNames: ["Node", "Content"], lines)
        #expect(byLine.sessions.map(\.id) == ["A/0", "B/0", "A/1", "A/2"])
        #expect(byLine.sessions.map(\.events) == [[0, 2], [1, 4], [3, 5], [6]])
        #expect(byLine.sessions.map(\.alertLines) == [0, 0, 0, 1])
        let groupMajor = try sessionize(.groupedWindows(groupField: "Node", size: 2), fieldNames: ["Node", "Content"],
                                        order: .groupMajor, lines)
        #expect(groupMajor.sessions.map(\.id) == ["A/0", "A/1", "A/2", "B/0"])
    }

    @Test func fixedWindowsKeepShortLastWindow() throws {
        let lines = (0..<7).map { (["x"], Int32($0), $0 == 1) }
        let out = try sessionize(.fixedWindows(size: 3), fieldNames: ["C"], lines)
        #expect(out.sessions.map(\.events) == [[0, 1, 2], [3, 4, 5], [6]])
        #expect(out.sessions.map(\.alertLines) == [1, 0, 0])
        #expect(out.sessions.map(\.id) == ["0", "1", "2"])
    }

    @Test func slidingWindowsOverlapAndDoNotRepeatCoveredTail() throws {
        let lines = (0..<7).map { (["x"], Int32($0), false) }
        let out = try sessionize(.slidingWindows(size: 4, step: 2), fieldNames: ["C"], lines)
        #expect(out.sessions.map(\.events) == [[0, 1, 2, 3], [2, 3, 4, 5], [4, 5, 6]])
        let exact = try sessionize(.slidingWindows(size: 4, step: 2), fieldNames: ["C"], Array(lines.prefix(6)))
        #expect(exact.sessions.map(\.events) == [[0, 1, 2, 3], [2, 3, 4, 5]])
    }

    @Test func timeWindowsUseTimestampsAndSkipEmptyWindows() throws {
        let times = ["100", "101.5", "109.9", "110", "135"]
        let lines = times.enumerated().map { ([$0.element], Int32($0.offset), false) }
        let out = try sessionize(.timeWindows(timestampField: "T", timestampFormat: "epochSeconds", length: 10, step: 10),
                                 fieldNames: ["T"], lines)
        #expect(out.sessions.map(\.id) == ["t0", "t1", "t3"])
        #expect(out.sessions.map(\.events) == [[0, 1, 2], [3], [4]])
        let sliding = try sessionize(.timeWindows(timestampField: "T", timestampFormat: "epochSeconds", length: 10, step: 5),
                                     fieldNames: ["T"], lines)
        #expect(sliding.sessions.first(where: { $0.id == "t1" })?.events == [2, 3])
    }

    @Test func timeWindowsParseDateFormatsAndRejectBadTimestamps() throws {
        let fmt = "yyyy-MM-dd-HH.mm.ss"
        let lines: [([String], Int32, Bool)] = [(["2005-06-03-15.42.50"], 0, false), (["2005-06-03-15.43.10"], 1, false)]
        let out = try sessionize(.timeWindows(timestampField: "T", timestampFormat: fmt, length: 60, step: 60), fieldNames: ["T"], lines)
        #expect(out.sessions.map(\.events) == [[0, 1]])
        #expect(throws: SessionizeError.self) {
            _ = try sessionize(.timeWindows(timestampField: "T", timestampFormat: "epochSeconds", length: 1, step: 1),
                               fieldNames: ["T"], [(["yesterday"], 0, false)])
        }
    }

    @Test func unknownFieldIsAClearError() {
        #expect(throws: SessionizeError.self) {
            _ = try SessionSpec.groupedWindows(groupField: "Node", size: 3).makeSessionizer(fieldNames: ["Content"])
        }
    }
}
