// swift-tools-version:6.0
// The generator's CLI, built once to regenerate Sources/LTXContract/Generated
// (`make openapi`). Not a build plugin: the plugin would make every clean build
// (CI's included) compile OpenAPIKit, Yams and the generator first.
import PackageDescription

let package = Package(
    name: "openapi-generator",
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3"),
    ],
    targets: []
)
