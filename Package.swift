// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "halo",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "halo", targets: ["halo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The language: knows nothing of HTTP.
        .target(name: "HaloCore"),
        // The Halo REST client: knows nothing of the language.
        .target(name: "HaloClient"),
        // The embedded Halo-compatible server, seeded from seeds/.
        .target(name: "HaloSandbox", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The command: wires the language to the client and the sandbox.
        .executableTarget(name: "halo", dependencies: [
            "HaloCore", "HaloClient", "HaloSandbox",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "HaloCoreTests", dependencies: ["HaloCore"]),
        .testTarget(name: "HaloClientTests", dependencies: ["HaloClient", "HaloSandbox"]),
        .testTarget(name: "HaloSandboxTests", dependencies: ["HaloSandbox"]),
        .testTarget(name: "HaloCLITests", dependencies: ["HaloSandbox"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
