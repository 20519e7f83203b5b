// swift-tools-version:6.2
import PackageDescription

// Dependencies point one way:
// mutualis → Composition → features → platform modules (Web, TenantStore, Migrator, Tenancy)
// → wrappers (Postgres, Redis, Cryptography) → C shims (CLibPQ, CHiredis, COpenSSL).

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The services, one folder each under `Sources/Features/`, all with the same dependencies and
/// none on another (they meet through events, jobs, or a protocol `Composition` wires). Adding
/// one: its folder, its name here, and one line in `Composition/Server/PlatformModules.swift`.
let features = ["Accounts", "Archiving", "Billing", "Documents", "Inbox", "Integrations", "News", "OpenData", "Parapheur", "Requests", "Safe"]

let featureDependencies: [Target.Dependency] = [
    "Modules", "Web", "Identity", "Jobs", "Mail", "Tenancy", "TenantStore", "Postgres", "Blobs", "Events", "Notifications", "Webhooks",
    "Trust", "Cryptography", "XML", "TableSchema",
    .product(name: "ZIPFoundation", package: "ZIPFoundation"),
    .product(name: "_NIOFileSystem", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "Hummingbird", package: "hummingbird"),
    .product(name: "HTTPTypes", package: "swift-http-types"),
    .product(name: "Logging", package: "swift-log"),
    .product(name: "NIOCore", package: "swift-nio"),
]

let package = Package(
    name: "mutualis",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mutualis", targets: ["mutualis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // MARK: C shims: a module map and a header, nothing else.
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CHiredis", path: "Sources/CHiredis",
                       providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"])]),

        // MARK: Wrappers: the only modules that import a C shim.
        .target(name: "Pooling", dependencies: [
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
        .target(name: "Postgres", dependencies: [
            "CLibPQ", "Pooling",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: swiftSettings),
        .target(name: "Redis", dependencies: [
            "CHiredis", "Pooling",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: swiftSettings),
        .target(name: "Cryptography", dependencies: ["COpenSSL"], swiftSettings: swiftSettings),
        // Named CLibZ: ZIPFoundation ships its own module "CZlib".
        .systemLibrary(name: "CLibZ", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Zlib", dependencies: ["CLibZ"], swiftSettings: swiftSettings),
        // libxml2: well-formedness without DTDs or network, XSD validation (the SEDA schemas).
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "XML", dependencies: ["CLibXML2"], swiftSettings: swiftSettings),
        // Frictionless Table Schemas (OpenDataFrance's SCDL): streaming CSV validation and the
        // CSV writer of published datasets. Pure Swift (Foundation only).
        .target(name: "TableSchema", swiftSettings: swiftSettings),

        // MARK: Platform modules.
        .target(name: "Tenancy", dependencies: [
            "Cryptography",
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: swiftSettings),
        .target(name: "TenantStore", dependencies: [
            "Tenancy", "Postgres",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: swiftSettings),
        .target(name: "Migrator", dependencies: [
            "Tenancy", "TenantStore", "Postgres", "Cryptography",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        .target(name: "Web", dependencies: [
            "Tenancy", "TenantStore", "Postgres", "Redis", "Cryptography", "Identity", "Blobs",
            .product(name: "MultipartKit", package: "multipart-kit"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "_NIOFileSystem", package: "swift-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ], swiftSettings: swiftSettings),
        .target(name: "Jobs", dependencies: [
            "Tenancy", "TenantStore", "Postgres", "Redis",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: swiftSettings),
        .target(name: "Mail", dependencies: [
            "Jobs", "Postgres", "Tenancy", .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
        .target(name: "Identity", dependencies: [
            "Tenancy", "TenantStore", "Postgres", "Redis", "Cryptography", "Jobs", "Mail",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ], resources: [.copy("Resources/common-passwords.txt")], swiftSettings: swiftSettings),

        .target(name: "Blobs", dependencies: [
            "Cryptography", "Tenancy", "TenantStore", "Postgres",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),

        .target(name: "Events", dependencies: [
            "Jobs", "Postgres", "Tenancy", "TenantStore",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        .target(name: "Notifications", dependencies: [
            "Events", "Jobs", "Mail", "Postgres", "Tenancy", "TenantStore",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),

        .target(name: "Webhooks", dependencies: [
            "Events", "Notifications", "Jobs", "Cryptography", "Postgres", "Tenancy", "TenantStore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),

        // MARK: Payments: the PaymentProvider the billing feature uses, PayFiP's SOAP adapter, and
        // the PayFiP simulator (development, tests, chaos and bench scripts).
        .target(name: "Payments", dependencies: [
            "XML",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
        .target(name: "PayFiPSimulator", dependencies: [
            "Payments", "XML",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        ], swiftSettings: swiftSettings),

        // MARK: Trust services: PKI, key envelopes, timestamps, CAdES and PAdES signatures.
        .target(name: "Trust", dependencies: [
            "Cryptography", "Zlib",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], swiftSettings: swiftSettings),

        // MARK: The modules' shape (what a feature declares, what Composition iterates).
        .target(name: "Modules", dependencies: [
            "Web", "Identity", "Jobs", "Tenancy", "TenantStore", "Blobs", "Events", "Trust", "Payments",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),

        // MARK: Feature modules (`features` above): no C imports, no imports of one another.


        // MARK: Composition and the executable.
        .target(name: "Composition", dependencies: features.map { .target(name: $0) } + [
            "Modules", "Blobs", "Events", "Notifications", "Webhooks", "Web", "Identity", "Mail", "Jobs", "Migrator", "TenantStore", "Tenancy", "Postgres", "Redis", "Cryptography", "Trust",
            "Payments", "PayFiPSimulator",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
        .executableTarget(name: "mutualis", dependencies: [
            "Composition", "Tenancy", "Trust",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: swiftSettings),


        // MARK: Test support and tests.
        .target(name: "TestSupport", dependencies: [
            "Postgres", "Redis", "Tenancy", "Cryptography",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: swiftSettings),
        .testTarget(name: "PoolingTests", dependencies: ["Pooling"], swiftSettings: swiftSettings),
        .testTarget(name: "XMLTests", dependencies: ["XML"], swiftSettings: swiftSettings),
        .testTarget(name: "PaymentsTests", dependencies: ["Payments", "XML"], swiftSettings: swiftSettings),
        .testTarget(name: "PayFiPSimulatorTests", dependencies: [
            "Payments", "PayFiPSimulator", "TestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
        .testTarget(name: "TableSchemaTests", dependencies: ["TableSchema"], exclude: ["Samples"], swiftSettings: swiftSettings),
        .testTarget(name: "ArchivingTests", dependencies: ["Archiving"], swiftSettings: swiftSettings),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "RedisTests", dependencies: ["Redis", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "TenancyTests", dependencies: ["Tenancy", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "MigratorTests", dependencies: ["Migrator", "TenantStore", "Tenancy", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "AppTests", dependencies: [
            "Composition", "Web", "News", "Accounts", "Parapheur", "Archiving", "OpenData", "XML", "Trust", "Modules", "Blobs", "Events", "Notifications", "Webhooks", "Cryptography", "Identity", "Jobs", "Mail",
            "Tenancy", "TenantStore", "Postgres", "TestSupport",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], swiftSettings: swiftSettings),
        .testTarget(name: "JobsTests", dependencies: [
            "Jobs", "Mail", "Migrator", "Tenancy", "TenantStore", "Postgres", "Redis", "TestSupport",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
        .testTarget(name: "IdentityTests", dependencies: [
            "Identity", "Migrator", "Tenancy", "TenantStore", "Postgres", "Redis", "Cryptography", "TestSupport",
        ], swiftSettings: swiftSettings),
        .testTarget(name: "WebTests", dependencies: [
            "Web", "TestSupport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ], swiftSettings: swiftSettings),
        .testTarget(name: "ParapheurTests", dependencies: ["Parapheur"], swiftSettings: swiftSettings),
        .testTarget(name: "RequestsTests", dependencies: ["Requests"], swiftSettings: swiftSettings),
        .testTarget(name: "BillingTests", dependencies: ["Billing"], swiftSettings: swiftSettings),
        .testTarget(name: "TrustTests", dependencies: ["Trust", "Cryptography", "Zlib", "TestSupport"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(name: "CryptographyTests", dependencies: ["Cryptography", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "BlobsTests", dependencies: [
            "Blobs", "Cryptography", "Migrator", "Tenancy", "TenantStore", "Postgres", "TestSupport",
            .product(name: "NIOCore", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
    ] + features.map { .target(name: $0, dependencies: featureDependencies, path: "Sources/Features/\($0)", swiftSettings: swiftSettings) }
)
