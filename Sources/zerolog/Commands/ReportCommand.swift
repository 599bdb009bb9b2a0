import ArgumentParser
import Foundation
import Harness
import Reports
import ResultsStore

/// `zerolog report SPEC`: the spec's table (Markdown, LaTeX or CSV) and plots (SVG) from the store.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render an experiment's table (md, tex, csv) and plots (SVG) from the results store.",
        discussion: """
            Cells show mean ± std over the seeds that finished (percent) and n; the best mean per
            column is bold; the papers' published numbers stand in brackets beside the reproduced
            cells; — marks cells with no result yet and ! failed cells (reasons in footnotes).
            Writes <out>/<name>.<format> and the plots the spec asks for (<out>/<name>-*.svg), and
            prints the table.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, tex, csv, all
    }

    @Argument(help: "Experiment spec (Experiments/*.json).") var spec: String
    @Option(help: "md, tex, csv, or all.") var format: Format = .md
    @Option(help: "Directory for the rendered table and plots.") var out: String = "Results"
    @OptionGroup var store: StoreOptions
    @Flag(help: "Do not write files; print the table only.") var printOnly = false
    @Flag(help: "One line per (pair, method) with a column per metric, instead of a column group per pair (md, tex).")
    var long = false

    func run() throws {
        let file = try SpecFile.load(path: spec, catalogs: nil)
        let layout = file.spec.reportLayout()
        let table = try loadTable(layout)
        if table.unplacedObservations > 0 {
            warn("\(table.unplacedObservations) stored job(s) of `\(layout.experiment)` belong to rows or columns no longer in \(spec); not shown")
        }
        let formats: [Format] = format == .all ? [.md, .tex, .csv] : [format]
        let outDirectory = URL(fileURLWithPath: out)
        if !printOnly { try FileManager.default.createDirectory(at: outDirectory, withIntermediateDirectories: true) }
        for format in formats {
            let text: String
            switch format {
            case .md, .all: text = table.markdown(shape: long ? .long : .wide)
            case .tex: text = table.latex(shape: long ? .long : .wide)
            case .csv: text = table.csv()
            }
            if formats.count == 1 || format == .md { print(text) }
            if !printOnly {
                let url = outDirectory.appendingPathComponent("\(layout.experiment).\(format.rawValue)")
                try text.write(to: url, atomically: true, encoding: .utf8)
                warn("wrote \(url.path)")
            }
        }
        guard !printOnly else { return }
        for plot in table.plots() {
            let url = outDirectory.appendingPathComponent("\(plot.stem).svg")
            try plot.svg.write(to: url, atomically: true, encoding: .utf8)
            warn("wrote \(url.path)")
        }
    }

    /// The table from the store; an empty table (every cell —, published numbers shown) when the
    /// store or the experiment does not exist yet.
    private func loadTable(_ layout: ReportLayout) throws -> ReportTable {
        guard FileManager.default.fileExists(atPath: store.databasePath) else {
            warn("no results store at \(store.databasePath) yet: run `zerolog run \(spec)` first; rendering an empty table")
            return ReportTable(layout: layout, observations: [])
        }
        let database = try ResultsDatabase(path: store.databasePath)
        guard try database.experiment(named: layout.experiment) != nil else {
            warn("experiment `\(layout.experiment)` has no jobs in \(store.databasePath): run `zerolog run \(spec)` first; rendering an empty table")
            return ReportTable(layout: layout, observations: [])
        }
        return try ReportTable(layout: layout, database: database)
    }

    private func warn(_ message: String) {
        FileHandle.standardError.write(Data("report: \(message)\n".utf8))
    }
}
