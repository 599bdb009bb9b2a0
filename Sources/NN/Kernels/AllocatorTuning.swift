import CBLAS

/// Process-level allocator settings for training loops.
public enum AllocatorTuning {
    /// Keeps freed multi-megabyte blocks (GRU workspaces, activations) in the heap instead of
    /// returning them to the OS after every step: glibc `mallopt(M_MMAP_THRESHOLD, 32 MB)` and
    /// `mallopt(M_TRIM_THRESHOLD, 1 GB)`. Without it each step page-faults its buffers in again.
    /// A no-op on other C libraries. Call once at startup (it changes the process, not a value).
    public static func retainLargeAllocations() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        #endif
    }
}
