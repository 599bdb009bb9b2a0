import Foundation
@testable import LogData

/// A fresh temporary directory for one test.
func makeTempDirectory(_ label: String = "logdata") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to `dir/name` and returns the URL.
@discardableResult
func writeFile(_ dir: URL, _ name: String, _ text: String) throws -> URL {
    let url = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url
}

/// Locations for a test whose files live in `dir`, with a private cache.
func testLocations(_ dir: URL) -> DataLocations {
    DataLocations(projectRoot: dir, sharedDatasets: DataLocations.forTests().sharedDatasets,
                  dataDirectory: dir.appendingPathComponent("Data"), cacheDirectory: dir.appendingPathComponent("cache"))
}

/// Runs a sessionizer over lines given as (fields, eventId, alert).
func sessionize(_ spec: SessionSpec, fieldNames: [String], order: SessionOrder = .firstLine,
                _ lines: [([String], Int32, Bool)]) throws -> SessionizerOutput {
    var s = try spec.makeSessionizer(fieldNames: fieldNames, order: order)
    for (i, l) in lines.enumerated() {
        try s.add(SessionLine(index: i, eventId: l.1, fields: l.0.map { Substring($0) }, isAlert: l.2))
    }
    return try s.finish()
}

let sharedAvailable = DataLocations.forTests().hasSharedDatasets

func noteSkippedIfNoSharedData(_ test: String = #function) {
    if !sharedAvailable { print("SKIPPED \(test): ../shared/datasets is absent") }
}
