import Foundation
import Testing
@testable import LogData

struct LabelRuleTests {
    let drafts = [SessionDraft(id: "blk_1", events: [0], firstLine: 0, alertLines: 0),
                  SessionDraft(id: "blk_2", events: [0], firstLine: 1, alertLines: 2),
                  SessionDraft(id: "blk_3", events: [0], firstLine: 2, alertLines: 0)]

    @Test func loghubLabelFileMapsNormalAnomalyAndUnknown() throws {
        let dir = try makeTempDirectory()
        try writeFile(dir, "anomaly_label.csv", "BlockId,Label\nblk_1,Normal\nblk_2,Anomaly\n")
        let labels = try LabelRule.labels(
            for: drafts, rule: .sessionLabelFile(file: InputFile(path: "anomaly_label.csv"), idColumn: "BlockId",
                                                 labelColumn: "Label", anomalyValues: ["Anomaly"]),
            carried: nil, locations: testLocations(dir))
        #expect(labels == [.normal, .anomalous, .unknown])
    }

    @Test func anomalousIdListIgnoresProse() throws {
        let dir = try makeTempDirectory()
        try writeFile(dir, "anomaly_labels.txt", "The following instances are anomalous.\n\nblk_3\n")
        let labels = try LabelRule.labels(for: drafts, rule: .anomalousIdList(file: InputFile(path: "anomaly_labels.txt")),
                                          carried: nil, locations: testLocations(dir))
        #expect(labels == [.normal, .normal, .anomalous])
    }

    @Test func alertLinesPerFileAndNone() throws {
        let loc = testLocations(try makeTempDirectory())
        #expect(try LabelRule.labels(for: drafts, rule: .alertField(field: "Label", normalValue: "-"), carried: nil, locations: loc)
                == [.normal, .anomalous, .normal])
        #expect(try LabelRule.labels(for: drafts, rule: .none, carried: nil, locations: loc) == [.unknown, .unknown, .unknown])
        #expect(try LabelRule.labels(for: drafts, rule: .perFile, carried: [.anomalous, .normal, .normal], locations: loc)
                == [.anomalous, .normal, .normal])
        #expect(throws: SessionizeError.self) { _ = try LabelRule.labels(for: drafts, rule: .perFile, carried: nil, locations: loc) }
    }

    @Test func missingLabelColumnNamesTheFile() throws {
        let dir = try makeTempDirectory()
        try writeFile(dir, "labels.csv", "Id,Class\nblk_1,Normal\n")
        do {
            _ = try LabelRule.labels(for: drafts, rule: .sessionLabelFile(file: InputFile(path: "labels.csv"), idColumn: "BlockId",
                                                                          labelColumn: "Label", anomalyValues: ["Anomaly"]),
                                     carried: nil, locations: testLocations(dir))
            Issue.record("expected an error")
        } catch let e as InputFileError {
            #expect(e.file.hasSuffix("labels.csv") && e.message.contains("BlockId"))
        }
    }
}
