// swift-tools-version:6.0
import PackageDescription

// Layers (arrows only point down):
//   skua → Reporting → Detection → AQL → CloudTrail → CZlib / CDeflate / CMapGuard / CScanKernels
//   Reporting → Validation → Detection, Simulation
//   Simulation → CloudTrail
// See docs/architecture.md.
let package = Package(
    name: "skua",
    products: [
        .executable(name: "skua", targets: ["skua"]),
        .library(name: "CloudTrail", targets: ["CloudTrail"]),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CDeflate", path: "Sources/CDeflate"),
        // Plain files mapped with a SIGBUS guard (C: a signal handler must not enter Swift).
        .target(name: "CMapGuard"),
        // The scanner's sixteen-byte string step (C: Swift cannot reach SSE2's byte masks).
        .target(name: "CScanKernels"),

        .target(
            name: "CloudTrail",
            dependencies: ["CZlib", "CDeflate", "CMapGuard", "CScanKernels"],
            resources: [.embedInCode("Catalog/properties.json")]
        ),

        .target(name: "AQL", dependencies: ["CloudTrail"]),
        .target(
            name: "BuiltInRules",
            path: "rules",
            resources: [
                .embedInCode("qradar/t1496.004-cloud-service-hijacking.aql"),
                .embedInCode("qradar/t1496.004-cloud-service-hijacking-tuned.aql"),
            ]
        ),
        .target(name: "Detection", dependencies: ["AQL", "CloudTrail", "BuiltInRules"]),
        .target(name: "Validation", dependencies: ["Detection", "Simulation", "AQL", "CloudTrail"]),
        .target(name: "Reporting", dependencies: ["Detection", "Validation", "Simulation", "AQL", "CloudTrail"]),
        .executableTarget(name: "skua", dependencies: ["Reporting", "Detection", "Validation", "AQL", "CloudTrail", "Simulation"]),
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
        .testTarget(name: "SkuaCLITests", dependencies: ["skua", "CloudTrail", "SkuaTestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Detection", "AQL", "CloudTrail"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "Reporting", "Detection", "Simulation", "AQL", "CloudTrail", "SkuaTestSupport"]),
        .testTarget(name: "DetectionTests", dependencies: ["Detection", "AQL", "CloudTrail", "BuiltInRules", "SkuaTestSupport"]),
        .testTarget(
            name: "CloudTrailTests",
            dependencies: ["CloudTrail", "CScanKernels", "SkuaTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .target(name: "SkuaTestSupport", dependencies: ["CloudTrail", "CZlib"], path: "Tests/SkuaTestSupport"),
    ],
    swiftLanguageModes: [.v6]
)

// Release builds let generic code cross module boundaries: the ingest pipeline is generic over
// its sink (CloudTrail) and instantiated with the rule pack's executor (Detection), and without
// cross-module optimization that instantiation runs unspecialized, looking up generic metadata
// for every record (measured with callgrind: about a tenth of all instructions).
//
// They also leave out the run-time exclusivity checks (`-enforce-exclusivity=unchecked`): the
// compiler still proves exclusive access statically, but every access to a class's stored
// property (the walk context, the property cache) paid for a dynamic check through thread-local
// storage: about a twentieth of the run in `perf` (swift_beginAccess, AccessSet::insert,
// __tls_get_addr). Debug builds, which the tests run, keep the checks.
for target in package.targets where (target.type == .regular && target.name != "CMapGuard" && target.name != "CScanKernels") || target.type == .executable {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .unsafeFlags(["-cross-module-optimization", "-enforce-exclusivity=unchecked"], .when(configuration: .release)),
    ]
}
