// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ltx-prep",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ltx-prep", targets: ["ltx-prep"]),
        .library(name: "LTXMedia", targets: ["LTXMedia"]),
        .library(name: "LTXPreflight", targets: ["LTXPreflight"]),
        .library(name: "LTXContract", targets: ["LTXContract"]),
        .library(name: "LTXClient", targets: ["LTXClient"]),
        .library(name: "LTXWorkflow", targets: ["LTXWorkflow"]),
        .library(name: "LTXSandbox", targets: ["LTXSandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // No default traits for Hummingbird and OpenAPIRuntime: their FullFoundation trait imports
        // Foundation, which links libFoundation and ICU into the binary and its start-up.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Already Hummingbird's: named here so the sandbox can stop its server gracefully when cancelled.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4", traits: []),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        // SQLite bundled (no system library) and FoundationEssentials only; GRDB imports
        // Foundation in 58 files, which would link libFoundation and ICU into the binary.
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        // Review pages: templates whose every {{value}} is HTML-escaped (README "Visual review").
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // ZIP reading and writing for the HDR answers (ZIPs of EXR frames, stored or deflated).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // FileDescriptor, FilePath, Stat and Errno: the system calls, typed (already swift-nio's).
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // Double.pow, .log, .sin...: the colour curves' and test patterns' maths without importing the C library.
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // FFmpeg's C libraries, reached through exactly one system-library target.
        .systemLibrary(
            name: "CFFmpeg",
            path: "Sources/CFFmpeg",
            pkgConfig: "libavformat",
            providers: [
                .apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev", "libswscale-dev", "libswresample-dev"]),
                .brew(["ffmpeg"]),
            ]
        ),
        // System calls, once: swift-system plus the few calls it lacks; the only place that imports the C library.
        .target(name: "LTXSystem", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),
        // The safe Swift layer over FFmpeg: owns every FFmpeg pointer; imports CFFmpeg internally only.
        .target(name: "LTXMedia", dependencies: [
            "CFFmpeg", "LTXSystem", .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "RealModule", package: "swift-numerics"),
        ]),
        // Files written beside their final name and renamed into place; no media, no network.
        .target(name: "LTXFiles", dependencies: ["LTXSystem"]),
        // The API as one OpenAPI document (openapi.yaml): generated wire types, client and
        // server protocol (committed, `make openapi`), endpoints, errors, pricing.
        .target(
            name: "LTXContract",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            exclude: ["openapi-generator-config.yaml"]
        ),
        // The API's rules as data plus pure code, and fix plans. Writes no file.
        .target(name: "LTXPreflight", dependencies: ["LTXMedia", "LTXContract"]),
        // The LTX and Segmind HTTP APIs through the generated client: uploads, retries, downloads. No FFmpeg.
        .target(
            name: "LTXClient",
            dependencies: [
                "LTXContract",
                "LTXFiles",
                "LTXSystem",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Every paid request, in SQLite: what was sent, what came back, so nothing is paid twice.
        .target(name: "LTXJournal", dependencies: ["LTXFiles", "LTXSystem", .product(name: "SQLiteNIO", package: "sqlite-nio")]),
        // What ltx-prep does, for any Swift program: check, fix, deliver, generate, put back.
        .target(name: "LTXWorkflow", dependencies: ["LTXMedia", "LTXPreflight", "LTXClient", "LTXContract", "LTXFiles", "LTXJournal", "LTXSystem"]),
        // One self-contained HTML page of pictures and reports, for a person to look at: `check --html`, an edit's review.
        .target(name: "LTXReview", dependencies: [
            "LTXMedia", "LTXPreflight", "LTXFiles", "LTXWorkflow", "LTXJournal", "LTXContract", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // A local server that implements the generated server protocol of the same contract.
        .target(
            name: "LTXSandbox",
            dependencies: [
                "LTXContract",
                "LTXFiles",
                "LTXMedia",
                "LTXPreflight",
                "LTXSystem",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // argv for the Swift runtime from glibc, so start-up does not read /proc/self/maps
        // (see its source); linked into the CLI only.
        .target(name: "CCommandLine"),
        // The CLI: parsing and printing over LTXWorkflow.
        .executableTarget(
            name: "ltx-prep",
            dependencies: [
                "LTXWorkflow", "CCommandLine", "LTXSystem",
                "LTXSandbox", "LTXReview",
                // Imported for their value types only (reports, media facts, errors, wire types).
                "LTXMedia", "LTXPreflight", "LTXClient", "LTXContract", "LTXJournal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Where the tests find fixtures; shared by every test target.
        .target(name: "TestSupport", dependencies: ["LTXSandbox"], path: "Tests/TestSupport"),
        .testTarget(name: "LTXSystemTests", dependencies: ["LTXSystem", "LTXFiles", "TestSupport"]),
        .testTarget(name: "LTXMediaTests", dependencies: ["LTXMedia", "TestSupport"]),
        .testTarget(name: "LTXPreflightTests", dependencies: ["LTXPreflight", "LTXMedia", "LTXContract", "TestSupport"]),
        .testTarget(name: "LTXClientTests", dependencies: [
            "LTXClient", "LTXContract", "LTXMedia", "LTXSandbox", "TestSupport", .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "_NIOFileSystem", package: "swift-nio"), .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOPosix", package: "swift-nio"), .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "LTXWorkflowTests", dependencies: [
            "LTXWorkflow", "LTXPreflight", "LTXMedia", "LTXClient", "LTXContract", "LTXJournal", "LTXSandbox", "TestSupport",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "LTXReviewTests", dependencies: ["LTXReview", "LTXMedia", "TestSupport"]),
        .testTarget(name: "LTXJournalTests", dependencies: [
            "LTXJournal", "TestSupport", .product(name: "SQLiteNIO", package: "sqlite-nio"), .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "LTXSandboxTests", dependencies: [
            "LTXSandbox", "LTXContract", "TestSupport", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "ReadmeExamplesTests", dependencies: [
            "LTXWorkflow", "LTXClient", "LTXPreflight", "LTXMedia", "LTXSandbox", "LTXReview", "LTXJournal", "TestSupport",
        ]),
        .testTarget(name: "ltx-prepTests", dependencies: [
            "ltx-prep", "LTXPreflight", "LTXMedia", "LTXClient", "LTXContract", "LTXJournal", "TestSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
