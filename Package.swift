// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "gonghui",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gonghui", targets: ["gonghui"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        // Pinned exactly: the store binds to these packages' internals (C symbols, a field read by
        // reflection; GonghuiStore/Database/BoundInternals.swift), checked by DependencyPinTests.
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", exact: "1.13.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        // The generated API types (Sources/GonghuiAPI, from openapi.yaml) need only the runtime;
        // the generator itself is built by scripts/gen-openapi-types.sh, never by the package.
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
    ],
    targets: [
        .target(name: "GonghuiDomain"),
        .target(name: "GonghuiAPI", dependencies: [
            .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
        ]),
        .target(name: "GonghuiFiles", dependencies: [
            "GonghuiDomain",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "GonghuiDemo", dependencies: ["GonghuiDomain"]),
        .target(name: "GonghuiConfiguration", dependencies: [
            "GonghuiDomain", .product(name: "Configuration", package: "swift-configuration"),
        ]),
        .target(name: "GonghuiSQLite"),
        .target(name: "GonghuiBoringSSL"),
        .target(name: "GonghuiSpawn"),
        .target(name: "GonghuiProcess", dependencies: ["GonghuiSpawn"]),
        .target(name: "GonghuiStore", dependencies: [
            "GonghuiDomain", "GonghuiSQLite", "GonghuiBoringSSL", "GonghuiProcess",
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "SQLiteKit", package: "sqlite-kit"),
            .product(name: "SQLiteNIO", package: "sqlite-nio"),
            .product(name: "PostgresKit", package: "postgres-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Metrics", package: "swift-metrics"),
        ]),
        .target(name: "GonghuiServer", dependencies: [
            "GonghuiDomain", "GonghuiAPI", "GonghuiConfiguration", "GonghuiStore", "GonghuiFiles", "GonghuiDemo",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "gonghui", dependencies: [
            "GonghuiDomain", "GonghuiConfiguration", "GonghuiStore", "GonghuiServer", "GonghuiFiles", "GonghuiDemo",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "GonghuiDomainTests", dependencies: ["GonghuiDomain"]),
        .testTarget(name: "GonghuiFilesTests", dependencies: [
            "GonghuiFiles", "GonghuiProcess", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], exclude: ["Fixtures"]),
        .testTarget(name: "GonghuiDemoTests", dependencies: ["GonghuiDemo", "GonghuiDomain"]),
        .testTarget(name: "GonghuiConfigurationTests", dependencies: ["GonghuiConfiguration"]),
        .testTarget(name: "GonghuiStoreTests", dependencies: ["GonghuiStore", "GonghuiDemo"]),
        .testTarget(name: "GonghuiServerTests", dependencies: [
            "GonghuiServer", "GonghuiAPI", "GonghuiFiles", "GonghuiProcess",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ]
)
