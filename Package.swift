// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way only (left depends on right):
//   zerolog (CLI) → Harness → Methods → NN → CBLAS (OpenBLAS)
//                     │          └──→ LogData → ContentHash
//                     ├→ ResultsStore (SQLite via GRDB)
//                     └→ Reports
// NN numeric kernels: optimized even in debug builds; on x86-64 also AVX2 + FMA for the SIMD8 exp/GRU code.
#if arch(x86_64)
let nnFlags = ["-Ounchecked", "-Xcc", "-mavx2", "-Xcc", "-mfma"]
#else
let nnFlags = ["-Ounchecked"]
#endif

let package = Package(
    name: "zerolog",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "zerolog", targets: ["zerolog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // OpenBLAS through the system library (apt: libopenblas-dev).
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Canonical JSON and SHA-256 content hashes: ids for jobs and caches.
        .target(
            name: "ContentHash",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Tensors, reverse-mode tape, fused GRU/attention, optimizers, meta-gradients, checkpoints.
        .target(
            name: "NN",
            dependencies: ["CBLAS"],
            swiftSettings: [.unsafeFlags(nnFlags)]
        ),
        // Log formats, Drain, sessions, labels, word vectors, TF-IDF embeddings, datasets, synthetic systems.
        .target(name: "LogData", dependencies: ["ContentHash"]),
        // ZeroLog, MetaLog, baselines and the shared evaluator.
        .target(name: "Methods", dependencies: ["NN", "LogData"]),
        // The SQLite results store: migrations, records, queries. The only module that speaks SQL.
        .target(
            name: "ResultsStore",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift"), "ContentHash"]
        ),
        // Markdown/LaTeX/CSV tables and SVG plots from the store.
        .target(name: "Reports", dependencies: ["ResultsStore"]),
        // Experiment specs, expansion into jobs, the resumable runner.
        .target(name: "Harness", dependencies: ["Methods", "ResultsStore", "Reports", "ContentHash", "LogData"]),
        .executableTarget(
            name: "zerolog",
            dependencies: [
                "Harness", "Methods", "NN", "LogData", "ResultsStore", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ContentHashTests", dependencies: ["ContentHash"]),
        .testTarget(name: "LogDataTests", dependencies: ["LogData"]),
        .testTarget(name: "NNTests", dependencies: ["NN"]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "ResultsStore"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "ResultsStore"], exclude: ["Golden"]),
        .testTarget(name: "ResultsStoreTests", dependencies: ["ResultsStore"]),
        .testTarget(name: "MethodsTests", dependencies: ["Methods", "LogData", "NN"]),
    ]
)
