// swift-tools-version:6.0
import PackageDescription

// Layers (arrows only point down):
//   skua → Reporting → Detection → AQL → CloudTrail → CZlib / CDeflate
//   Simulation → CloudTrail
// See docs/architecture.md.
let package = Package(
    name: "skua",
    products: [
        .library(name: "CloudTrail", targets: ["CloudTrail"]),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CDeflate", path: "Sources/CDeflate"),

        .target(
            name: "CloudTrail",
            dependencies: ["CZlib", "CDeflate"],
            resources: [.embedInCode("Catalog/properties.json")]
        ),

        .target(name: "AQL", dependencies: ["CloudTrail"]),
        .target(name: "Simulation", dependencies: ["CloudTrail"], resources: [.embedInCode("Scenarios/scenarios.json")]),

        .testTarget(
            name: "SimulationTests",
            dependencies: ["Simulation", "CloudTrail", "SkuaTestSupport"]
        ),
        .testTarget(
            name: "AQLTests",
            dependencies: ["AQL", "CloudTrail", "SkuaTestSupport"],
            exclude: ["Differential", "DateFormat"]
        ),
        .testTarget(
            name: "CloudTrailTests",
            dependencies: ["CloudTrail", "SkuaTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .target(name: "SkuaTestSupport", dependencies: ["CloudTrail", "CZlib"], path: "Tests/SkuaTestSupport"),
    ],
    swiftLanguageModes: [.v6]
)
