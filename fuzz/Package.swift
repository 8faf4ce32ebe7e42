// swift-tools-version:6.2
// libFuzzer harness for the MIME parser. The module sources are symlinks into the main package,
// so the fuzzer always runs the code that ships. Build and run with `make fuzz` from the root.
import PackageDescription

let package = Package(
    name: "SwitchyardFuzz",
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
        .executableTarget(
            name: "MIMEFuzz",
            dependencies: ["SwitchyardMIME"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
