// swift-tools-version:6.2
// service-lifecycle 2.13 and swift-prometheus 2.4 need tools 6.2 (STYLE.md pitfall 9).
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Switchyard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchyard", targets: ["switchyard"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // System ICU behind an ICU-free header: Swift cannot import ICU's versioned symbols, and
        // Foundation's bundled ICU clashes with the system headers (STYLE.md pitfalls 1-2).
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),

        // Pure SMTP/LMTP grammar, framing and session state machine: no sockets.
        .target(
            name: "SwitchyardSMTP",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        // NIO listener: bootstrap, thin channel handler, STARTTLS, timeouts, graceful shutdown.
        .target(
            name: "SwitchyardServer",
            dependencies: [
                "SwitchyardSMTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Durable Maildir delivery (tmp -> fsync -> new -> fsync dir) and redelivery dedupe.
        .target(
            name: "SwitchyardMaildir",
            dependencies: [
                "SwitchyardSMTP",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // MIME parsing and text extraction (pure).
        .target(
            name: "SwitchyardMIME",
            dependencies: ["CICU", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Tokenisation, normalisation and feature extraction (pure).
        .target(
            name: "SwitchyardText",
            dependencies: ["CICU"],
            swiftSettings: swiftSettings
        ),
        // Intent classifier: training, prediction, exact explanations (pure).
        .target(
            name: "SwitchyardIntent",
            dependencies: ["SwitchyardText", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Language, sentiment, entities, PII masking (pure).
        .target(
            name: "SwitchyardSignals",
            dependencies: ["SwitchyardText", "CICU"],
            swiftSettings: swiftSettings
        ),
        // Offline builds and evaluations of the signal models (lexicons, langid profiles, tagger).
        .executableTarget(
            name: "signals-tool", dependencies: ["SwitchyardSignals", "SwitchyardText"], swiftSettings: swiftSettings),
        // Wiring: configuration, the delivery agent the listener calls, service group.
        .target(
            name: "SwitchyardGateway",
            dependencies: [
                "SwitchyardSMTP", "SwitchyardServer", "SwitchyardMaildir", "SwitchyardMIME", "SwitchyardSignals",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "switchyard",
            dependencies: [
                "SwitchyardGateway", "SwitchyardMIME", "SwitchyardText", "SwitchyardIntent", "SwitchyardSignals",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "SwitchyardSMTPTests",
            dependencies: [
                "SwitchyardSMTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SwitchyardServerTests",
            dependencies: [
                "SwitchyardServer", "SwitchyardSMTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SwitchyardMaildirTests",
            dependencies: ["SwitchyardMaildir", "SwitchyardSMTP", .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SwitchyardMIMETests",
            dependencies: ["SwitchyardMIME"],
            exclude: ["Fixtures", "Scripts"],  // read in place via #filePath
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SwitchyardTextTests", dependencies: ["SwitchyardText"], swiftSettings: swiftSettings),
        .testTarget(name: "SwitchyardIntentTests", dependencies: ["SwitchyardIntent"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SwitchyardSignalsTests", dependencies: ["SwitchyardSignals"], exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SwitchyardGatewayTests",
            dependencies: [
                "SwitchyardGateway", "SwitchyardSMTP", "SwitchyardServer", "SwitchyardMaildir", "SwitchyardMIME",
                "SwitchyardSignals",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Real clients (swaks, smtp-source, Postfix, Exim, doveadm) against the real binary.
        // Skipped unless SWITCHYARD_E2E=1; `make test` sets it after installing the tools.
        // Depends on the executable so that `swift test` builds the `switchyard` binary the
        // tests start (they find it beside the test bundle); no module of it is imported.
        .testTarget(name: "EndToEndTests", dependencies: ["switchyard"], swiftSettings: swiftSettings),
    ]
)
