import ArgumentParser
import Foundation
import Harness
import LogData
import ResultsStore

/// `zerolog plan SPEC`: validate a spec, expand it into jobs and show which are done.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Validate an experiment spec and list the jobs it expands to, with their status in the store.",
        discussion: """
            Each line: job id prefix, report row, column (source→target), seed, status in the store
            (new = not registered yet) and the settings that differ from the method's defaults.
            Every dataset must be on disk (its fingerprint is part of each job id): a missing one
            is reported with a hint to run `make datasets`.
            """)

    @Argument(help: "Experiment spec (Experiments/*.json).") var spec: String
    @OptionGroup var store: StoreOptions
    @Flag(help: "Print only the full job ids, one per line.") var idsOnly = false
    @Flag(help: "Print the expanded experiment as JSON (what `zerolog run` accepts).") var json = false
    @Flag(help: "Print only the summary lines.") var summary = false

    func validate() throws {
        if [idsOnly, json, summary].filter({ $0 }).count > 1 {
            throw ValidationError("--ids-only, --json and --summary exclude each other")
        }
    }

    func run() throws {
        let locations = DataLocations.fromEnvironment()
        let catalogs = try SpecCatalogs.project(locations)
        let file = try SpecFile.load(path: spec, catalogs: catalogs)
        let expanded = try file.expand(catalogs: catalogs)
        if idsOnly {
            print(expanded.jobs.map(\.id).joined(separator: "\n"))
            return
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(expanded), as: UTF8.self))
            return
        }
        var statuses: [String: JobStatus] = [:]
        if FileManager.default.fileExists(atPath: store.databasePath) {
            statuses = try ResultsDatabase(path: store.databasePath).jobStatuses(ids: expanded.jobs.map(\.id))
        }
        let text = PlanListing.render(expanded, spec: file.spec, catalogs: catalogs, statuses: statuses)
        print(summary ? text.split(separator: "\n").prefix(2).joined(separator: "\n") : text, terminator: summary ? "\n" : "")
    }
}
