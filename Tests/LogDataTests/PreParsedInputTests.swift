import Foundation
import Testing
@testable import LogData

struct PreParsedInputTests {
    @Test func idAndEventSequencesWithPerFileLabelsAndLineTemplates() throws {
        let dir = try makeTempDirectory()
        try writeFile(dir, "templates.txt", "start <*>\nstop\nfailed with exception\n")
        try writeFile(dir, "normal", "a,1 2\nb,1 2 2\n")
        try writeFile(dir, "abnormal", "c,1 3\n")
        let input = SequencesInput(
            files: [InputFile(path: "normal", label: .normal), InputFile(path: "abnormal", label: .anomalous)],
            lineFormat: .idAndEvents,
            templates: TemplateTableSpec(file: InputFile(path: "templates.txt"), format: .lines, idBase: 1))
        let r = try SequenceReader.read(input, locations: testLocations(dir))
        #expect(r.table.templates == ["start <*>", "stop", "failed with exception"])
        #expect(r.sessions.map(\.id) == ["a", "b", "c"])
        #expect(r.sessions.map(\.events) == [[0, 1], [0, 1, 1], [0, 2]])
        #expect(r.carriedLabels == [.normal, .normal, .anomalous])
    }

    @Test func csvSessionsWithLabelColumnAndQuotedTemplates() throws {
        let dir = try makeTempDirectory()
        try writeFile(dir, "templates.csv", "TemplateId,Template\nT1,\"Receiving block <*>, src <*>\"\nT2,Deleting block\n")
        try writeFile(dir, "sessions.csv", "BlockId,Label,Split,Seq\nblk_1,Normal,train,T1 T2\nblk_2,Anomaly,test,T2\n")
        let input = SequencesInput(
            files: [InputFile(path: "sessions.csv")], lineFormat: .csv,
            templates: TemplateTableSpec(file: InputFile(path: "templates.csv"), format: .csv, idColumn: "TemplateId", templateColumn: "Template"),
            idColumn: "BlockId", eventsColumn: "Seq", labelColumn: "Label", anomalyValues: ["Anomaly"])
        let r = try SequenceReader.read(input, locations: testLocations(dir))
        #expect(r.table.templates == ["Receiving block <*>, src <*>", "Deleting block"])
        #expect(r.sessions.map(\.events) == [[0, 1], [1]])
        #expect(r.carriedLabels == [.normal, .anomalous])
    }

    @Test func unknownEventTokenNamesFileAndLine() throws {
        let dir = try makeTempDirectory()
        try writeFile(dir, "templates.txt", "one\n")
        try writeFile(dir, "seqs", "1 1\n1 9\n")
        let input = SequencesInput(files: [InputFile(path: "seqs")], lineFormat: .events,
                                   templates: TemplateTableSpec(file: InputFile(path: "templates.txt"), format: .lines))
        do {
            _ = try SequenceReader.read(input, locations: testLocations(dir))
            Issue.record("expected an error")
        } catch let e as InputFileError {
            #expect(e.line == 2 && e.file.hasSuffix("seqs") && e.message.contains("\"9\""))
        }
    }

    @Test func eventLinesAreWindowedWithAlertLabelsThroughThePreparer() throws {
        let dir = try makeTempDirectory()
        try writeFile(dir, "vectors.txt", "start 1 0\nstop 0 1\nfailed 1 1\n")
        try writeFile(dir, "templates.csv", "EventId,EventTemplate\nE1,start <*>\nE2,stop\nE3,failed\n")
        var csv = "label,time,event_id\n"
        for i in 0..<10 { csv += (i == 4 ? "KERNDTLB" : "-") + ",t\(i),E\(i % 3 + 1)\n" }
        try writeFile(dir, "lines.csv", csv)
        let def = DatasetDefinition(
            name: "toy", system: "Toy",
            input: .eventLines(EventLinesInput(files: [InputFile(path: "lines.csv")], eventColumn: "event_id",
                                               templates: TemplateTableSpec(file: InputFile(path: "templates.csv"), format: .csv))),
            sessions: .fixedWindows(size: 4), labels: .alertField(field: "label", normalValue: "-"), vectors: "vectors.txt")
        let preparer = DatasetPreparer(locations: testLocations(dir))
        let ds = try preparer.prepare(def, embedding: preparer.embedding(for: def)).dataset
        #expect(ds.sessions.map(\.events) == [[0, 1, 2, 0], [1, 2, 0, 1], [2, 0]])
        #expect(ds.sessions.map(\.label) == [.normal, .anomalous, .normal])
        #expect(ds.eventCount == 3 && ds.embeddingDimension == 2)
        #expect(ds.report?.lines == 10)
    }
}
