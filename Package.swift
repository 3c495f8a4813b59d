// swift-tools-version:6.0
import PackageDescription

/// Settings every target shares (Swift 6 language mode is the tools-version default).
let sharedSwiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "mini-idp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "idp-sanitize-branch", targets: ["idp-sanitize-branch"]),
        .executable(name: "idp-validate", targets: ["idp-validate"]),
        .executable(name: "idp-tfvars", targets: ["idp-tfvars"]),
        .executable(name: "idp-ttl", targets: ["idp-ttl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Libraries, lowest layer first. IDPCore holds every rule and does no I/O.
        .target(
            name: "IDPCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // GitHub Actions I/O, diagnostics rendering, exit codes, flag/environment resolution.
        .target(
            name: "IDPRuntime",
            dependencies: [
                "IDPCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The step tools: one short file each.
        .executableTarget(name: "idp-sanitize-branch", dependencies: ["IDPCore", "IDPRuntime"]),
        .executableTarget(name: "idp-validate", dependencies: ["IDPCore", "IDPRuntime"]),
        .executableTarget(name: "idp-tfvars", dependencies: ["IDPCore", "IDPRuntime"]),
        .executableTarget(name: "idp-ttl", dependencies: ["IDPCore", "IDPRuntime"]),

        // Tests mirror the sources; ToolTests runs the built binaries as processes.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "IDPCoreTests", dependencies: ["IDPCore"], exclude: ["Fixtures"]),
        .testTarget(name: "IDPRuntimeTests", dependencies: ["IDPRuntime", "TestSupport"]),
        .testTarget(name: "ToolTests", dependencies: ["IDPCore", "TestSupport"], exclude: ["Fixtures"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + sharedSwiftSettings
}
