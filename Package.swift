// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ltx-prep",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ltx-prep", targets: ["ltx-prep"]),
        .library(name: "LTXMedia", targets: ["LTXMedia"]),
        .library(name: "LTXPreflight", targets: ["LTXPreflight"]),
        .library(name: "LTXClient", targets: ["LTXClient"]),
        .library(name: "LTXSandbox", targets: ["LTXSandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
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
        // The safe Swift layer over FFmpeg: owns every FFmpeg pointer.
        .target(
            name: "LTXMedia",
            dependencies: ["CFFmpeg"]
        ),
        // The API's rules as data plus code. No FFmpeg types in its public API.
        .target(
            name: "LTXPreflight",
            dependencies: ["LTXMedia"]
        ),
        // The LTX and Segmind HTTP APIs: requests, uploads, retries, costs.
        .target(
            name: "LTXClient",
            dependencies: [
                "LTXPreflight",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A local server that speaks the documented API, for tests and offline work.
        .target(
            name: "LTXSandbox",
            dependencies: [
                "LTXMedia",
                "LTXPreflight",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The CLI: a thin ArgumentParser layer over the libraries.
        .executableTarget(
            name: "ltx-prep",
            dependencies: [
                "LTXMedia",
                "LTXPreflight",
                "LTXClient",
                "LTXSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Where the tests find fixtures; shared by every test target.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LTXMediaTests", dependencies: ["LTXMedia", "TestSupport"]),
        .testTarget(name: "LTXPreflightTests", dependencies: ["LTXPreflight", "LTXMedia", "TestSupport"]),
        .testTarget(name: "LTXClientTests", dependencies: [
            "LTXClient", "LTXPreflight", "TestSupport", .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "_NIOFileSystem", package: "swift-nio"), .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "Logging", package: "swift-log"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "ltx-prepTests", dependencies: ["ltx-prep", "LTXMedia", "LTXClient", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
