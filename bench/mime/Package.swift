// swift-tools-version:6.2
// Parse-throughput benchmark for SwitchyardMIME. The module sources are symlinks into the main
// package; run it through bench/mime_parse.sh, which also times Python's email package.
import PackageDescription

let package = Package(
    name: "SwitchyardMIMEBench",
    dependencies: [.package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2")],
    targets: [
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(
            name: "SwitchyardMIME",
            dependencies: ["CICU", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        ),
        .executableTarget(name: "MIMEBench", dependencies: ["SwitchyardMIME"]),
    ]
)
