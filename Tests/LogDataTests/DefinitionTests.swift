import Foundation
import Testing
@testable import LogData

struct DefinitionTests {
    func decodeError(_ json: String) -> DatasetDefinitionError? {
        do { _ = try DatasetDefinition.decode(Data(json.utf8), fileName: "bad.json"); return nil } catch {
            return error as? DatasetDefinitionError
        }
    }

    let valid = """
    {"schemaVersion": 1, "name": "toy", "system": "Toy",
     "input": {"kind": "raw", "files": [{"path": "a.log"}], "logFormat": "<Content>", "drain": {"preset": "loghub-hdfs"}},
     "sessions": {"kind": "fixedWindows", "size": 10}, "labels": {"kind": "none"}}
    """

    @Test func validDefinitionRoundTrips() throws {
        let d = try DatasetDefinition.decode(Data(valid.utf8), fileName: "toy.json")
        #expect(d.order == .firstLine)
        #expect(d.sessions == .fixedWindows(size: 10))
        let again = try DatasetDefinition.decode(try d.jsonData(), fileName: "again.json")
        #expect(again == d)
    }

    @Test func wrongTypeNamesFileJSONPathAndExpectation() throws {
        let e = try #require(decodeError(valid.replacingOccurrences(of: "\"size\": 10", with: "\"size\": \"ten\"")))
        #expect(e.file == "bad.json")
        #expect(e.jsonPath == "sessions.size")
        #expect(e.message.contains("Int"))
    }

    @Test func missingKeyUnknownKindAndBadValues() throws {
        let missing = try #require(decodeError(valid.replacingOccurrences(of: "\"system\": \"Toy\",", with: "")))
        #expect(missing.jsonPath == "system" && missing.message.contains("missing"))
        let kind = try #require(decodeError(valid.replacingOccurrences(of: "fixedWindows", with: "hourly")))
        #expect(kind.jsonPath == "sessions.kind" && kind.message.contains("hourly"))
        let zero = try #require(decodeError(valid.replacingOccurrences(of: "\"size\": 10", with: "\"size\": 0")))
        #expect(zero.jsonPath == "sessions.size" && zero.message.contains("positive"))
        let version = try #require(decodeError(valid.replacingOccurrences(of: "\"schemaVersion\": 1", with: "\"schemaVersion\": 7")))
        #expect(version.jsonPath == "schemaVersion")
        let regex = try #require(decodeError(valid.replacingOccurrences(
            of: "{\"kind\": \"fixedWindows\", \"size\": 10}", with: "{\"kind\": \"identifier\", \"pattern\": \"blk_(\"}")))
        #expect(regex.jsonPath == "sessions.pattern")
        let noSessions = try #require(decodeError(valid.replacingOccurrences(
            of: "\"sessions\": {\"kind\": \"fixedWindows\", \"size\": 10},", with: "")))
        #expect(noSessions.jsonPath == "sessions")
        let label = try #require(decodeError(valid.replacingOccurrences(of: "\"files\": [{\"path\": \"a.log\"}]",
                                                                         with: "\"files\": [{\"path\": \"a.log\", \"label\": \"bad\"}]")))
        #expect(label.jsonPath == "input.files[0].label")
    }

    @Test func fileNameMustMatchName() throws {
        let dir = try makeTempDirectory()
        let url = try writeFile(dir, "other.json", valid)
        #expect(throws: DatasetDefinitionError.self) { _ = try DatasetDefinition.load(from: url) }
    }

    @Test func projectCatalogLoadsEveryShippedDefinition() throws {
        let catalog = try DatasetCatalog.project(DataLocations.forTests())
        for name in ["hdfs", "bgl", "openstack", "thunderbird", "hdfs-2pct", "hdfs-20k", "hdfs-100k-sessions", "bgl-100k",
                     "bgl-logdeep", "openstack-sequences", "hdfs-2k", "bgl-2k", "openstack-2k", "thunderbird-2k"] {
            #expect(catalog.names.contains(name), "missing definition \(name)")
        }
        #expect(throws: DatasetDefinitionError.self) { _ = try catalog.definition(named: "nope") }
    }
}
