// swift-tools-version:6.0
// TrustMap: resolves Active Directory domain and trust topology.
// Layers (see ARCHITECTURE.md): C bindings -> model -> wire/analysis/export -> clients -> discovery -> CLI.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "TrustMap",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "trustmap", targets: ["trustmap"]),
        .library(name: "TrustMapModel", targets: ["TrustMapModel"]),
        .library(name: "TrustMapAnalysis", targets: ["TrustMapAnalysis"]),
        .library(name: "TrustMapDiscovery", targets: ["TrustMapDiscovery"]),
    ],
    targets: [
        // Layer 0: C bindings (system libraries with static inline shims).
        .systemLibrary(name: "CLDAP", path: "Sources/CLDAP"),
        .systemLibrary(name: "CKerberos", path: "Sources/CKerberos"),
        .systemLibrary(name: "CResolv", path: "Sources/CResolv"),

        // Layer 1: the pure model. No C import.
        .target(name: "TrustMapModel", swiftSettings: strict),

        // Layer 2: pure byte codecs and pure analysis. No C import.
        .target(name: "TrustMapWire", dependencies: ["TrustMapModel"], swiftSettings: strict),
        .target(name: "TrustMapAnalysis", dependencies: ["TrustMapModel"], swiftSettings: strict),
        .target(name: "TrustMapExport", dependencies: ["TrustMapModel", "TrustMapAnalysis"], swiftSettings: strict),

        // Layer 3: directory clients owning the C handles.
        .target(
            name: "TrustMapClients",
            dependencies: ["CLDAP", "CKerberos", "CResolv", "TrustMapModel", "TrustMapWire"],
            swiftSettings: strict
        ),

        // Layer 4: discovery over the clients.
        .target(
            name: "TrustMapDiscovery",
            dependencies: ["TrustMapClients", "TrustMapModel", "TrustMapWire", "TrustMapAnalysis"],
            swiftSettings: strict
        ),

        // Layer 5: the command line (argument parser, commands, output) and the thin executable.
        .target(
            name: "TrustMapCLI",
            dependencies: [
                "TrustMapModel", "TrustMapAnalysis", "TrustMapExport", "TrustMapClients", "TrustMapDiscovery",
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "trustmap", dependencies: ["TrustMapCLI"], swiftSettings: strict),

        .testTarget(name: "TrustMapModelTests", dependencies: ["TrustMapModel"]),
        .testTarget(name: "TrustMapWireTests", dependencies: ["TrustMapWire", "TrustMapModel"]),
        .testTarget(name: "TrustMapAnalysisTests", dependencies: ["TrustMapAnalysis", "TrustMapModel"]),
        .testTarget(
            name: "TrustMapExportTests", dependencies: ["TrustMapExport", "TrustMapModel"], exclude: ["Golden"]),
        .testTarget(name: "TrustMapCLITests", dependencies: ["TrustMapCLI", "TrustMapModel", "TrustMapClients"]),
        .testTarget(
            name: "TrustMapLabTests",
            dependencies: ["TrustMapClients", "TrustMapDiscovery", "TrustMapModel", "TrustMapWire", "TrustMapCLI"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
