// swift-tools-version:6.0
import class Foundation.ProcessInfo
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
        .executable(name: "idp-ttl-aws", targets: ["idp-ttl-aws"]),
        .executable(name: "idp-ecr-prune", targets: ["idp-ecr-prune"]),
        .executable(name: "idp-pr-comment", targets: ["idp-pr-comment"]),
        .executable(name: "idp", targets: ["idp"]),
    ],
    dependencies: [],
    targets: [
        // Libraries, lowest layer first. None imports Foundation, and no package does: SigV4's
        // HMAC-SHA256 and S3's Content-MD5 are IDPCore's own (RFC-tested), so every tool is a static
        // binary without Foundation's ICU data, which starts in a millisecond (scripts/bench-local).
        // IDPCore: every rule, pure, no I/O.
        .target(name: "IDPCore"),
        // C libraries from the system: libyaml (config files), libcurl (HTTP), zlib (gzip of state backups).
        // libyaml is linked as its static archive, so no tool needs libyaml at run time.
        .systemLibrary(name: "CYAML", providers: [.apt(["libyaml-dev"])]),
        // IDPConfig: `.idp/config.yml` parsing (YAML via libyaml) and whole-input validation.
        .target(name: "IDPConfig", dependencies: ["IDPCore", "CYAML"],
                linkerSettings: [.unsafeFlags(["-Xlinker", "-l:libyaml.a"])]),
        // IDPRuntime: command lines, GitHub Actions I/O, exit codes, POSIX files.
        .target(name: "IDPRuntime", dependencies: ["IDPCore"]),
        // CCurl: libcurl's headers at build time (libcurl4-openssl-dev), the library dlopened at the
        // first request, so that no tool pays for loading it and its dependencies at start-up.
        .target(name: "CCurl"),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // IDPHTTP: the transport protocol and its libcurl implementation.
        .target(name: "IDPHTTP", dependencies: ["IDPCore", "CCurl"]),
        // IDPAWS: configuration, SigV4, standard retries, S3/ECR/DynamoDB clients.
        .target(name: "IDPAWS", dependencies: ["IDPCore", "IDPHTTP"]),
        // CLibcrypto: RS256 through the system's libcrypto, dlopened at the first signature.
        .target(name: "CLibcrypto"),
        // CSodium: libsodium's sealed box for GitHub's secrets API, dlopened at the first secret.
        .target(name: "CSodium"),
        // IDPGitHub: GitHub REST (paging, rate limits), the sticky pull-request comment, the App's tokens.
        .target(name: "IDPGitHub", dependencies: ["IDPCore", "IDPHTTP", "CLibcrypto", "CSodium"]),
        // IDPPlatform: what the tools do with AWS: environment records, lifecycle, image pruning.
        .target(name: "IDPPlatform", dependencies: ["IDPCore", "IDPAWS", "CZlib"]),
        // IDPToolSupport: what the AWS tools share above the libraries: the session built from the
        // command line and environment, and typed errors mapped to the exit-code table.
        .target(name: "IDPToolSupport", dependencies: ["IDPCore", "IDPRuntime", "IDPAWS", "IDPPlatform"]),
        // IDPTools: each tool's command line and the one call it makes, one file per tool (and per
        // subcommand of idp-ttl-aws), so that the executables and the multi-call `idp` share them.
        .target(name: "IDPTools", dependencies: ["IDPCore", "IDPRuntime", "IDPConfig", "IDPHTTP", "IDPAWS", "IDPGitHub", "IDPPlatform", "IDPToolSupport"]),

        // The step tools: a one-line main each (the tool lives in IDPTools), and the multi-call
        // binary the release ships in their place (scripts/build-release).
        .executableTarget(name: "idp-sanitize-branch", dependencies: ["IDPRuntime", "IDPTools"]),
        .executableTarget(name: "idp-validate", dependencies: ["IDPRuntime", "IDPTools"]),
        .executableTarget(name: "idp-tfvars", dependencies: ["IDPRuntime", "IDPTools"]),
        .executableTarget(name: "idp-ttl", dependencies: ["IDPRuntime", "IDPTools"]),
        .executableTarget(name: "idp-ttl-aws", dependencies: ["IDPRuntime", "IDPTools"]),
        .executableTarget(name: "idp-ecr-prune", dependencies: ["IDPRuntime", "IDPTools"]),
        .executableTarget(name: "idp-pr-comment", dependencies: ["IDPRuntime", "IDPTools"]),
        .executableTarget(name: "idp", dependencies: ["IDPRuntime", "IDPTools"]),

        // Tests mirror the sources; ToolTests runs the built binaries as processes.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // The shipped template declarations, parsed: what unit tests price, sleep and validate against.
        .target(name: "TemplateSupport", dependencies: ["IDPCore", "IDPConfig"], path: "Tests/TemplateSupport"),
        // An in-memory HTTP transport for what no local server does (paging limits, lost responses).
        .target(name: "NetworkTestSupport", dependencies: ["IDPCore", "IDPHTTP", "IDPAWS"], path: "Tests/NetworkTestSupport"),
        .testTarget(name: "IDPCoreTests", dependencies: ["IDPCore", "TestSupport", "TemplateSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "IDPConfigTests", dependencies: ["IDPConfig", "TestSupport", "TemplateSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "IDPRuntimeTests", dependencies: ["IDPCore", "IDPRuntime", "TestSupport"]),
        .testTarget(name: "IDPHTTPTests", dependencies: ["IDPCore", "IDPHTTP", "TestSupport"]),
        .testTarget(name: "IDPAWSTests", dependencies: ["IDPCore", "IDPHTTP", "IDPAWS", "IDPPlatform", "TestSupport", "NetworkTestSupport", "TemplateSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "IDPGitHubTests", dependencies: ["IDPCore", "IDPHTTP", "IDPGitHub", "NetworkTestSupport"]),
        .testTarget(name: "IDPPlatformTests", dependencies: ["IDPCore", "IDPHTTP", "IDPAWS", "IDPPlatform", "NetworkTestSupport", "TestSupport", "TemplateSupport"]),
        .testTarget(name: "IDPToolSupportTests", dependencies: ["IDPCore", "IDPRuntime", "IDPAWS", "IDPPlatform", "IDPToolSupport"]),
        .testTarget(name: "ToolTests", dependencies: ["IDPCore", "IDPAWS", "TestSupport"], exclude: ["Fixtures"]),
    ]
)

// libFuzzer targets (Tests/Fuzz), only for scripts/fuzz, which compiles them with -sanitize=fuzzer
// and links the objects with libFuzzer's own `main` (a SwiftPM executable brings its own).
if ProcessInfo.processInfo.environment["IDP_FUZZ"] == "1" {
    package.targets.append(.target(name: "IDPFuzz", dependencies: ["IDPCore", "IDPConfig"], path: "Tests/Fuzz/Sources"))
}

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + sharedSwiftSettings
}
