// swift-tools-version: 6.1
// SignalStats: drug-safety signal detection for a MID-NET-style hospital network.

import PackageDescription

let package = Package(
    name: "SignalStats",
    platforms: [.macOS(.v14)],
    products: [
        // MARK: - Public API
        .library(name: "SignalStats", targets: ["SignalStats"]),
        .library(name: "SignalStatsCore", targets: ["SignalStatsCore"]),
        .library(name: "SignalStatsDesigns", targets: ["SignalStatsDesigns"]),
        .library(name: "CohortModel", targets: ["CohortModel"]),
        .library(name: "SampleData", targets: ["SampleData"]),
        .library(name: "StudyKit", targets: ["StudyKit"]),
        .executable(name: "pvstudy", targets: ["pvstudy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // `make docs` (swift package generate-documentation); a command plugin, not linked into any target.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // MARK: - Public API
        // The umbrella: only re-exports the two layers (as swift-numerics' `Numerics`).
        .target(name: "SignalStats", dependencies: ["SignalStatsCore", "SignalStatsDesigns"]),
        // Layer 1: numerics, distributions, regression, survival and the array-level SCCS/PS/SSA models.
        // It does not import CohortModel.
        .target(
            name: "SignalStatsCore",
            dependencies: [
                "_SignalStatsBLAS", "_SignalStatsUtilities",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        // Layer 2: the SCCS, PS cohort and SSA designs on CohortModel's network.
        .target(name: "SignalStatsDesigns", dependencies: ["SignalStatsCore", "CohortModel", "_SignalStatsUtilities"]),
        .target(
            name: "CohortModel",
            dependencies: ["_SignalStatsUtilities", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "SampleData", dependencies: ["CohortModel", "_SignalStatsUtilities"]),
        .target(
            name: "StudyKit",
            dependencies: [
                "SignalStats", "CohortModel", "SampleData",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: - Tools
        .target(
            name: "ValidationKit",
            dependencies: ["SignalStats", "CohortModel"]
        ),
        .executableTarget(
            name: "pvstudy",
            dependencies: [
                "SignalStats", "CohortModel", "SampleData", "ValidationKit", "StudyKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "pvbench",
            dependencies: ["SignalStats", "SignalStatsCore", "SignalStatsDesigns", "SampleData", "_SignalStatsBLAS"],
            path: "Benchmarks/pvbench"
        ),

        .executableTarget(
            name: "pvrecovery",
            dependencies: ["SignalStats", "SampleData", "CohortModel"],
            path: "Benchmarks/recovery"
        ),

        // MARK: - Examples (study scripts against the public API: `swift run example-sccs`, see Examples/README.md)
        .executableTarget(
            name: "example-sccs", dependencies: ["SignalStats", "CohortModel", "SampleData"], path: "Examples/SCCSStudy"),
        .executableTarget(
            name: "example-ps-cohort", dependencies: ["SignalStats", "CohortModel", "SampleData"],
            path: "Examples/PSCohortStudy"),
        .executableTarget(
            name: "example-ssa-screen", dependencies: ["SignalStats", "CohortModel", "SampleData"],
            path: "Examples/SSAScreen"),
        .executableTarget(
            name: "example-csv-folder", dependencies: ["SignalStats", "CohortModel", "SampleData"],
            path: "Examples/CSVFolderStudy"),

        // MARK: - Implementation details
        // Calendar arithmetic, SplitMix64 and strict JSON shared by the modules (no stable API).
        .target(name: "_SignalStatsUtilities", exclude: ["README.md"]),
        // Shared test helpers (tolerance checks, seeded generators); used by test targets only.
        .target(name: "_TestSupport", dependencies: ["_SignalStatsUtilities"], path: "Tests/_TestSupport"),
        .systemLibrary(
            name: "_SignalStatsBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),

        // MARK: - Unit test bundles
        .testTarget(
            name: "SignalStatsTests",
            dependencies: ["SignalStats", "SignalStatsCore", "SignalStatsDesigns", "SampleData", "CohortModel", "_TestSupport"]),
        .testTarget(name: "StudyKitTests", dependencies: ["StudyKit", "SignalStats", "SampleData", "CohortModel"]),
        .testTarget(name: "CohortModelTests", dependencies: ["CohortModel"]),
        .testTarget(name: "SampleDataTests", dependencies: ["SampleData", "CohortModel"]),
        .testTarget(
            name: "ValidationKitTests",
            dependencies: ["ValidationKit", "SignalStats"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
