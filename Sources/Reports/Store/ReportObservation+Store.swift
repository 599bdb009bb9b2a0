import ResultsStore

extension ReportObservation {
    /// A store cell as a report observation (status, test metrics, error, ROC points).
    public init(_ cell: CellResult) {
        let status: Status
        switch cell.status {
        case .pending: status = .pending
        case .running: status = .running
        case .done: status = .done
        case .failed: status = .failed
        }
        self.init(row: cell.row, column: cell.column, seed: cell.seed, jobID: cell.jobID, status: status,
                  metrics: cell.metrics, error: cell.error,
                  rocPoints: (cell.rocPoints ?? []).map { ROCPoint(fpr: $0.fpr, tpr: $0.tpr) })
    }
}

extension ReportTable {
    /// The report of `layout.experiment` from a results database.
    public init(layout: ReportLayout, database: ResultsDatabase) throws {
        let cells = try database.cellResults(experiment: layout.experiment)
        self.init(layout: layout, observations: cells.map(ReportObservation.init))
    }
}
