import CBLAS

/// What BLAS the process is linked against, and its thread count.
///
/// The project runs OpenBLAS with one thread by default (`BLASInfo.setThreads(1)`): the harness
/// parallelizes over jobs, not inside GEMMs, and single-thread runs are reproducible bit for bit.
public enum BLASInfo {
    /// OpenBLAS's own build description, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64`.
    public static var configuration: String {
        guard let config = openblas_get_config() else { return "OpenBLAS (unknown config)" }
        let core = openblas_get_corename().map { String(cString: $0) } ?? "?"
        return "\(String(cString: config)) core=\(core) threads=\(openblas_get_num_threads())"
    }

    /// Sets the number of OpenBLAS threads for the whole process.
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }
}
